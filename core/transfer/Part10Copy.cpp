#include "core/transfer/Part10Copy.h"

#include "core/transfer/DicomFileProbe.h"

#include <QCoreApplication>
#include <QFile>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>

namespace lightbox {

bool copyAsPart10(const QString &source, const QString &target, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        QFile::remove(target);
        return false;
    };
    if (DicomFileProbe::hasPart10Header(source)) {
        if (!QFile::copy(source, target))
            return fail(QCoreApplication::translate("lightbox::Exporter", "cannot copy %1 to %2 (disk full?)")
                            .arg(source, target));
        QFile::setPermissions(
            target, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        return true;
    }
    DcmFileFormat file;
    OFCondition cond = file.loadFile(OFFilename(QFile::encodeName(source).constData()));
    if (cond.good()) {
        E_TransferSyntax xfer = file.getDataset()->getOriginalXfer();
        if (xfer == EXS_Unknown)
            xfer = EXS_LittleEndianExplicit;
        cond = file.saveFile(OFFilename(QFile::encodeName(target).constData()), xfer, EET_ExplicitLength, EGL_recalcGL,
                             EPD_noChange, 0, 0, EWM_createNewMeta);
    }
    if (cond.bad())
        return fail(QCoreApplication::translate("lightbox::Exporter", "cannot write %1 (%2)")
                        .arg(target, QString::fromLatin1(cond.text())));
    return true;
}

} // namespace lightbox
