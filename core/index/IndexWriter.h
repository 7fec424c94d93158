#pragma once

#include "core/common/Destination.h"
#include "core/index/IndexRecords.h"

#include <QObject>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace lightbox {

class SqliteDb;

/// The one writer of the index. Owns the only read-write connection on its own thread, takes jobs from a
/// queue and commits everything queued in one transaction (group commit across associations): a caller
/// blocked on insert() returns once its row is durable (WAL, synchronous=FULL).
class IndexWriter : public QObject
{
    Q_OBJECT

public:
    enum class Outcome { Inserted, Duplicate, Failed };

    struct Result
    {
        Outcome outcome = Outcome::Failed;
        QString error; ///< Plain words when Failed.
    };

    /// A job run on the writer's connection inside the current batch transaction. It appends the studies it
    /// changed. A Failed result rolls the job's changes back to its savepoint; the batch goes on.
    using Job = std::function<Result(SqliteDb &db, QStringList &changedStudies)>;

    explicit IndexWriter(const QString &databasePath, QObject *parent = nullptr);
    ~IndexWriter() override;

    /// Opens (creates, migrates) the database and starts the writer thread.
    /// @return false with @p error set in plain words.
    bool open(QString *error = nullptr);
    /// Commits what is queued and stops the thread.
    void close();

    /// Queues @p record; the future resolves when its batch is committed (or failed).
    std::future<Result> submit(InstanceRecord record);
    /// Blocking convenience: submit(record).get().
    Result insert(InstanceRecord record) { return submit(std::move(record)).get(); }
    /// Queues an arbitrary write job (deletes, reindex clearing, ...).
    std::future<Result> execute(Job job);

    QString databasePath() const { return m_path; }

    /// The sync destinations: every instance inserted from now on that one of them selects (Destination::syncs)
    /// is queued in the sync outbox in the same transaction as its index row. Thread-safe; takes effect with the
    /// next batch. Set it before the listener starts, so nothing arrives unqueued.
    void setSyncTargets(const QList<Destination> &targets);

    struct InsertStatements;

Q_SIGNALS:
    /// Emitted from the writer thread after each commit with the studies whose rows changed and the commit's
    /// wall-clock time (ms since the epoch), so a view can measure commit-to-screen latency.
    void studiesChanged(const QStringList &studyInstanceUids, qint64 committedAtMs);
    /// Emitted from the writer thread after a commit that queued instances for sync.
    void syncQueued();

private:
    struct Task
    {
        Job job;
        std::promise<Result> promise;
    };

    void run();
    void processBatch(SqliteDb &db, std::deque<Task> &batch);

    QString m_path;
    std::unique_ptr<InsertStatements> m_insert; ///< Used on the writer thread only.
    qint64 m_lastMarkMs = 0; ///< When 'last_commit' was last written (writer thread).
    int m_batchSyncQueued = 0; ///< Outbox rows the current batch queued (writer thread).
    std::mutex m_targetsMutex;
    QList<Destination> m_syncTargets; ///< Guarded by m_targetsMutex.
    QList<Destination> m_batchTargets; ///< The writer thread's copy for the current batch.
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    bool m_stop = false;
    bool m_running = false;
};

} // namespace lightbox
