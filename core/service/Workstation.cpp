#include "core/service/Workstation.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexRemoval.h"
#include "core/index/IndexWriter.h"
#include "core/index/MeasurementStore.h"
#include "core/index/SqliteDb.h"
#include "core/index/SyncOutbox.h"
#include "core/net/DicomListener.h"
#include "core/service/IndexQueryProvider.h"
#include "core/service/Ingest.h"
#include "core/service/StorageScanner.h"
#include "core/storage/FileStore.h"
#include "core/sync/SyncService.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QtConcurrent>

namespace lightbox {

std::unique_ptr<QLockFile> lockStorageFolder(const StorageLocation &location, QString *error)
{
    if (!QDir().mkpath(location.root())) {
        if (error)
            *error = QStringLiteral("cannot create the storage folder %1").arg(location.root());
        return nullptr;
    }
    auto lock = std::make_unique<QLockFile>(location.lockPath());
    // Only a dead owner makes the lock stale, never its age: a Lightbox may run for months.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    qint64 pid = 0;
    QString host;
    QString app;
    lock->getLockInfo(&pid, &host, &app);
    if (error) {
        if (lock->error() == QLockFile::LockFailedError)
            *error = QStringLiteral("another Lightbox (PID %1) is already using the storage folder %2; stop it "
                                    "first or choose another folder with --storage")
                         .arg(pid)
                         .arg(location.root());
        else
            *error = QStringLiteral("cannot lock the storage folder %1 (permission denied?)").arg(location.root());
    }
    return nullptr;
}

Workstation::Workstation(const StorageLocation &location, const NodeSettings &settings, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_settings(settings)
{
}

Workstation::~Workstation()
{
    stop();
}

InstanceSink *Workstation::ingest() const
{
    return m_ingest.get();
}

bool Workstation::lockStorage(QString *error)
{
    m_lock = lockStorageFolder(m_location, error);
    return m_lock != nullptr;
}

void Workstation::removeStaleIncoming()
{
    // Files left in incoming/ were never answered with success: their senders will send them again.
    QDirIterator it(m_location.incomingDir(), QDir::Files);
    int removed = 0;
    while (it.hasNext()) {
        QFile::remove(it.next());
        ++removed;
    }
    if (removed > 0)
        qCInfo(lcStorage) << "Removed" << removed << "incomplete received file(s) from an earlier run";
}

bool Workstation::start(QString *error)
{
    return start(error, nullptr);
}

bool Workstation::start(QString *error, QString *listenerError)
{
    // DCMTK's set-up changes the process environment (TCP_NODELAY): do it before this starts any thread, as a
    // thread reading the environment while it changes can crash (seen: a pool thread starting during the listener's
    // start-up).
    initializeDcmtk();
    if (!lockStorage(error))
        return false;
    QDir().mkpath(m_location.filesDir());
    QDir().mkpath(m_location.incomingDir());
    removeStaleIncoming();

    m_index = std::make_unique<IndexWriter>(m_location.indexPath());
    if (!m_index->open(error)) {
        m_index.reset();
        m_lock.reset();
        return false;
    }
    connect(m_index.get(), &IndexWriter::studiesChanged, this, &Workstation::studiesChanged, Qt::DirectConnection);
    m_store = std::make_unique<FileStore>(m_location.filesDir());
    // Sync targets are known to the index writer before anything can arrive (listener, reconciliation), so every
    // instance they select is queued with its row; the worker resumes what an earlier run left queued.
    m_sync = std::make_unique<SyncService>(m_location.indexPath(), m_location.filesDir(), *m_index);
    m_sync->setCallingAe(m_settings.aeTitle);
    if (m_destinationsKnown)
        m_sync->setDestinations(destinations()); // (without a table, the outbox is kept as it is)
    m_sync->start();
    m_ingest = std::make_unique<Ingest>(*m_store, *m_index);
    m_deletion = std::make_unique<Deletion>(*m_index, *m_store,
                                            [this](const QStringList &series) { Q_EMIT seriesRemoved(series); });

    // Reconcile before accepting new data is not needed: the scanner only adds rows the index lacks.
    qint64 since = 0;
    {
        IndexReader reader(m_location.indexPath());
        if (reader.open())
            since = reader.lastCommitMs();
    }
    // A margin for files renamed into place just before the last commit, and for clock steps.
    const qint64 sinceMs = since > 0 ? since - 10 * 60 * 1000 : 0;
    m_cancelReconcile = false;
    m_reconcile = QtConcurrent::run([this, sinceMs] {
        IndexReader reader(m_location.indexPath());
        if (!reader.open())
            return;
        QElapsedTimer clock;
        clock.start();
        // Finish an interrupted deletion first, and never index a file it still has to remove.
        const QStringList stillPending = m_deletion->finishPending();
        StorageScanner scanner(m_location.filesDir(), *m_index);
        scanner.setExcluded(QSet<QString>(stillPending.begin(), stillPending.end()));
        const auto report = scanner.run(sinceMs, &reader, &m_cancelReconcile);
        removeRowsWithoutFiles(reader, sinceMs);
        if (report.indexed > 0 || report.skipped > 0)
            qCInfo(lcStorage) << "Start-up check: indexed" << report.indexed << "file(s) the index lacked, skipped"
                              << report.skipped << "in" << clock.elapsed() << "ms";
        else
            qCDebug(lcStorage) << "Start-up check:" << report.scanned << "recent file(s), all indexed";
    });

    m_deletion->startAfter(m_reconcile);

    m_queries = std::make_unique<IndexQueryProvider>(m_location.indexPath(), m_location.filesDir());
    m_listener = makeListener();
    if (!m_listener->start(m_settings, m_location.incomingDir(), listenerError ? listenerError : error)) {
        if (!listenerError) {
            stop();
            return false;
        }
        qCWarning(lcNet).noquote() << "Not receiving studies:" << *listenerError;
        m_listener.reset();
    }
    updatePublishedListener();
    qCInfo(lcApp).noquote() << "Storage:" << m_location.root();
    return true;
}

void Workstation::setDestinations(const QList<Destination> &list)
{
    {
        QMutexLocker lock(&m_destinationsMutex);
        m_destinations = list;
        m_destinationsKnown = true;
    }
    if (m_sync)
        m_sync->setDestinations(list);
}

QList<Destination> Workstation::destinations() const
{
    QMutexLocker lock(&m_destinationsMutex);
    return m_destinations;
}

std::unique_ptr<DicomListener> Workstation::makeListener()
{
    auto listener = std::make_unique<DicomListener>(m_ingest.get());
    listener->setQueryProvider(m_queries.get());
    listener->setMoveDestinationResolver([this](const QString &aeTitle) -> std::optional<DicomNode> {
        QMutexLocker lock(&m_destinationsMutex);
        const auto found = destinations::byAeTitle(m_destinations, aeTitle);
        if (!found)
            return std::nullopt;
        return found->node;
    });
    connect(listener.get(), &DicomListener::associationStarted, this, &Workstation::associationStarted,
            Qt::DirectConnection);
    connect(listener.get(), &DicomListener::associationFinished, this, &Workstation::associationFinished,
            Qt::DirectConnection);
    connect(listener.get(), &DicomListener::listenerFailed, this, &Workstation::listenerFailed, Qt::DirectConnection);
    return listener;
}

bool Workstation::applyNodeSettings(const NodeSettings &requested, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_ingest)
        return fail(tr("Lightbox is not running; the settings apply when it starts."));
    NodeSettings next = requested;
    next.storageDir = m_settings.storageDir;
    m_retired.removeIf([](const auto &retired) { return retired.second.isFinished(); });

    auto fresh = makeListener();
    QString why;
    const bool samePort = m_listener && m_listener->isListening() && m_listener->settings().port == next.port;
    if (samePort) {
        // One port cannot have two listening sockets: close the old one first; its associations carry on.
        m_listener->stopAccepting();
        if (!fresh->start(next, m_location.incomingDir(), &why)) {
            auto restored = makeListener();
            QString again;
            const bool resumed = restored->start(m_settings, m_location.incomingDir(), &again);
            retire(std::move(m_listener));
            if (resumed) {
                m_listener = std::move(restored);
            } else {
                qCWarning(lcNet).noquote() << "Not receiving studies:" << again;
                Q_EMIT listenerFailed(again);
            }
            updatePublishedListener();
            Q_EMIT listenerRestarted();
            return fail(why);
        }
    } else if (!fresh->start(next, m_location.incomingDir(), &why)) {
        // The listener running now (if any) was never touched.
        return fail(why);
    } else if (m_listener) {
        m_listener->stopAccepting();
    }
    retire(std::move(m_listener));
    m_listener = std::move(fresh);
    m_settings = next;
    if (m_sync)
        m_sync->setCallingAe(m_settings.aeTitle);
    qCInfo(lcNet).noquote() << QStringLiteral("Node settings applied: receiving as %1 on port %2")
                                   .arg(m_settings.aeTitle)
                                   .arg(m_settings.port);
    updatePublishedListener();
    Q_EMIT listenerRestarted();
    return true;
}

void Workstation::retire(std::unique_ptr<DicomListener> listener)
{
    if (!listener)
        return;
    // The list keeps the object; the task only waits on it, so it is always destroyed on this thread.
    DicomListener *draining = listener.get();
    m_retired.append(
        {std::shared_ptr<DicomListener>(std::move(listener)), QtConcurrent::run([draining] { draining->stop(); })});
}

void Workstation::waitForRetiredListeners()
{
    for (auto &retired : m_retired)
        retired.second.waitForFinished();
    m_retired.clear();
}

void Workstation::removeRowsWithoutFiles(IndexReader &reader, qint64 sinceMs)
{
    // A row can become durable a moment before its file's folder entry (they are synced side by side). After a
    // power cut such a row points at nothing; its sender never got Success and will send it again.
    if (sinceMs <= 0)
        return;
    QStringList missing;
    for (const auto &[uid, path] : reader.instancesReceivedSince(sinceMs)) {
        if (!QFile::exists(m_location.filesDir() + QLatin1Char('/') + path))
            missing << uid;
    }
    if (missing.isEmpty())
        return;
    const IndexWriter::Result r = m_index
                                      ->execute([missing](SqliteDb &db, QStringList &changed) {
                                          return removeInstanceRows(db, missing, changed);
                                      })
                                      .get();
    if (r.outcome == IndexWriter::Outcome::Failed)
        qCWarning(lcStorage).noquote() << "Start-up check: cannot remove rows whose files are missing:" << r.error;
    else
        qCWarning(lcStorage) << "Start-up check: removed" << missing.size()
                             << "index row(s) whose file never reached the disk (their senders were not told they "
                                "were stored)";
}

void Workstation::updatePublishedListener()
{
    if (m_listener && m_listener->isListening())
        publishListener(
            m_location,
            {m_listener->settings().aeTitle, m_listener->settings().port, QCoreApplication::applicationPid()});
    else
        withdrawListener(m_location);
}

void Workstation::stop()
{
    if (m_lock)
        withdrawListener(m_location);
    if (m_listener)
        m_listener->stop();
    waitForRetiredListeners();
    m_cancelReconcile = true;
    m_reconcile.waitForFinished();
    m_deletion.reset(); // waits for deletions in progress; they need the index
    m_sync.reset(); // after the instance in flight; the rest stays queued
    if (m_index)
        m_index->close();
    m_listener.reset();
    m_queries.reset();
    m_ingest.reset();
    m_store.reset();
    m_index.reset();
    m_lock.reset();
}

QFuture<DeleteResult> Workstation::deleteStudies(const QStringList &studyInstanceUids)
{
    if (!m_deletion)
        return QtFuture::makeReadyFuture(
            DeleteResult {0, 0, Deletion::tr("Lightbox is not running; start it before deleting studies.")});
    return m_deletion->deleteStudies(studyInstanceUids);
}

QFuture<DeleteResult> Workstation::deleteSeries(const QStringList &seriesInstanceUids)
{
    if (!m_deletion)
        return QtFuture::makeReadyFuture(
            DeleteResult {0, 0, Deletion::tr("Lightbox is not running; start it before deleting series.")});
    return m_deletion->deleteSeries(seriesInstanceUids);
}

bool Workstation::reindex(const StorageLocation &location, QString *summary, QString *error)
{
    auto lock = lockStorageFolder(location, error);
    if (!lock)
        return false;
    // Build the new index beside the old one and swap it in only when complete.
    const QString fresh = location.indexPath() + QStringLiteral(".rebuild");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(fresh + suffix);
    QElapsedTimer clock;
    clock.start();
    // Files an interrupted deletion still had to remove must not come back through the rebuild.
    QSet<QString> pendingRemovals;
    // Measurements are not in the files: they are carried over to the rebuilt index.
    QList<Measurement> measurements;
    {
        SqliteDb old;
        if (QFile::exists(location.indexPath()) && old.open(location.indexPath(), SqliteDb::Mode::ReadOnly)) {
            SqliteStatement pending(old, QStringLiteral("SELECT file_path FROM pending_file_removals"));
            while (pending.next())
                pendingRemovals.insert(pending.text(0));
            measurements = MeasurementStore::all(old);
        }
    }
    StorageScanner::Report report;
    {
        IndexWriter writer(fresh);
        if (!writer.open(error))
            return false;
        StorageScanner scanner(location.filesDir(), writer);
        scanner.setExcluded(pendingRemovals);
        report = scanner.run(0, nullptr);
        // Carry the unfinished removals over, so the next start removes those files.
        if (!pendingRemovals.isEmpty()) {
            const QStringList paths(pendingRemovals.begin(), pendingRemovals.end());
            writer
                .execute([paths](SqliteDb &db, QStringList &) {
                    SqliteStatement add(
                        db, QStringLiteral("INSERT OR IGNORE INTO pending_file_removals(file_path) VALUES(?)"));
                    for (const QString &path : paths)
                        add.bind(1, path).run();
                    return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
                })
                .get();
        }
        if (!measurements.isEmpty()) {
            // Those whose instance is no longer in the files go: nothing could show them.
            const IndexWriter::Result kept = writer
                                                 .execute([measurements](SqliteDb &db, QStringList &) {
                                                     return MeasurementStore::restore(db, measurements);
                                                 })
                                                 .get();
            if (kept.outcome == IndexWriter::Outcome::Failed) {
                if (error)
                    *error
                        = QStringLiteral("cannot carry the measurements over to the rebuilt index: %1").arg(kept.error);
                return false;
            }
        }
        writer.close();
    }
    // The sync outbox is not in the files either: what was queued, sent or failed stays so.
    if (QFile::exists(location.indexPath())) {
        QString why;
        if (!syncoutbox::carryOver(fresh, location.indexPath(), &why)) {
            if (error)
                *error = QStringLiteral("cannot carry the sync queue over to the rebuilt index: %1").arg(why);
            return false;
        }
    }
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(location.indexPath() + suffix);
    if (::rename(QFile::encodeName(fresh).constData(), QFile::encodeName(location.indexPath()).constData()) != 0) {
        if (error)
            *error = QStringLiteral("cannot replace the index %1").arg(location.indexPath());
        return false;
    }
    if (summary)
        *summary = QStringLiteral("reindexed %1 file(s) into %2 instance(s), %3 skipped, in %4 s")
                       .arg(report.scanned)
                       .arg(report.indexed)
                       .arg(report.skipped)
                       .arg(static_cast<double>(clock.elapsed()) / 1000.0, 0, 'f', 1);
    return true;
}

} // namespace lightbox
