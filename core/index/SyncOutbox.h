#pragma once

#include "core/common/Destination.h"
#include "core/index/IndexWriter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lightbox {

class SqliteDb;

/// The sync state of a study towards one destination, or towards all of them together (the worst wins).
enum class SyncState {
    None, ///< Nothing of it is to be synced.
    Pending, ///< Queued (maybe retrying after a failure: see StudySync::reason).
    Sending, ///< Being sent now (known to the sync worker only, never stored).
    Synced, ///< Every queued instance is on the remote.
    Failed, ///< Some instances failed for good; "Retry failed" queues them again.
};

/// One row of the outbox the sync worker sends.
struct OutboxItem
{
    qint64 id = 0;
    QString destination;
    QString sopInstanceUid;
    QString sopClassUid;
    QString transferSyntaxUid;
    QString studyInstanceUid;
    QString filePath; ///< Relative to the storage folder's files directory.
    int attempts = 0;
};

/// What became of one outbox row after a send.
struct OutboxOutcome
{
    enum Kind {
        Sent, ///< On the remote.
        Retry, ///< The remote refused this instance: retried with back-off, failed after kMaxAttempts.
        GiveUp, ///< Not sent and not worth retrying by itself: failed until "Retry failed".
        Wait, ///< The remote could not be reached: stays due (the worker waits), the reason is kept for the browser.
    };
    qint64 id = 0;
    Kind kind = Sent;
    QString error; ///< Plain words when not sent.
};

/// Totals of the outbox for one destination.
struct SyncCounts
{
    qint64 pending = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 verifiedStudies = 0; ///< Studies the remote confirmed holding completely (Destination::verifySync).
    QString lastError; ///< The reason of a failed or waiting row, if any row has one.
};

/// The sync state of one study (all destinations together).
struct StudySync
{
    SyncState state = SyncState::None;
    int pending = 0;
    int sent = 0;
    int failed = 0;
    QString reason; ///< Why it failed or is waiting, in plain words ("Orthanc: authentication rejected ...").
    qint64 nextAttemptMs = 0; ///< When a waiting retry is due (ms since the epoch), 0 if none.
    bool verified = false; ///< Synced and confirmed by every destination that verifies.
    int destinations = 0; ///< Sync destinations it has rows for (the counts add up over them).
};

/// The sync outbox's SQL, shared by the index writer (queueing in the same transaction as the index row), the sync
/// worker, the browser and the command line. Writers run inside IndexWriter jobs (one writer per index).
namespace syncoutbox {

/// Back-off after @p attempts failures: 2 s, 4 s, 8 s ... capped at 2 minutes.
qint64 backoffMs(int attempts);
/// Failures of one instance after which it stays failed until "Retry failed".
constexpr int kMaxAttempts = 6;

/// Queues every indexed instance (of @p studyUids, or all when empty) that @p targets' rules select and that is not
/// already queued or sent. With @p resend, rows already sent or failed of those studies go back to pending too (a
/// "Sync now" of a study the remote lost). Queued rows are due at once. @p queued receives the rows made pending.
IndexWriter::Result enqueue(SqliteDb &db, const QList<Destination> &targets, const QStringList &studyUids, bool resend,
                            int *queued, QStringList &changedStudies);
/// Failed rows (of @p destination, or all when empty) go back to pending, due at once, attempts reset.
IndexWriter::Result retryFailed(SqliteDb &db, const QString &destination, int *requeued, QStringList &changedStudies);
/// Records the outcome of a send: sent rows, retries with back-off, rows given up.
IndexWriter::Result record(SqliteDb &db, const QList<OutboxOutcome> &outcomes, qint64 nowMs,
                           QStringList &changedStudies);
/// Every pending row of @p destination fails now with @p reason (e.g. the server rejected our credentials: nothing
/// will get through until a technician changes something).
IndexWriter::Result failAllPending(SqliteDb &db, const QString &destination, const QString &reason,
                                   QStringList &changedStudies);
/// Rows (pending or failed) of @p destination that have not been sent: back to pending with @p reason, due at
/// once. Used when a verification found them missing on the remote.
IndexWriter::Result requeue(SqliteDb &db, const QString &destination, const QStringList &sopInstanceUids,
                            const QString &reason, QStringList &changedStudies);
/// Remembers that @p destination confirmed holding @p instanceCount instances of a study.
IndexWriter::Result markVerified(SqliteDb &db, const QString &destination, const QString &studyUid, int instanceCount);
/// Rows of destinations no longer in @p keep go (their destination was removed or lost its sync role).
IndexWriter::Result dropOtherDestinations(SqliteDb &db, const QStringList &keep, QStringList &changedStudies);

/// Copies the outbox and verifications of the index at @p oldIndexPath into the (closed) index at @p freshIndexPath,
/// for the instances the fresh index holds: a reindex keeps what was queued, sent or failed. An old index without an
/// outbox (schema < 4) has nothing to carry. @return false with @p error set.
bool carryOver(const QString &freshIndexPath, const QString &oldIndexPath, QString *error);

/// Pending rows of @p destination due at @p nowMs, oldest first.
QList<OutboxItem> due(SqliteDb &db, const QString &destination, qint64 nowMs, int limit);
/// The earliest next_attempt_at of a pending row of @p destination, 0 when none is pending.
qint64 nextAttempt(SqliteDb &db, const QString &destination);
/// Totals per destination name.
QHash<QString, SyncCounts> counts(SqliteDb &db);
/// The sync state of each of @p studyUids that has outbox rows (others are SyncState::None).
QHash<QString, StudySync> studies(SqliteDb &db, const QStringList &studyUids);
/// Studies with rows in @p state (0 pending, 1 sent, 2 failed), at most @p limit, for `lightbox sync --status`.
QStringList studiesInState(SqliteDb &db, int state, int limit);
/// Per destination: the studies of @p destination whose rows are all sent, with their SOP Instance UIDs, not yet
/// verified with that many instances (for the optional verification).
QHash<QString, QStringList> unverifiedSyncedStudies(SqliteDb &db, const QString &destination, int limit);

/// Plain-words name of a state ("Pending", "Synced", ...), translated.
QString stateName(SyncState state);

} // namespace syncoutbox
} // namespace lightbox
