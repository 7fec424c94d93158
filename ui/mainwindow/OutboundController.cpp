#include "ui/mainwindow/OutboundController.h"

#include "ui/mainwindow/MainWindow.h"

#include "core/index/IndexReader.h"
#include "core/service/Workstation.h"
#include "core/transfer/OutboundJobs.h"
#include "ui/activity/ActivityPanel.h"
#include "ui/browser/RemoteSeriesPanel.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyBrowser.h"

#include <QAction>
#include <QFutureWatcher>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTreeWidget>
#include <QtConcurrent>

#include <memory>

namespace lightbox {
namespace {

// Per-instance failures listed as messages; beyond this, one line says how many more.
constexpr int kMaxFailureMessages = 50;

QString secondsText(double ms)
{
    return QLocale().toString(ms / 1000.0, 'f', 1);
}

// The stored files of studies or series, as absolute paths, read on the calling (worker) thread.
QStringList storedFiles(const StorageLocation &location, const QStringList &studyUids, const QStringList &seriesUids,
                        QString *error)
{
    QStringList files;
    IndexReader reader(location.indexPath());
    if (!reader.open(error))
        return files;
    const QString dir = location.filesDir() + QLatin1Char('/');
    for (const QString &uid : studyUids)
        for (const InstanceFile &f : reader.filesOfStudy(uid))
            files << dir + f.filePath;
    for (const QString &uid : seriesUids)
        for (const InstanceFile &f : reader.filesOfSeries(uid))
            files << dir + f.filePath;
    return files;
}

} // namespace

OutboundController::OutboundController(Workstation &workstation, StudyBrowser *browser, ActivityPanel *activity,
                                       QWidget *window)
    : QObject(window)
    , m_workstation(workstation)
    , m_browser(browser)
    , m_activity(activity)
    , m_window(window)
{
    m_pool.setMaxThreadCount(4);
    m_sendMenu = new QMenu(tr("Sen&d to"), window);
    m_sendMenu->setObjectName(QStringLiteral("sendMenu"));
    m_sendSeriesMenu = new QMenu(tr("Send Series to"), window);
    m_sendSeriesMenu->setObjectName(QStringLiteral("sendSeriesMenu"));

    m_retrieveAction = new QAction(tr("&Retrieve"), this);
    m_retrieveAction->setObjectName(QStringLiteral("retrieveAction"));
    m_retrieveAction->setToolTip(tr("Copy the selected studies from the PACS to this workstation"));
    m_retrieveAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(m_retrieveAction, &QAction::triggered, this,
            [this] { retrieveStudies(m_browser->selectedRemoteStudyUids()); });
    m_retrieveSeriesAction = new QAction(tr("Retrieve Series"), this);
    connect(m_retrieveSeriesAction, &QAction::triggered, this, [this] {
        RemoteSeriesPanel *panel = m_browser->remoteSeriesPanel();
        retrieveSeries(panel->studyUid(), panel->selectedSeriesUids());
    });
    m_browser->remoteSeriesPanel()->view()->addAction(m_retrieveSeriesAction);
    m_browser->seriesPanel()->view()->addAction(m_sendSeriesMenu->menuAction());

    connect(m_browser, &StudyBrowser::retrieveRequested, this, &OutboundController::offerRetrieve);
    connect(m_browser, &StudyBrowser::retrieveSeriesRequested, this, &OutboundController::retrieveSeries);
    rebuildMenu(m_sendMenu, false);
    rebuildMenu(m_sendSeriesMenu, true);
}

OutboundController::~OutboundController()
{
    cancelAll();
}

void OutboundController::cancelAll()
{
    for (const std::function<void()> &cancel : std::as_const(m_cancels))
        cancel();
    m_cancels.clear();
    m_pool.waitForDone();
}

void OutboundController::setDestinations(const QList<Destination> &destinations)
{
    m_destinations = destinations;
    rebuildMenu(m_sendMenu, false);
    rebuildMenu(m_sendSeriesMenu, true);
    updateActions();
}

void OutboundController::rebuildMenu(QMenu *menu, bool series)
{
    menu->clear();
    for (const Destination &d : std::as_const(m_destinations)) {
        // DICOMweb destinations receive through sync, not C-STORE.
        if (!d.roles.testFlag(Destination::Send) || d.kind != Destination::Kind::Dicom)
            continue;
        QAction *action = menu->addAction(d.name);
        action->setToolTip(d.node.toString());
        const QString name = d.name;
        connect(action, &QAction::triggered, this, [this, name, series] {
            if (series)
                sendSeries(m_browser->seriesPanel()->selectedSeriesUids(), name);
            else
                sendStudies(m_browser->selectedStudyUids(), name);
        });
    }
    if (menu->isEmpty()) {
        QAction *none = menu->addAction(tr("No destinations set up (add one in the settings)"));
        none->setEnabled(false);
    }
}

void OutboundController::updateActions()
{
    const bool anySend = std::any_of(m_destinations.begin(), m_destinations.end(), [](const Destination &d) {
        return d.roles.testFlag(Destination::Send) && d.kind == Destination::Kind::Dicom;
    });
    // The menu's action, not the menu: submenu entries and the toolbar button follow it.
    m_sendMenu->menuAction()->setEnabled(!m_browser->selectedStudyUids().isEmpty() || !anySend);
    const std::optional<Destination> source = m_browser->remoteSource();
    m_retrieveAction->setEnabled(source && !m_browser->selectedRemoteStudyUids().isEmpty());
    m_retrieveAction->setText(source ? tr("&Retrieve from %1").arg(source->name) : tr("&Retrieve"));
}

void OutboundController::sendStudies(const QStringList &studyUids, const QString &destinationName)
{
    const std::optional<Destination> destination = destinations::byName(m_destinations, destinationName);
    if (!destination || studyUids.isEmpty())
        return;
    const QString what = studyUids.size() == 1 ? tr("1 study") : tr("%1 studies").arg(studyUids.size());
    send(*destination, tr("Sending %1 to %2").arg(what, destination->name), studyUids, {});
}

void OutboundController::sendSeries(const QStringList &seriesUids, const QString &destinationName)
{
    const std::optional<Destination> destination = destinations::byName(m_destinations, destinationName);
    if (!destination || seriesUids.isEmpty())
        return;
    const QString what = seriesUids.size() == 1 ? tr("1 series") : tr("%1 series").arg(seriesUids.size());
    send(*destination, tr("Sending %1 to %2").arg(what, destination->name), {}, seriesUids);
}

void OutboundController::send(const Destination &destination, const QString &title, const QStringList &studyUids,
                              const QStringList &seriesUids)
{
    auto job = std::make_shared<SendJob>();
    auto lookupError = std::make_shared<QString>();
    SendRequest request;
    request.destination = destination;
    request.callingAe = m_workstation.settings().aeTitle;
    request.label = title;
    const StorageLocation location = m_workstation.location();

    auto *watcher = new QFutureWatcher<SendSummary>(this);
    m_activity->trackJob(title, watcher);
    Q_EMIT jobStarted();
    connect(watcher, &QFutureWatcherBase::canceled, this, [job] { job->cancel(); });
    m_cancels << [weak = std::weak_ptr<SendJob>(job)] {
        if (auto running = weak.lock())
            running->cancel();
    };
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, lookupError, destination] {
        watcher->deleteLater();
        const SendSummary s = job->summary();
        const QString name = destination.name;
        QString line;
        bool failed = false;
        if (!lookupError->isEmpty()) {
            line = tr("Nothing sent to %1: %2").arg(name, *lookupError);
            failed = true;
        } else if (!s.error.isEmpty()) {
            line = tr("Sending to %1 failed: %2").arg(name, s.error);
            failed = true;
        } else {
            const int total = qMax(static_cast<int>(s.instances.size()), s.sent + s.failed);
            //: %1 images sent, %2 "120 images", %3 destination name, %4 seconds
            line = tr("Sent %1 of %2 to %3 in %4 s")
                       .arg(s.sent)
                       .arg(MainWindow::imagesText(total), name, secondsText(s.elapsedMs));
            failed = s.failed > 0;
        }
        if (s.cancelled)
            line = tr("Cancelled: %1").arg(line);
        int listed = 0;
        for (const SentInstance &i : s.instances) {
            if (i.ok() || i.error.isEmpty())
                continue;
            if (++listed > kMaxFailureMessages)
                continue;
            m_activity->addMessage(QtWarningMsg,
                                   tr("Not sent to %1: %2 (image %3)").arg(name, i.error, i.sopInstanceUid));
        }
        if (listed > kMaxFailureMessages)
            m_activity->addMessage(
                QtWarningMsg,
                tr("… and %1 more images not sent to %2 (see the log)").arg(listed - kMaxFailureMessages).arg(name));
        m_activity->setJobResult(watcher, line, failed);
        Q_EMIT jobFinished(line);
    });
    watcher->setFuture(QtConcurrent::run(
        &m_pool, [job, request, location, studyUids, seriesUids, lookupError](QPromise<SendSummary> &promise) {
            SendRequest r = request;
            QString error;
            r.files = storedFiles(location, studyUids, seriesUids, &error);
            if (r.files.isEmpty()) {
                *lookupError = error.isEmpty() ? tr("no stored images were found for it") : error;
                promise.addResult(SendSummary {});
                return;
            }
            job->run(promise, r);
        }));
}

void OutboundController::offerRetrieve(const QStringList &studyUids)
{
    const std::optional<Destination> source = m_browser->remoteSource();
    if (!source || studyUids.isEmpty())
        return;
    const QString question = studyUids.size() == 1
        ? tr("This study is on %1 only. Retrieve it to this workstation?").arg(source->name)
        : tr("These %1 studies are on %2 only. Retrieve them to this workstation?")
              .arg(studyUids.size())
              .arg(source->name);
    if (QMessageBox::question(m_window, tr("Retrieve"), question, QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Yes)
        == QMessageBox::Yes)
        retrieveStudies(studyUids);
}

void OutboundController::retrieveStudies(const QStringList &studyUids)
{
    if (studyUids.isEmpty())
        return;
    retrieve(studyUids, {}, studyUids.size() == 1 ? tr("1 study") : tr("%1 studies").arg(studyUids.size()));
}

void OutboundController::retrieveSeries(const QString &studyUid, const QStringList &seriesUids)
{
    if (studyUid.isEmpty() || seriesUids.isEmpty())
        return;
    retrieve({studyUid}, seriesUids, seriesUids.size() == 1 ? tr("1 series") : tr("%1 series").arg(seriesUids.size()));
}

void OutboundController::retrieve(const QStringList &studyUids, const QStringList &seriesUids, const QString &what)
{
    const std::optional<Destination> source = m_browser->remoteSource();
    if (!source)
        return;
    RetrieveRequest request;
    request.source = *source;
    request.callingAe = m_workstation.settings().aeTitle;
    request.studyInstanceUids = studyUids;
    request.seriesInstanceUids = seriesUids;
    auto job = std::make_shared<RetrieveJob>(m_workstation.ingest(), m_workstation.location().incomingDir());
    auto *watcher = new QFutureWatcher<RetrieveSummary>(this);
    const QString method
        = source->retrieve == Destination::RetrieveMethod::Get ? QStringLiteral("C-GET") : QStringLiteral("C-MOVE");
    //: %1 "2 studies", %2 a PACS name, %3 C-MOVE or C-GET
    m_activity->trackJob(tr("Retrieving %1 from %2 (%3)").arg(what, source->name, method), watcher);
    Q_EMIT jobStarted();
    connect(watcher, &QFutureWatcherBase::canceled, this, [job] { job->cancel(); });
    m_cancels << [weak = std::weak_ptr<RetrieveJob>(job)] {
        if (auto running = weak.lock())
            running->cancel();
    };
    const QString name = source->name;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, name] {
        watcher->deleteLater();
        const RetrieveSummary s = job->summary();
        QString line;
        if (!s.error.isEmpty())
            line = tr("Retrieving from %1 failed: %2").arg(name, s.error);
        else
            //: %1 "120 images", %2 a PACS name, %3 seconds
            line = tr("Retrieved %1 from %2 in %3 s")
                       .arg(MainWindow::imagesText(s.completed + s.warnings), name, secondsText(s.elapsedMs));
        if (s.error.isEmpty() && s.failed > 0)
            line += QLatin1Char(' ') + tr("(%1 failed)").arg(s.failed);
        if (s.cancelled)
            line = tr("Cancelled: %1").arg(line);
        for (int i = 0; i < s.failures.size() && i < kMaxFailureMessages; ++i)
            m_activity->addMessage(QtWarningMsg, tr("Not retrieved from %1: %2").arg(name, s.failures.at(i)));
        m_activity->setJobResult(watcher, line, !s.error.isEmpty() || s.failed > 0);
        Q_EMIT jobFinished(line);
    });
    watcher->setFuture(
        QtConcurrent::run(&m_pool, [job, request](QPromise<RetrieveSummary> &promise) { job->run(promise, request); }));
}

} // namespace lightbox
