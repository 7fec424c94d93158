#pragma once

#include "core/common/Destination.h"
#include "core/index/IndexRecords.h"
#include "core/net/AssociationInfo.h"

#include <QFuture>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QToolBar;
class QToolButton;

namespace lightbox {

class ActivityPanel;
class ViewerWindow;
class LogBridge;
class SettingsDialog;
class OutboundController;
class TransferController;
class DeletionController;
class StudyBrowser;
class SyncController;
class Workstation;

/// The Lightbox window: the study browser as home, the activity panel as a dock, a status bar with the
/// listener, totals and the last arrival. A view of the Workstation service, never a second implementation.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// @param settings the application settings (window geometry and column layout are kept there).
    MainWindow(Workstation &workstation, QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts the service (index, listener) and the first query. A listener that cannot start is shown in the
    /// status bar and the activity panel; a storage folder that cannot be opened is shown in a dialog.
    /// @return false when the storage cannot be opened at all.
    bool startService(QString *error = nullptr);

    /// "1 study" / "3 studies" (and images, files): German counts like English, one form for 1, one for more.
    static QString patientsText(qsizetype count);
    static QString studiesText(qsizetype count);
    static QString imagesText(qsizetype count);
    static QString filesText(qsizetype count);

    StudyBrowser *browser() const { return m_browser; }
    ActivityPanel *activity() const { return m_activity; }

    /// Imports files, folders, DICOMDIRs or zip archives through the ingest path, as a job with progress.
    void importPaths(const QStringList &paths);
    /// Exports @p studyUids into @p folder with a DICOMDIR (anonymized if asked), as a job with progress.
    void exportStudies(const QStringList &studyUids, const QString &folder, bool anonymize);
    /// Deletes studies (or, with @p series, the series) without asking: the confirmation is the caller's.
    void deleteStudies(const QStringList &studyUids);
    /// Opens @p studyUid in a viewer window (and @p seriesUid in its first viewport, if given); an open viewer of
    /// the study comes to the front instead.
    void openStudy(const QString &studyUid, const QString &seriesUid);
    /// The viewer windows open now.
    QList<ViewerWindow *> viewers() const;
    void deleteSeries(const QStringList &seriesUids);
    /// Opens the settings dialog (Edit ▸ Settings…, or a click on the listener state), or raises the open one.
    /// Applying its node settings restarts the listener (Workstation::applyNodeSettings).
    SettingsDialog *openSettings();

    /// Sends the stored instances of @p studyUids to the destination called @p destinationName (C-STORE), as a
    /// job with progress: the files are looked up in the index off the GUI thread.
    void sendStudies(const QStringList &studyUids, const QString &destinationName);
    /// The same for series.
    void sendSeries(const QStringList &seriesUids, const QString &destinationName);
    /// Retrieves @p studyUids from the remote source chosen in the browser (C-MOVE or C-GET, as its destination
    /// says), as a job with progress; what arrives is stored and indexed like any arrival.
    void retrieveStudies(const QStringList &studyUids);
    /// Retrieves @p seriesUids of @p studyUid from the remote source chosen in the browser.
    void retrieveSeries(const QString &studyUid, const QStringList &seriesUids);
    /// The destinations table as last loaded from the settings.
    QList<Destination> destinations() const;
    /// "Send to ▸", Retrieve and their jobs.
    OutboundController *outbound() const { return m_outbound; }
    /// Sync Now / Sync All / Retry Failed and the sync status label.
    SyncController *syncUi() const { return m_syncUi; }

public Q_SLOTS:
    /// Reads the destinations table from the settings again: the "Send to" menus and the browser's remote
    /// sources follow. Call after the settings changed.
    void reloadDestinations();

Q_SIGNALS:
    /// The settings dialog saved the destinations table (already in the settings file).
    void destinationsChanged(const QList<lightbox::Destination> &destinations);
    /// A job (import/export/delete/send/retrieve) finished; @p summary is the line shown for it.
    void jobFinished(const QString &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void updateActions();
    void updateListenerStatus();
    void updateEmptyText();
    void onStudiesChanged(const QStringList &studyUids, qint64 committedAtMs);
    void onAssociationFinished(const lightbox::AssociationSummary &summary);
    void onArrivalsShown(const QStringList &studyUids, qint64 latencyMs);
    void onStats(const lightbox::IndexStats &stats);
    void openSelected();
    void openPriors(const QString &patientId, const QString &studyUid);
    void refreshOpenViewers(const QStringList &studyUids);
    void showStudyContextMenu(const QPoint &globalPos);
    void setLanguage(const QString &code);
    void showAbout();

    Workstation &m_workstation;
    QSettings &m_settings;
    StudyBrowser *m_browser = nullptr;
    ActivityPanel *m_activity = nullptr;
    QDockWidget *m_activityDock = nullptr;
    LogBridge *m_logBridge = nullptr;

    QLabel *m_listenerLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QLabel *m_arrivalLabel = nullptr;
    QToolButton *m_activityButton = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_importFilesAction = nullptr;
    QAction *m_importFolderAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportAnonymizedAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_deleteSeriesAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    OutboundController *m_outbound = nullptr;
    TransferController *m_transfers = nullptr;
    DeletionController *m_deletions = nullptr;
    SyncController *m_syncUi = nullptr;
    QToolBar *m_remoteToolBar = nullptr;

    bool m_listening = false;
    QString m_listenerError;
    int m_openAssociations = 0;
    bool m_statsPending = false;
    QList<QPointer<ViewerWindow>> m_viewers;
    bool m_firstRowsLogged = false;
};

} // namespace lightbox
