#include "core/dicom/DicomFileReader.h"

#include "core/common/Logging.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcspchrs.h>
#include <dcmtk/dcmdata/dcxfer.h>

namespace lightbox {
namespace {

QString stringOf(DcmItem &item, const DcmTagKey &tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value, OFFalse).bad())
        return {};
    return QString::fromUtf8(value.c_str(), static_cast<qsizetype>(value.length())).trimmed();
}

int intOf(DcmItem &item, const DcmTagKey &tag)
{
    Sint32 s = 0;
    if (item.findAndGetSint32(tag, s).good())
        return s;
    Uint16 u = 0;
    if (item.findAndGetUint16(tag, u).good())
        return u;
    return 0;
}

} // namespace

std::optional<InstanceMetadata> DicomFileReader::readMetadata(const QString &path, QString *error)
{
    DcmFileFormat file;
    const OFFilename name(path.toLocal8Bit().constData());
    // Everything up to the pixel data: that is all the index needs, and it keeps big files cheap.
    OFCondition cond
        = file.loadFileUntilTag(name, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (cond.bad()) {
        if (error)
            *error = QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(cond.text()));
        return std::nullopt;
    }
    DcmDataset &ds = *file.getDataset();
    DcmMetaInfo &meta = *file.getMetaInfo();

    InstanceMetadata m;
    OFString charset;
    if (ds.findAndGetOFStringArray(DCM_SpecificCharacterSet, charset).good())
        m.specificCharacterSet = QString::fromLatin1(charset.c_str()).trimmed();
    if (!m.specificCharacterSet.isEmpty() && m.specificCharacterSet != QLatin1String("ISO_IR 192")) {
        cond = ds.convertToUTF8();
        if (cond.bad()) {
            m.charsetConverted = false;
            qCWarning(lcDicom).noquote() << "Could not convert text of" << path << "from" << m.specificCharacterSet
                                         << "to UTF-8:" << cond.text();
        }
    }

    m.patientId = stringOf(ds, DCM_PatientID);
    m.patientName = stringOf(ds, DCM_PatientName);
    m.patientBirthDate = stringOf(ds, DCM_PatientBirthDate);
    m.patientSex = stringOf(ds, DCM_PatientSex);
    m.studyInstanceUid = stringOf(ds, DCM_StudyInstanceUID);
    m.studyDate = stringOf(ds, DCM_StudyDate);
    m.studyTime = stringOf(ds, DCM_StudyTime);
    m.studyId = stringOf(ds, DCM_StudyID);
    m.accessionNumber = stringOf(ds, DCM_AccessionNumber);
    m.studyDescription = stringOf(ds, DCM_StudyDescription);
    m.referringPhysicianName = stringOf(ds, DCM_ReferringPhysicianName);
    m.seriesInstanceUid = stringOf(ds, DCM_SeriesInstanceUID);
    m.modality = stringOf(ds, DCM_Modality);
    m.seriesNumber = stringOf(ds, DCM_SeriesNumber);
    m.seriesDescription = stringOf(ds, DCM_SeriesDescription);
    m.bodyPartExamined = stringOf(ds, DCM_BodyPartExamined);
    m.sopClassUid = stringOf(ds, DCM_SOPClassUID);
    m.sopInstanceUid = stringOf(ds, DCM_SOPInstanceUID);
    m.instanceNumber = stringOf(ds, DCM_InstanceNumber);
    m.numberOfFrames = intOf(ds, DCM_NumberOfFrames);
    m.rows = intOf(ds, DCM_Rows);
    m.columns = intOf(ds, DCM_Columns);

    OFString ts;
    if (meta.findAndGetOFString(DCM_TransferSyntaxUID, ts).good() && !ts.empty()) {
        m.transferSyntaxUid = QString::fromLatin1(ts.c_str()).trimmed();
    } else {
        const DcmXfer xfer(ds.getOriginalXfer());
        m.transferSyntaxUid = QString::fromLatin1(xfer.getXferID());
    }
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
