#include "ui/mainwindow/TransferController.h"

#include "core/service/Workstation.h"
#include "core/transfer/Exporter.h"
#include "core/transfer/Importer.h"
#include "ui/activity/ActivityPanel.h"
#include "ui/mainwindow/MainWindow.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QSettings>

#include <memory>

namespace lightbox {

TransferController::TransferController(Workstation &workstation, ActivityPanel *activity, QSettings &settings,
                                       QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workstation(workstation)
    , m_activity(activity)
    , m_settings(settings)
    , m_dialogParent(dialogParent)
{
}

void TransferController::chooseImportFiles()
{
    const QString start = m_settings.value(QStringLiteral("ui/lastImportFolder")).toString();
    const QStringList files = QFileDialog::getOpenFileNames(
        m_dialogParent, tr("Import DICOM files"), start,
        tr("DICOM files, DICOMDIR and zip archives (*.dcm *.DCM DICOMDIR *.zip *.ZIP);;All files (*)"));
    if (files.isEmpty())
        return;
    m_settings.setValue(QStringLiteral("ui/lastImportFolder"), QFileInfo(files.first()).absolutePath());
    importPaths(files);
}

void TransferController::chooseImportFolder()
{
    const QString start = m_settings.value(QStringLiteral("ui/lastImportFolder")).toString();
    const QString folder = QFileDialog::getExistingDirectory(m_dialogParent, tr("Import a folder"), start);
    if (folder.isEmpty())
        return;
    m_settings.setValue(QStringLiteral("ui/lastImportFolder"), folder);
    importPaths({folder});
}

void TransferController::importPaths(const QStringList &paths)
{
    InstanceSink *sink = m_workstation.ingest();
    if (!sink) {
        QMessageBox::warning(m_dialogParent, tr("Import"), tr("The storage is not open, so nothing can be imported."));
        return;
    }
    auto importer = std::make_shared<Importer>(*sink, m_workstation.location());
    auto *watcher = new QFutureWatcher<ImportSummary>(this);
    const QString title = paths.size() == 1 ? tr("Importing %1").arg(QFileInfo(paths.first()).fileName())
                                            : tr("Importing %1 items").arg(paths.size());
    m_activity->trackJob(title, watcher);
    Q_EMIT jobStarted();
    // Cancelling the future would drop the summary: the Cancel button asks the importer instead.
    connect(watcher, &QFutureWatcherBase::canceled, this, [importer] { importer->cancel(); });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, importer] {
        const ImportSummary s = importer->summary();
        QString line
            = tr("%1 imported, %2 already stored, %3 skipped").arg(s.imported).arg(s.alreadyStored).arg(s.skipped);
        if (s.cancelled)
            line = tr("Cancelled: %1").arg(line);
        for (const SkippedFile &f : s.skippedFiles)
            m_activity->addMessage(QtInfoMsg, tr("Import skipped %1: %2").arg(f.path, f.reason));
        m_activity->setJobResult(watcher, line);
        Q_EMIT jobFinished(line);
        watcher->deleteLater();
    });
    watcher->setFuture(importer->start(paths));
}

void TransferController::chooseExport(const QStringList &uids, bool anonymize)
{
    if (uids.isEmpty())
        return;
    const QString start = m_settings.value(QStringLiteral("ui/lastExportFolder")).toString();
    const QString folder = QFileDialog::getExistingDirectory(
        m_dialogParent, anonymize ? tr("Export anonymized to folder") : tr("Export to folder"), start);
    if (folder.isEmpty())
        return;
    m_settings.setValue(QStringLiteral("ui/lastExportFolder"), folder);
    exportStudies(uids, folder, anonymize);
}

void TransferController::exportStudies(const QStringList &studyUids, const QString &folder, bool anonymize)
{
    ExportRequest request;
    request.studyInstanceUids = studyUids;
    request.targetFolder = folder;
    request.anonymize = anonymize;
    auto exporter = std::make_shared<Exporter>(m_workstation.location());
    auto *watcher = new QFutureWatcher<ExportSummary>(this);
    m_activity->trackJob(
        anonymize ? tr("Exporting %1 anonymized to %2").arg(MainWindow::studiesText(studyUids.size()), folder)
                  : tr("Exporting %1 to %2").arg(MainWindow::studiesText(studyUids.size()), folder),
        watcher);
    Q_EMIT jobStarted();
    connect(watcher, &QFutureWatcherBase::canceled, this, [exporter] { exporter->cancel(); });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, exporter] {
        const ExportSummary s = exporter->summary();
        QString line = s.error.isEmpty()
            ? tr("%1 exported to %2").arg(MainWindow::imagesText(s.exported), s.dicomDirPath)
            : tr("Export failed: %1").arg(s.error);
        if (s.failed > 0)
            line += QLatin1Char(' ') + tr("(%1 could not be written)").arg(s.failed);
        for (const QString &problem : s.errors)
            m_activity->addMessage(QtWarningMsg, problem);
        if (s.cancelled)
            line = tr("Cancelled: %1").arg(line);
        m_activity->setJobResult(watcher, line, !s.error.isEmpty() || s.failed > 0);
        Q_EMIT jobFinished(line);
        watcher->deleteLater();
    });
    watcher->setFuture(exporter->start(request));
}

} // namespace lightbox
