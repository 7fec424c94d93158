#include "ui/mainwindow/MainWindow.h"

#include "core/index/IndexReader.h"
#include "core/net/DicomListener.h"
#include "core/service/Workstation.h"
#include "core/transfer/Exporter.h"
#include "core/transfer/Importer.h"
#include "ui/activity/ActivityPanel.h"
#include "ui/activity/LogBridge.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/browser/StudyQueryWorker.h"
#include "ui/browser/UnifiedStudyModel.h"
#include "ui/common/DicomFormat.h"
#include "ui/mainwindow/DeletionController.h"
#include "ui/mainwindow/LaunchClock.h"
#include "ui/mainwindow/OutboundController.h"
#include "ui/mainwindow/SyncController.h"
#include "ui/mainwindow/TransferController.h"
#include "ui/settings/DestinationsPage.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/viewer/ViewerStudy.h"
#include "ui/viewer/ViewerWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStorageInfo>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcUi, "lightbox.ui", QtInfoMsg)

namespace lightbox {

MainWindow::MainWindow(Workstation &workstation, QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_workstation(workstation)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Lightbox"));
    setWindowIcon(QIcon(QStringLiteral(":/lightbox/lightbox.svg")));

    const StorageLocation &location = workstation.location();
    m_browser = new StudyBrowser(location.indexPath(), location.filesDir(),
                                 location.root() + QStringLiteral("/thumbnails"), this);
    setCentralWidget(m_browser);

    m_activity = new ActivityPanel(this);
    m_activityDock = new QDockWidget(tr("Activity"), this);
    m_activityDock->setObjectName(QStringLiteral("activityDock"));
    m_activityDock->setWidget(m_activity);
    addDockWidget(Qt::BottomDockWidgetArea, m_activityDock);
    m_activityDock->hide();

    m_logBridge = new LogBridge(this);
    connect(m_logBridge, &LogBridge::message, m_activity,
            [this](QtMsgType type, const QString &, const QString &text) { m_activity->addMessage(type, text); });

    m_outbound = new OutboundController(workstation, m_browser, m_activity, this);
    m_transfers = new TransferController(workstation, m_activity, m_settings, this);
    m_deletions = new DeletionController(workstation, m_browser, m_activity, this);
    connect(m_deletions, &DeletionController::jobFinished, this, [this](const QString &line) {
        statusBar()->showMessage(line, 8000);
        Q_EMIT jobFinished(line);
    });
    connect(m_transfers, &TransferController::jobStarted, m_activityDock, &QWidget::show);
    connect(m_transfers, &TransferController::jobFinished, this, [this](const QString &line) {
        statusBar()->showMessage(line, 10000);
        Q_EMIT jobFinished(line);
    });
    connect(m_outbound, &OutboundController::jobStarted, m_activityDock, &QWidget::show);
    connect(m_outbound, &OutboundController::jobFinished, this, [this](const QString &line) {
        statusBar()->showMessage(line, 10000);
        Q_EMIT jobFinished(line);
    });

    m_syncUi = new SyncController(workstation, m_browser, m_activity, this);
    connect(m_syncUi, &SyncController::message, this, [this](const QString &line) {
        statusBar()->showMessage(line, 10000);
        Q_EMIT jobFinished(line);
    });
    connect(m_syncUi, &SyncController::settingsRequested, this, [this] {
        SettingsDialog *dialog = openSettings();
        dialog->tabs()->setCurrentWidget(dialog->destinationsPage());
    });

    createActions();
    createMenus();
    createStatusBar();

    connect(m_browser, &StudyBrowser::openStudyRequested, this,
            [this](const QString &studyUid) { openStudy(studyUid, {}); });
    connect(m_browser, &StudyBrowser::openSeriesRequested, this, &MainWindow::openStudy);
    connect(m_browser, &StudyBrowser::selectionChanged, this, &MainWindow::updateActions);
    connect(m_browser, &StudyBrowser::contextMenuRequested, this, &MainWindow::showStudyContextMenu);
    connect(m_browser->model(), &StudyListModel::arrivalsShown, this, &MainWindow::onArrivalsShown);
    connect(m_browser->model(), &StudyListModel::queryFailed, this, [this](const QString &reason) {
        statusBar()->showMessage(tr("The study list could not be read: %1").arg(reason), 10000);
    });
    connect(m_browser->model()->worker(), &StudyQueryWorker::statsDone, this, &MainWindow::onStats);
    connect(&m_workstation, &Workstation::studiesChanged, this, &MainWindow::onStudiesChanged, Qt::QueuedConnection);
    connect(&m_workstation, &Workstation::studiesChanged, m_browser->unifiedModel(),
            &UnifiedStudyModel::onStudiesChanged, Qt::QueuedConnection);
    connect(m_browser, &StudyBrowser::sourceChanged, this, &MainWindow::updateActions);
    connect(&m_workstation, &Workstation::associationFinished, this, &MainWindow::onAssociationFinished,
            Qt::QueuedConnection);
    connect(
        &m_workstation, &Workstation::associationStarted, this,
        [this] {
            ++m_openAssociations;
            updateListenerStatus();
        },
        Qt::QueuedConnection);
    // Emitted on this thread by applyNodeSettings(); a listener that could not be restored reports listenerFailed.
    connect(&m_workstation, &Workstation::listenerRestarted, this, [this] {
        m_listening = m_workstation.isListening();
        updateListenerStatus();
        updateEmptyText();
    });
    connect(&m_workstation, &Workstation::seriesRemoved, m_browser->seriesPanel(), &SeriesPanel::forgetSeries,
            Qt::QueuedConnection);
    connect(
        &m_workstation, &Workstation::listenerFailed, this,
        [this](const QString &reason) {
            m_listening = false;
            m_listenerError = reason;
            updateListenerStatus();
        },
        Qt::QueuedConnection);
    m_browser->studyView()->viewport()->installEventFilter(this);

    // Files, folders, a DICOMDIR or a zip dropped on the window are imported.
    setAcceptDrops(true);
    restoreGeometry(m_settings.value(QStringLiteral("ui/geometry")).toByteArray());
    restoreState(m_settings.value(QStringLiteral("ui/windowState")).toByteArray());
    m_browser->restoreLayout(m_settings.value(QStringLiteral("ui/browserLayout")).toByteArray());
    if (!m_settings.contains(QStringLiteral("ui/geometry")))
        resize(1200, 760);
    reloadDestinations();
}

MainWindow::~MainWindow() = default;

void MainWindow::reloadDestinations()
{
    // Another process (`lightbox destination add`) may have written the file: read it again.
    m_settings.sync();
    const QList<Destination> list = destinations::load(m_settings);
    m_outbound->setDestinations(list);
    m_browser->setRemoteSources(list, m_workstation.settings().aeTitle);
    const bool any = !list.isEmpty();
    m_remoteToolBar->setVisible(any);
    updateActions();
}

QList<Destination> MainWindow::destinations() const
{
    return m_outbound->destinations();
}

void MainWindow::sendStudies(const QStringList &studyUids, const QString &destinationName)
{
    m_outbound->sendStudies(studyUids, destinationName);
}

void MainWindow::sendSeries(const QStringList &seriesUids, const QString &destinationName)
{
    m_outbound->sendSeries(seriesUids, destinationName);
}

void MainWindow::retrieveStudies(const QStringList &studyUids)
{
    m_outbound->retrieveStudies(studyUids);
}

void MainWindow::retrieveSeries(const QString &studyUid, const QStringList &seriesUids)
{
    m_outbound->retrieveSeries(studyUid, seriesUids);
}

bool MainWindow::startService(QString *errorOut)
{
    QString error;
    QString listenerError;
    if (!m_workstation.start(&error, &listenerError)) {
        if (errorOut)
            *errorOut = error;
        m_listening = false;
        m_listenerError = error;
        updateListenerStatus();
        m_activity->addMessage(QtCriticalMsg, tr("Lightbox could not start: %1").arg(error));
        return false;
    }
    m_listening = m_workstation.isListening();
    if (!m_listening) {
        m_listenerError = listenerError;
        m_activity->addMessage(QtCriticalMsg,
                               tr("Lightbox is not receiving studies: %1. Searching, importing and exporting "
                                  "work. Stop the program that uses the port, or start Lightbox with another "
                                  "one (--port), then restart it.")
                                   .arg(listenerError));
    }
    updateListenerStatus();
    updateEmptyText();
    m_syncUi->attach();
    m_browser->start();
    QMetaObject::invokeMethod(m_browser->model()->worker(), &StudyQueryWorker::loadStats, Qt::QueuedConnection);
    return true;
}

void MainWindow::updateEmptyText()
{
    const NodeSettings &node = m_workstation.settings();
    m_browser->setEmptyText(tr("No studies yet.\n\nSend studies to AE title %1 on port %2 of this computer, or import "
                               "files, a folder, a DICOMDIR or a zip archive (File menu).")
                                .arg(node.aeTitle)
                                .arg(node.port));
}

SettingsDialog *MainWindow::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return m_settingsDialog;
    }
    // The running settings, not the file's: the command line may have overridden the port or AE title.
    NodeSettings node = m_workstation.settings();
    node.storageDir = NodeSettings::load(m_settings).storageDir;
    auto *dialog = new SettingsDialog(node, destinations::load(m_settings), m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNodeApplier([this](const NodeSettings &settings, QString *error) {
        return m_workstation.applyNodeSettings(settings, error);
    });
    connect(dialog, &SettingsDialog::destinationsSaved, this, &MainWindow::destinationsChanged);
    // Send menus and remote sources follow the table at once.
    connect(dialog, &SettingsDialog::destinationsSaved, this, &MainWindow::reloadDestinations);
    m_settingsDialog = dialog;
    dialog->open();
    return dialog;
}

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open"), this);
    m_openAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_openAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openSelected);

    m_importFilesAction = new QAction(tr("&Import Files, DICOMDIR or Zip…"), this);
    m_importFilesAction->setShortcut(QKeySequence(tr("Ctrl+I")));
    connect(m_importFilesAction, &QAction::triggered, m_transfers, &TransferController::chooseImportFiles);
    m_importFolderAction = new QAction(tr("Import &Folder…"), this);
    m_importFolderAction->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    connect(m_importFolderAction, &QAction::triggered, m_transfers, &TransferController::chooseImportFolder);

    m_exportAction = new QAction(tr("&Export Study…"), this);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(m_exportAction, &QAction::triggered, this,
            [this] { m_transfers->chooseExport(m_browser->selectedStudyUids(), false); });
    m_exportAnonymizedAction = new QAction(tr("Export &Anonymized…"), this);
    m_exportAnonymizedAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_exportAnonymizedAction, &QAction::triggered, this,
            [this] { m_transfers->chooseExport(m_browser->selectedStudyUids(), true); });

    m_deleteAction = new QAction(tr("&Delete Study…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    connect(m_deleteAction, &QAction::triggered, m_deletions, &DeletionController::confirmDeleteStudies);
    m_deleteSeriesAction = new QAction(tr("Delete &Series…"), this);
    connect(m_deleteSeriesAction, &QAction::triggered, m_deletions, &DeletionController::confirmDeleteSeries);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, m_browser->filterBar(), &StudyFilterBar::focusSearch);
    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, m_browser->model(), &StudyListModel::reload);

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(tr("Ctrl+,")));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setToolTip(tr("Local DICOM node, destinations and echo tests"));
    connect(m_settingsAction, &QAction::triggered, this, [this] { openSettings(); });
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_browser->studyView()->addAction(m_openAction);
    m_browser->seriesPanel()->view()->addAction(m_openAction);
    m_browser->seriesPanel()->view()->addAction(m_deleteSeriesAction);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_importFilesAction);
    file->addAction(m_importFolderAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_exportAnonymizedAction);
    file->addSeparator();
    file->addMenu(m_outbound->sendMenu());
    file->addAction(m_outbound->retrieveAction());
    file->addMenu(m_syncUi->menu());
    file->addSeparator();
    file->addAction(m_quitAction);

    // Send and retrieve at hand once destinations are set up.
    m_remoteToolBar = addToolBar(tr("Remote"));
    m_remoteToolBar->setObjectName(QStringLiteral("remoteToolBar"));
    m_remoteToolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_remoteToolBar->setMovable(false);
    auto *sendButton = new QToolButton(m_remoteToolBar);
    sendButton->setObjectName(QStringLiteral("sendButton"));
    sendButton->setDefaultAction(m_outbound->sendMenu()->menuAction());
    sendButton->setPopupMode(QToolButton::InstantPopup);
    sendButton->setToolTip(tr("Send the selected studies to a destination"));
    m_remoteToolBar->addWidget(sendButton);
    m_remoteToolBar->addAction(m_outbound->retrieveAction());
    m_remoteToolBar->setVisible(false);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_findAction);
    edit->addSeparator();
    edit->addAction(m_deleteAction);
    edit->addAction(m_deleteSeriesAction);
    edit->addSeparator();
    edit->addAction(m_settingsAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_openAction);
    view->addAction(m_refreshAction);
    view->addSeparator();
    QAction *activity = m_activityDock->toggleViewAction();
    activity->setText(tr("&Activity Panel"));
    activity->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    view->addAction(activity);
    QMenu *language = view->addMenu(tr("&Language"));
    const QString current = m_settings.value(QStringLiteral("ui/language")).toString();
    auto *group = new QActionGroup(this);
    const QList<QPair<QString, QString>> languages = {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    for (const auto &[code, name] : languages) {
        QAction *a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Lightbox"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createStatusBar()
{
    m_listenerLabel = new QLabel(this);
    m_listenerLabel->setObjectName(QStringLiteral("listenerStatus"));
    // A click on the listener state opens the settings that change it.
    m_listenerLabel->setCursor(Qt::PointingHandCursor);
    m_listenerLabel->installEventFilter(this);
    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(QStringLiteral("totalsStatus"));
    m_arrivalLabel = new QLabel(tr("No arrivals yet"), this);
    m_arrivalLabel->setObjectName(QStringLiteral("arrivalStatus"));
    m_activityButton = new QToolButton(this);
    m_activityButton->setObjectName(QStringLiteral("activityButton"));
    m_activityButton->setAutoRaise(true);
    m_activityButton->setText(tr("Activity"));
    m_activityButton->setToolTip(tr("Show associations, jobs and messages"));
    connect(m_activityButton, &QToolButton::clicked, this,
            [this] { m_activityDock->setVisible(!m_activityDock->isVisible()); });
    connect(m_activity, &ActivityPanel::unseenMessagesChanged, this, [this](int count) {
        m_activityButton->setText(count > 0 ? tr("Activity (%1 new)").arg(count) : tr("Activity"));
    });
    statusBar()->addWidget(m_listenerLabel);
    statusBar()->addWidget(m_totalsLabel);
    statusBar()->addWidget(m_syncUi->statusLabel(), 1);
    statusBar()->addPermanentWidget(m_arrivalLabel);
    statusBar()->addPermanentWidget(m_activityButton);
    updateListenerStatus();
}

void MainWindow::updateListenerStatus()
{
    const NodeSettings &node = m_workstation.settings();
    if (m_listening) {
        m_listenerLabel->setText(
            QStringLiteral("<span style='color:#2e9d3a'>●</span> ")
            + tr("%1 · port %2 · %3 receiving").arg(node.aeTitle).arg(node.port).arg(m_openAssociations));
        m_listenerLabel->setToolTip(
            tr("Receiving as AE title %1 on port %2; %3 association(s) open now.\nStorage: %4\nClick to change.")
                .arg(node.aeTitle)
                .arg(node.port)
                .arg(m_openAssociations)
                .arg(m_workstation.location().root()));
    } else {
        m_listenerLabel->setText(QStringLiteral("<span style='color:#c83c28'>●</span> ")
                                 + tr("Not receiving: %1").arg(m_listenerError));
        m_listenerLabel->setToolTip(m_listenerError);
    }
}

void MainWindow::onStudiesChanged(const QStringList &studyUids, qint64 committedAtMs)
{
    m_browser->model()->onStudiesChanged(studyUids, committedAtMs);
    refreshOpenViewers(studyUids);
    if (m_statsPending)
        return;
    m_statsPending = true;
    QTimer::singleShot(500, this, [this] {
        m_statsPending = false;
        QMetaObject::invokeMethod(m_browser->model()->worker(), &StudyQueryWorker::loadStats, Qt::QueuedConnection);
    });
}

void MainWindow::refreshOpenViewers(const QStringList &studyUids)
{
    // Images arriving for a study that is open join its viewer (new series in the strip, new slices in place).
    const StorageLocation location = m_workstation.location();
    for (const QPointer<ViewerWindow> &viewer : std::as_const(m_viewers)) {
        if (!viewer || !studyUids.contains(viewer->studyUid()))
            continue;
        const QString studyUid = viewer->studyUid();
        auto *watcher = new QFutureWatcher<ViewerStudy>(this);
        QPointer<ViewerWindow> target = viewer;
        connect(watcher, &QFutureWatcherBase::finished, this, [watcher, target] {
            const ViewerStudy study = watcher->result();
            watcher->deleteLater();
            if (target && !study.series.isEmpty())
                target->updateStudy(study);
        });
        watcher->setFuture(QtConcurrent::run([location, studyUid] {
            IndexReader reader(location.indexPath());
            return reader.open() ? viewerstudy::fromIndex(reader, studyUid, location.filesDir()) : ViewerStudy {};
        }));
    }
    m_viewers.removeAll(QPointer<ViewerWindow>());
}

void MainWindow::onStats(const IndexStats &stats)
{
    const QLocale locale;
    const QStorageInfo volume(m_workstation.location().root());
    m_totalsLabel->setText(tr("%1 · %2 · %3 · %4 free")
                               .arg(patientsText(stats.patients), studiesText(stats.studies),
                                    imagesText(stats.instances), dicomformat::byteSize(volume.bytesAvailable())));
    m_totalsLabel->setToolTip(tr("%1 patients, %2 studies, %3 series, %4 images; %5 stored, %6 free on the storage "
                                 "disk")
                                  .arg(locale.toString(stats.patients), locale.toString(stats.studies),
                                       locale.toString(stats.series), locale.toString(stats.instances),
                                       dicomformat::byteSize(stats.bytes),
                                       dicomformat::byteSize(volume.bytesAvailable())));
}

void MainWindow::onAssociationFinished(const AssociationSummary &summary)
{
    m_openAssociations = qMax(0, m_openAssociations - 1);
    updateListenerStatus();
    m_activity->addAssociation(summary);
}

void MainWindow::onArrivalsShown(const QStringList &studyUids, qint64 latencyMs)
{
    const StudyListModel *model = m_browser->model();
    const int row = model->rowOf(studyUids.first());
    const QString who = row >= 0 ? dicomformat::personName(model->studyAt(row).patientName) : QString();
    //: %1 a time (14:02:11), %2 a patient name, %3 milliseconds from storing the images to showing them
    const QString time = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
    //: %1 a time (14:02:11), %2 a patient name, %3 milliseconds from storing the images to showing them
    m_arrivalLabel->setText(tr("Last: %1 %2 · %3 ms").arg(time, who).arg(latencyMs));
    //: %1 a time (14:02:11), %2 a patient name, %3 milliseconds from storing the images to showing them
    m_arrivalLabel->setToolTip(tr("Last arrival %1: %2 (shown %3 ms after storing)").arg(time, who).arg(latencyMs));
    qCDebug(lcUi) << "arrival on screen" << latencyMs << "ms after commit";
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_listenerLabel && event->type() == QEvent::MouseButtonRelease) {
        openSettings();
        return true;
    }
    if (!m_firstRowsLogged && event->type() == QEvent::Paint && watched == m_browser->studyView()->viewport()
        && m_browser->model()->rowCount() > 0) {
        m_firstRowsLogged = true;
        qCInfo(lcUi).noquote() << QStringLiteral("Study list showing %1 of %2 studies, %3 ms after launch")
                                      .arg(m_browser->model()->rowCount())
                                      .arg(m_browser->model()->totalCount())
                                      .arg(msSinceProcessStart());
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateActions()
{
    const int studies = static_cast<int>(m_browser->selectedStudyUids().size());
    m_openAction->setEnabled(studies == 1);
    m_exportAction->setEnabled(studies > 0);
    m_exportAnonymizedAction->setEnabled(studies > 0);
    m_deleteAction->setEnabled(studies > 0);
    m_deleteAction->setText(studies > 1 ? tr("&Delete %1 Studies…").arg(studies) : tr("&Delete Study…"));
    m_deleteSeriesAction->setEnabled(studies == 1);
    m_outbound->updateActions();
    m_syncUi->updateActions();
}

void MainWindow::openSelected()
{
    const QString series = m_browser->seriesPanel()->view()->hasFocus()
        ? m_browser->seriesPanel()->selectedSeriesUids().value(0)
        : QString();
    const QString study = m_browser->currentStudyUid();
    if (!study.isEmpty())
        openStudy(study, series);
}

void MainWindow::openStudy(const QString &studyUid, const QString &seriesUid)
{
    // An open viewer of the study comes to the front instead of a second one.
    for (const QPointer<ViewerWindow> &viewer : std::as_const(m_viewers)) {
        if (viewer && viewer->studyUid() == studyUid) {
            if (!seriesUid.isEmpty())
                viewer->showSeries(seriesUid);
            viewer->raise();
            viewer->activateWindow();
            return;
        }
    }
    QElapsedTimer clock;
    clock.start();
    const StorageLocation location = m_workstation.location();
    auto *watcher = new QFutureWatcher<ViewerStudy>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, seriesUid, location, clock] {
        const ViewerStudy study = watcher->result();
        watcher->deleteLater();
        if (study.series.isEmpty()) {
            statusBar()->showMessage(tr("That study is no longer stored."), 6000);
            return;
        }
        auto *viewer = new ViewerWindow(study, location.root() + QStringLiteral("/thumbnails"));
        viewer->setMeasurementStore(m_workstation.index(), location.indexPath());
        m_viewers.append(viewer);
        connect(viewer, &ViewerWindow::priorsRequested, this, &MainWindow::openPriors);
        connect(viewer, &ViewerWindow::firstImageShown, this,
                [clock] {
                    qCInfo(lcUi).noquote()
                        << QStringLiteral("Viewer: first image on screen %1 ms after open").arg(clock.elapsed());
                });
        if (!seriesUid.isEmpty())
            viewer->showSeries(seriesUid);
        viewer->show();
    });
    watcher->setFuture(QtConcurrent::run([location, studyUid] {
        IndexReader reader(location.indexPath());
        if (!reader.open())
            return ViewerStudy {};
        return viewerstudy::fromIndex(reader, studyUid, location.filesDir());
    }));
}

QList<ViewerWindow *> MainWindow::viewers() const
{
    QList<ViewerWindow *> list;
    for (const QPointer<ViewerWindow> &v : m_viewers)
        if (v)
            list << v.data();
    return list;
}

void MainWindow::openPriors(const QString &patientId, const QString &studyUid)
{
    QPointer<ViewerWindow> viewer;
    for (const QPointer<ViewerWindow> &v : std::as_const(m_viewers))
        if (v && v->studyUid() == studyUid)
            viewer = v;
    if (!viewer)
        return;
    const StorageLocation location = m_workstation.location();
    auto *watcher = new QFutureWatcher<QList<ViewerStudy>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, viewer] {
        const QList<ViewerStudy> priors = watcher->result();
        watcher->deleteLater();
        if (!viewer)
            return;
        if (priors.isEmpty()) {
            viewer->statusBar()->showMessage(tr("This patient has no other study stored here."), 6000);
            return;
        }
        for (const ViewerStudy &prior : priors)
            viewer->addStudy(prior);
    });
    watcher->setFuture(QtConcurrent::run([location, patientId, studyUid] {
        QList<ViewerStudy> priors;
        IndexReader reader(location.indexPath());
        if (patientId.isEmpty() || !reader.open())
            return priors;
        StudyQuery q;
        q.patientId = patientId;
        for (const StudyRow &row : reader.findStudies(q))
            if (row.studyInstanceUid != studyUid)
                priors.append(viewerstudy::fromIndex(reader, row.studyInstanceUid, location.filesDir()));
        return priors;
    }));
}

void MainWindow::showStudyContextMenu(const QPoint &globalPos)
{
    QMenu menu(this);
    menu.addAction(m_openAction);
    if (m_browser->isRemote())
        menu.addAction(m_outbound->retrieveAction());
    menu.addSeparator();
    menu.addMenu(m_outbound->sendMenu());
    menu.addAction(m_syncUi->syncNowAction());
    menu.addAction(m_exportAction);
    menu.addAction(m_exportAnonymizedAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.exec(globalPos);
}

void MainWindow::deleteStudies(const QStringList &studyUids)
{
    m_deletions->deleteStudies(studyUids);
}

void MainWindow::deleteSeries(const QStringList &seriesUids)
{
    m_deletions->deleteSeries(seriesUids);
}

void MainWindow::importPaths(const QStringList &paths)
{
    m_transfers->importPaths(paths);
}

void MainWindow::exportStudies(const QStringList &studyUids, const QString &folder, bool anonymize)
{
    m_transfers->exportStudies(studyUids, folder, anonymize);
}

QString MainWindow::patientsText(qsizetype count)
{
    return count == 1 ? tr("1 patient") : tr("%1 patients").arg(QLocale().toString(count));
}

QString MainWindow::studiesText(qsizetype count)
{
    return count == 1 ? tr("1 study") : tr("%1 studies").arg(QLocale().toString(count));
}

QString MainWindow::imagesText(qsizetype count)
{
    return count == 1 ? tr("1 image") : tr("%1 images").arg(QLocale().toString(count));
}

QString MainWindow::filesText(qsizetype count)
{
    return count == 1 ? tr("1 file") : tr("%1 files").arg(QLocale().toString(count));
}

void MainWindow::setLanguage(const QString &code)
{
    m_settings.setValue(QStringLiteral("ui/language"), code);
    QMessageBox::information(this, tr("Language"), tr("Lightbox will use the new language the next time it starts."));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Lightbox"),
        tr("<h3>Lightbox %1</h3><p>A desktop PACS workstation: receives, stores and indexes "
           "DICOM studies, and shows them as they arrive.</p><p>Storage: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_workstation.location().root().toHtmlEscaped()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_activity->runningJobs() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Quit Lightbox"),
            tr("An import, export, send, retrieve or deletion is still running. Quit anyway? Anything already "
               "finished is kept."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    // A retrieve still running stops here, while the service it stores into is still up.
    m_outbound->cancelAll();
    // The viewers are views of this workstation: they close with it.
    for (const QPointer<ViewerWindow> &viewer : std::as_const(m_viewers))
        if (viewer)
            viewer->close();
    m_settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    m_settings.setValue(QStringLiteral("ui/windowState"), saveState());
    m_settings.setValue(QStringLiteral("ui/browserLayout"), m_browser->saveLayout());
    m_settings.sync();
    event->accept();
}

} // namespace lightbox
