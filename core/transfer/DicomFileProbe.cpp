#include "core/transfer/DicomFileProbe.h"

#include "core/dicom/DicomFileReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace lightbox {
namespace {

bool isDicomDirMeta(const QString &path)
{
    DcmMetaInfo meta;
    if (meta.loadFile(OFFilename(QFile::encodeName(path).constData())).bad())
        return false;
    OFString sopClass;
    meta.findAndGetOFString(DCM_MediaStorageSOPClassUID, sopClass);
    return sopClass == UID_MediaStorageDirectoryStorage;
}

} // namespace

bool DicomFileProbe::hasPart10Header(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(128))
        return false;
    return file.read(4) == QByteArrayLiteral("DICM");
}

DicomFileProbe::Result DicomFileProbe::probe(const QString &path)
{
    Result result;
    const bool part10 = hasPart10Header(path);
    if (part10 && isDicomDirMeta(path)) {
        result.kind = Kind::DicomDir;
        result.reason
            = QCoreApplication::translate("lightbox::Importer", "a DICOMDIR (its referenced files are imported)");
        return result;
    }
    QString error;
    std::optional<InstanceMetadata> meta = DicomFileReader::readMetadata(path, &error);
    const bool looksLikeData = meta
        && (!meta->sopInstanceUid.isEmpty() || !meta->studyInstanceUid.isEmpty() || !meta->sopClassUid.isEmpty());
    if (!part10 && !looksLikeData) {
        if (QFileInfo(path).fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0) {
            result.kind = Kind::DicomDir;
            result.reason
                = QCoreApplication::translate("lightbox::Importer", "a DICOMDIR (its referenced files are imported)");
        } else {
            result.reason = QCoreApplication::translate("lightbox::Importer", "not a DICOM file");
        }
        return result;
    }
    if (!meta) {
        result.reason = QCoreApplication::translate("lightbox::Importer", "damaged DICOM file (%1)").arg(error);
        return result;
    }
    if (meta->sopInstanceUid.isEmpty()) {
        result.reason = QCoreApplication::translate("lightbox::Importer", "no SOP Instance UID");
        return result;
    }
    if (meta->sopClassUid.isEmpty()) {
        result.reason = QCoreApplication::translate("lightbox::Importer", "no SOP Class UID");
        return result;
    }
    if (meta->studyInstanceUid.isEmpty() || meta->seriesInstanceUid.isEmpty()) {
        result.reason = QCoreApplication::translate("lightbox::Importer", "no Study or Series Instance UID");
        return result;
    }
    result.kind = Kind::Instance;
    result.meta = std::move(*meta);
    return result;
}

} // namespace lightbox
