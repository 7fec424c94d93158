#include "core/dicom/DicomFileReader.h"

#include "core/common/Logging.h"
#include "core/dicom/CharsetDecoder.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QFile>

#include <memory>

namespace lightbox {
namespace {

/// The value of an element exactly as stored: padding kept, no character set conversion. Elements with
/// VR UN (e.g. an explicit VR file written without a dictionary) give their bytes too.
QByteArrayView rawOf(DcmItem &item, const DcmTagKey &tag)
{
    DcmElement *element = nullptr;
    if (item.findAndGetElement(tag, element, OFFalse).bad() || !element || element->getLength() == 0)
        return {};
    if (element->ident() == EVR_UN) {
        Uint8 *bytes = nullptr;
        if (element->getUint8Array(bytes).bad() || !bytes)
            return {};
        return QByteArrayView(bytes, static_cast<qsizetype>(element->getLength()));
    }
    char *text = nullptr;
    Uint32 length = 0;
    if (element->getString(text, length).bad() || !text)
        return {};
    return QByteArrayView(text, static_cast<qsizetype>(length));
}

/// One value without its padding: trailing spaces and NULs, leading spaces (as pydicom reads it).
QStringView unpadded(QStringView value)
{
    while (!value.isEmpty() && (value.back() == u' ' || value.back() == u'\0'))
        value.chop(1);
    while (!value.isEmpty() && value.front() == u' ')
        value = value.sliced(1);
    return value;
}

/// Each value unpadded; for person names, empty trailing component groups dropped ("A^B=" → "A^B").
QString normalised(const QString &decoded, bool personName)
{
    QString out;
    out.reserve(decoded.size());
    const auto values = QStringView(decoded).split(u'\\');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += u'\\';
        QStringView value = unpadded(values[i]);
        if (personName) {
            while (value.endsWith(u'='))
                value = unpadded(value.chopped(1));
        }
        out += value;
    }
    return out;
}

/// ASCII-only attributes (UIDs, dates, codes, numbers): no character set applies.
QString asciiOf(DcmItem &item, const DcmTagKey &tag)
{
    return normalised(QString::fromLatin1(rawOf(item, tag)), false);
}

int intOf(DcmItem &item, const DcmTagKey &tag)
{
    DcmElement *element = nullptr;
    if (item.findAndGetElement(tag, element, OFFalse).bad() || !element || element->getLength() == 0)
        return 0;
    switch (element->ident()) {
    case EVR_US: {
        Uint16 u = 0;
        return element->getUint16(u).good() ? u : 0;
    }
    case EVR_UN: { // little endian bytes of a US value
        const QByteArrayView raw = rawOf(item, tag);
        return raw.size() >= 2 ? static_cast<uchar>(raw[0]) | (static_cast<uchar>(raw[1]) << 8) : 0;
    }
    default:
        break;
    }
    Sint32 s = 0;
    if (element->getSint32(s).good())
        return s;
    // IS: pydicom reads " 2 " as 2 and gives up on "1A"; so do we.
    bool ok = false;
    const int value = rawOf(item, tag).toByteArray().trimmed().toInt(&ok);
    return ok ? value : 0;
}

/// Reads meta header and data set with the data set's transfer syntax detected from its first bytes,
/// for files whose meta header names another one (pydicom reads those; DCMTK only with a global flag).
OFCondition loadDetectingTransferSyntax(DcmFileFormat &file, const OFFilename &name)
{
    DcmInputFileStream stream(name);
    if (stream.status().bad())
        return stream.status();
    DcmMetaInfo &meta = *file.getMetaInfo();
    meta.transferInit();
    OFCondition cond = meta.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    meta.transferEnd();
    if (cond.bad())
        return cond;
    DcmDataset &ds = *file.getDataset();
    ds.transferInit();
    cond = ds.readUntilTag(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, DCM_PixelData);
    ds.transferEnd();
    return cond;
}

bool hasIdentity(DcmItem &ds)
{
    for (const DcmTagKey &tag : {DCM_SOPClassUID, DCM_SOPInstanceUID, DCM_StudyInstanceUID, DCM_SeriesInstanceUID}) {
        if (asciiOf(ds, tag).isEmpty())
            return false;
    }
    return true;
}

} // namespace

bool DicomFileReader::looksLikeDicom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(132);
    if (head.size() >= 132 && head.mid(128, 4) == "DICM")
        return true;
    if (head.size() < 8)
        return false;
    if (quint8(head[0]) == 0x1f && quint8(head[1]) == 0x8b)
        return true; // gzip: DCMTK reads a DICOM file compressed as a whole, and tells what else it is
    for (const quint16 group : {quint16(quint8(head[0]) | quint8(head[1]) << 8), // little endian
                                quint16(quint8(head[1]) | quint8(head[0]) << 8)}) { // big endian (retired)
        // A dataset starts with its lowest group: 0002 (meta), 0004 (DICOMDIR), 0008 nearly always, or a later
        // standard group when the file is sparse. Text, images, archives and programs start with bytes no DICOM
        // group near this has (ASCII text reads as 2020 and up, "MZ" as 5A4D, PNG as 5089).
        if (group >= 0x0002 && group <= 0x0028 && group % 2 == 0)
            return true;
    }
    return false;
}

std::optional<InstanceMetadata> DicomFileReader::readMetadata(const QString &path, QString *error)
{
    auto file = std::make_unique<DcmFileFormat>();
    const OFFilename name(path.toLocal8Bit().constData());
    // Everything up to the pixel data: that is all the index needs, and it keeps big files cheap.
    const OFCondition cond
        = file->loadFileUntilTag(name, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (cond.bad()) {
        auto retry = std::make_unique<DcmFileFormat>();
        if (loadDetectingTransferSyntax(*retry, name).good()) {
            file = std::move(retry);
        } else if ((cond != EC_StreamNotifyClient && cond != EC_InvalidStream) || !hasIdentity(*file->getDataset())) {
            if (error)
                *error = QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(cond.text()));
            return std::nullopt;
        }
        // Otherwise the file ends early, after its identifying attributes: index what was read (so does pydicom).
    }
    DcmDataset &ds = *file->getDataset();
    DcmMetaInfo &meta = *file->getMetaInfo();

    InstanceMetadata m;
    const QByteArrayView charset = rawOf(ds, DCM_SpecificCharacterSet);
    m.specificCharacterSet = normalised(QString::fromLatin1(charset), false);
    const CharsetDecoder decoder(charset);
    auto text = [&](const DcmTagKey &tag) {
        return normalised(decoder.decode(rawOf(ds, tag), CharsetDecoder::Vr::Text), false);
    };
    auto personName = [&](const DcmTagKey &tag) {
        return normalised(decoder.decode(rawOf(ds, tag), CharsetDecoder::Vr::PersonName), true);
    };

    m.patientId = text(DCM_PatientID);
    m.patientName = personName(DCM_PatientName);
    m.patientBirthDate = asciiOf(ds, DCM_PatientBirthDate);
    m.patientSex = asciiOf(ds, DCM_PatientSex);
    m.studyInstanceUid = asciiOf(ds, DCM_StudyInstanceUID);
    m.studyDate = asciiOf(ds, DCM_StudyDate);
    m.studyTime = asciiOf(ds, DCM_StudyTime);
    m.studyId = text(DCM_StudyID);
    m.accessionNumber = text(DCM_AccessionNumber);
    m.studyDescription = text(DCM_StudyDescription);
    m.referringPhysicianName = personName(DCM_ReferringPhysicianName);
    m.seriesInstanceUid = asciiOf(ds, DCM_SeriesInstanceUID);
    m.modality = asciiOf(ds, DCM_Modality);
    m.seriesNumber = asciiOf(ds, DCM_SeriesNumber);
    m.seriesDescription = text(DCM_SeriesDescription);
    m.bodyPartExamined = asciiOf(ds, DCM_BodyPartExamined);
    m.sopClassUid = asciiOf(ds, DCM_SOPClassUID);
    m.sopInstanceUid = asciiOf(ds, DCM_SOPInstanceUID);
    m.instanceNumber = asciiOf(ds, DCM_InstanceNumber);
    m.numberOfFrames = intOf(ds, DCM_NumberOfFrames);
    m.rows = intOf(ds, DCM_Rows);
    m.columns = intOf(ds, DCM_Columns);

    m.charsetConverted = decoder.ok();
    if (!m.charsetConverted) {
        // Debug only: a misconfigured modality would otherwise log this for every instance it sends.
        qCDebug(lcDicom).noquote() << "Text of" << path << "is best effort: Specific Character Set"
                                   << m.specificCharacterSet
                                   << (decoder.unknownTerms().isEmpty()
                                           ? QStringLiteral("does not match the bytes")
                                           : QStringLiteral("has unknown values ") + decoder.unknownTerms());
    }

    const QString ts = asciiOf(meta, DCM_TransferSyntaxUID);
    m.transferSyntaxUid = ts.isEmpty() ? QString::fromLatin1(DcmXfer(ds.getOriginalXfer()).getXferID()) : ts;
    return m;
}

bool isValidUid(const QString &uid)
{
    if (uid.isEmpty() || uid.size() > 64)
        return false;
    bool componentStart = true;
    for (qsizetype i = 0; i < uid.size(); ++i) {
        const QChar c = uid.at(i);
        if (c == QLatin1Char('.')) {
            if (componentStart)
                return false;
            componentStart = true;
        } else if (c.isDigit() && c.unicode() < 128) {
            // A component may be "0" but may not otherwise start with 0.
            if (componentStart && c == QLatin1Char('0') && i + 1 < uid.size() && uid.at(i + 1) != QLatin1Char('.'))
                return false;
            componentStart = false;
        } else {
            return false;
        }
    }
    return !componentStart;
}

} // namespace lightbox
