#pragma once

#include "core/common/Destination.h"
#include "core/index/SyncOutbox.h"

#include <QFuture>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <condition_variable>
#include <memory>
#include <mutex>

class QThread;

namespace lightbox {

class IndexWriter;
class SqliteDb;

/// How syncing stands, for the status bar and `lightbox sync --status`.
struct SyncOverview
{
    struct Target
    {
        QString name;
        SyncCounts counts;
        /// Plain words when the destination is not being sent to now: "waiting: connection refused ... (next try in
        /// 20 s)", "authentication rejected by the server". Empty while all is well.
        QString problem;
        bool sending = false;
    };
    QList<Target> targets; ///< Every sync destination, in the settings' order.
    qint64 pending = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    bool sending = false;
};

/// Sync to remote servers (core/sync): an outbox in the index, filled in the same transaction as each instance's row
/// (IndexWriter::setSyncTargets), and a worker thread that sends it in batches to every destination with the Sync
/// role — C-STORE to DICOM nodes, STOW-RS to DICOMweb servers — marking each instance sent only on the remote's
/// success. Failures are retried with exponential back-off (capped); an unreachable remote is waited for, and the
/// outbox drains when it is back; after a restart the worker resumes from the outbox. Writes go through the index
/// writer; the worker reads on its own connection.
class SyncService : public QObject
{
    Q_OBJECT

public:
    /// @param indexPath the index database, @param filesDir the storage's files directory (outbox paths are relative
    ///        to it), @param writer the index's one writer.
    SyncService(const QString &indexPath, const QString &filesDir, IndexWriter &writer, QObject *parent = nullptr);
    ~SyncService() override;

    /// Our AE title, for C-STORE to DICOM nodes.
    void setCallingAe(const QString &aeTitle);
    /// The destinations table: those with the Sync role become the sync targets (also for queueing in the index
    /// writer). Rows of destinations that no longer sync are dropped 30 s later if they are still gone (so removing
    /// and adding a destination again keeps its queue). Thread-safe.
    void setDestinations(const QList<Destination> &all);
    QList<Destination> targets() const;

    /// Starts the worker thread (it resumes whatever the outbox holds).
    void start();
    /// Stops the worker after the instance in flight; what is left stays queued for the next start.
    void stop();

    /// Queues every stored instance the targets' rules select that is not on the remote yet ("Sync all"); failed
    /// ones are queued again. @return (when queued) the number of instances made pending.
    QFuture<int> syncAll();
    /// "Sync now" for studies: their instances are queued (also those already sent: the remote may have lost them)
    /// and due at once.
    QFuture<int> syncStudies(const QStringList &studyInstanceUids);
    /// Failed instances (of @p destination, or all) are queued again ("Retry failed").
    QFuture<int> retryFailed(const QString &destination = {});

    /// A snapshot of the totals (refreshed by the worker as it goes). Thread-safe.
    SyncOverview overview() const;
    /// The studies being sent right now. Thread-safe.
    QSet<QString> sendingStudies() const;
    /// Blocks until nothing is due (everything pending waits for a retry, or nothing is pending) or @p timeoutMs.
    /// For the command line and tests. @return true when idle.
    bool waitUntilIdle(int timeoutMs);
    /// Look at the outbox now (new rows from another process, a fixed remote).
    void wake();

Q_SIGNALS:
    /// The sync state of these studies changed (queued, sending, sent, failed). Emitted from worker threads.
    void studiesChanged(const QStringList &studyInstanceUids);
    /// overview() changed. Emitted from worker threads.
    void overviewChanged();

private:
    struct TargetState;
    void run();
    bool serveTarget(SqliteDb &db, const Destination &target, TargetState &state, qint64 &nextWake);
    void verifyTarget(SqliteDb &db, const Destination &target, TargetState &state);
    void refreshOverview(SqliteDb &db);
    void setSending(const QSet<QString> &studies);
    QFuture<int> queueJob(const std::function<IndexWriter::Result(SqliteDb &, int *, QStringList &)> &job);

    QString m_indexPath;
    QString m_filesDir;
    IndexWriter &m_writer;
    QThread *m_thread = nullptr;

    mutable std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::condition_variable m_idleChanged;
    bool m_stop = false;
    bool m_woken = false;
    bool m_idle = false;
    QString m_callingAe;
    QList<Destination> m_targets;
    quint64 m_targetsGeneration = 0;
    SyncOverview m_overview;
    QHash<QString, QString> m_problems; ///< Per target, see SyncOverview::Target::problem.
    QSet<QString> m_sending;
    QString m_sendingTarget;
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::SyncOverview)
