#include "core/transfer/DicomDirWriter.h"

#include <QCoreApplication>
#include <QFile>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcddirif.h>

namespace lightbox {
DicomDirWriter::DicomDirWriter() = default;
DicomDirWriter::~DicomDirWriter() = default;

bool DicomDirWriter::create(const QString &folder, QString *error)
{
    m_folder = folder;
    m_dir = std::make_unique<DicomDirInterface>();
    m_dir->disableTransferSyntaxCheck();
    m_dir->disableEncodingCheck();
    m_dir->disableResolutionCheck();
    m_dir->enableInventMode();
    m_dir->enableInventPatientIDMode();
    m_dir->enableRetiredSOPClassSupport();
    m_dir->disableBackupMode();
    const QString path = folder + QStringLiteral("/DICOMDIR");
    const OFCondition cond = m_dir->createNewDicomDir(DicomDirInterface::AP_GeneralPurpose,
                                                      OFFilename(QFile::encodeName(path).constData()), "LIGHTBOX");
    if (cond.bad()) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Exporter", "cannot create the DICOMDIR (%1)")
                         .arg(QString::fromLatin1(cond.text()));
        m_dir.reset();
        return false;
    }
    return true;
}

bool DicomDirWriter::add(const QString &relativePath, QString *error)
{
    if (!m_dir)
        return false;
    const OFCondition cond = m_dir->addDicomFile(OFFilename(QFile::encodeName(relativePath).constData()),
                                                 OFFilename(QFile::encodeName(m_folder).constData()));
    if (cond.bad()) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Exporter", "%1 is not listed in the DICOMDIR (%2)")
                         .arg(relativePath, QString::fromLatin1(cond.text()));
        return false;
    }
    return true;
}

bool DicomDirWriter::write(QString *error)
{
    if (!m_dir)
        return false;
    const OFCondition cond = m_dir->writeDicomDir();
    if (cond.bad()) {
        if (error)
            *error = QCoreApplication::translate("lightbox::Exporter", "cannot write the DICOMDIR (%1)")
                         .arg(QString::fromLatin1(cond.text()));
        return false;
    }
    return true;
}

} // namespace lightbox
