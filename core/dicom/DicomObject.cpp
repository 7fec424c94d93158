#include "core/dicom/DicomObject.h"

#include "core/dicom/DicomObjectData.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <QFile>

namespace lightbox {
namespace {

QString stringOf(DicomObject::Data *data, const DcmTagKey &tag)
{
    if (!data)
        return {};
    OFString value;
    if (data->file.getDataset()->findAndGetOFString(tag, value).bad())
        return {};
    return QString::fromLatin1(value.c_str()).trimmed();
}

} // namespace

DicomObject::DicomObject(std::shared_ptr<Data> data)
    : m_data(std::move(data))
{
}

QString DicomObject::sopClassUid() const
{
    return stringOf(m_data.get(), DCM_SOPClassUID);
}

QString DicomObject::sopInstanceUid() const
{
    return stringOf(m_data.get(), DCM_SOPInstanceUID);
}

QString DicomObject::transferSyntaxUid() const
{
    if (!m_data)
        return {};
    return QString::fromLatin1(DcmXfer(m_data->transferSyntax).getXferID());
}

bool DicomObject::save(const QString &path, QString *error) const
{
    if (!m_data) {
        if (error)
            *error = QStringLiteral("nothing to write: the DICOM object is empty");
        return false;
    }
    const OFCondition cond = m_data->file.saveFile(OFFilename(QFile::encodeName(path).constData()),
                                                   m_data->transferSyntax, EET_ExplicitLength, EGL_recalcGL);
    if (cond.bad()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, QString::fromLatin1(cond.text()));
        return false;
    }
    return true;
}

} // namespace lightbox
