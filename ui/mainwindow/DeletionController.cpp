#include "ui/mainwindow/DeletionController.h"

#include "core/service/Workstation.h"
#include "ui/activity/ActivityPanel.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/common/DicomFormat.h"
#include "ui/mainwindow/MainWindow.h"

#include <QFutureWatcher>
#include <QMessageBox>

namespace lightbox {

DeletionController::DeletionController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity,
                                       QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workstation(workstation)
    , m_browser(browser)
    , m_activity(activity)
    , m_dialogParent(dialogParent)
{
}

void DeletionController::confirmDeleteStudies()
{
    const QStringList uids = m_browser->selectedStudyUids();
    if (uids.isEmpty())
        return;
    int images = 0;
    QStringList names;
    for (const QString &uid : uids) {
        const std::optional<StudyRow> row = m_browser->localStudy(uid);
        if (!row)
            continue;
        images += row->instanceCount;
        const QString name = dicomformat::personName(row->patientName);
        if (!names.contains(name))
            names << name;
    }
    const QString who = names.size() <= 3 ? names.join(QStringLiteral("; ")) : tr("%1 patients").arg(names.size());
    const QString question = uids.size() == 1
        ? tr("Delete the study of %1 (%2) from this workstation?").arg(who, MainWindow::imagesText(images))
        : tr("Delete %1 of %2 (%3) from this workstation?")
              .arg(MainWindow::studiesText(uids.size()), who, MainWindow::imagesText(images));
    const auto answer = QMessageBox::warning(m_dialogParent, tr("Delete"),
                                             question + QStringLiteral("\n\n")
                                                 + tr("The files are removed from disk. This cannot be undone."),
                                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteStudies(uids);
}

void DeletionController::confirmDeleteSeries()
{
    QStringList uids = m_browser->seriesPanel()->selectedSeriesUids();
    if (uids.isEmpty()) {
        QMessageBox::information(m_dialogParent, tr("Delete series"),
                                 tr("Select the series to delete in the series list first."));
        return;
    }
    const auto answer = QMessageBox::warning(
        m_dialogParent, tr("Delete series"),
        (uids.size() == 1 ? tr("Delete this series from this workstation?")
                          : tr("Delete %1 series from this workstation?").arg(uids.size()))
            + QStringLiteral("\n\n") + tr("The files are removed from disk. This cannot be undone."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteSeries(uids);
}

void DeletionController::deleteStudies(const QStringList &studyUids)
{
    track(tr("Deleting %1").arg(MainWindow::studiesText(studyUids.size())), m_workstation.deleteStudies(studyUids));
}

void DeletionController::deleteSeries(const QStringList &seriesUids)
{
    track(seriesUids.size() == 1 ? tr("Deleting 1 series") : tr("Deleting %1 series").arg(seriesUids.size()),
          m_workstation.deleteSeries(seriesUids));
}

void DeletionController::track(const QString &title, const QFuture<DeleteResult> &future)
{
    auto *watcher = new QFutureWatcher<DeleteResult>(this);
    m_activity->trackJob(title, watcher);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const DeleteResult r = watcher->result();
        const QString line = r.error.isEmpty() ? deletedText(r) : tr("Delete failed: %1").arg(r.error);
        m_activity->setJobResult(watcher, line, !r.error.isEmpty());
        Q_EMIT jobFinished(line);
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

QString DeletionController::deletedText(const DeleteResult &result)
{
    return tr("Deleted %1 (%2).")
        .arg(MainWindow::imagesText(result.instancesRemoved), MainWindow::filesText(result.filesRemoved));
}

} // namespace lightbox
