#include "core/index/SyncOutbox.h"

#include "core/index/SqliteDb.h"

#include <QCoreApplication>
#include <QDateTime>

#include <sqlite3.h>

namespace lightbox::syncoutbox {
namespace {

constexpr qint64 kBackoffBaseMs = 2000;
constexpr qint64 kBackoffCapMs = 120000;

IndexWriter::Result failed(SqliteDb &db, const QString &what)
{
    return {IndexWriter::Outcome::Failed,
            QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db.handle())))};
}

IndexWriter::Result done(bool changed)
{
    return {changed ? IndexWriter::Outcome::Inserted : IndexWriter::Outcome::Duplicate, {}};
}

// Steps a statement with "RETURNING study_uid" to its end, collecting the studies.
bool collectStudies(SqliteStatement &statement, QStringList &changed, int *rows = nullptr)
{
    while (statement.next()) {
        changed.append(statement.text(0));
        if (rows)
            ++*rows;
    }
    const bool ok = statement.error().isEmpty();
    statement.reset();
    return ok;
}

} // namespace

qint64 backoffMs(int attempts)
{
    if (attempts <= 0)
        return 0;
    const int shift = qMin(attempts - 1, 16);
    return qMin(kBackoffCapMs, kBackoffBaseMs << shift);
}

IndexWriter::Result enqueue(SqliteDb &db, const QList<Destination> &targets, const QStringList &studyUids, bool resend,
                            int *queued, QStringList &changedStudies)
{
    if (queued)
        *queued = 0;
    QList<Destination> syncTargets;
    for (const Destination &d : targets) {
        if (d.roles.testFlag(Destination::Sync))
            syncTargets.append(d);
    }
    if (syncTargets.isEmpty())
        return done(false);
    const QString select
        = QStringLiteral("SELECT i.sop_instance_uid, st.study_uid, se.modality, i.calling_ae FROM instances i "
                         "JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref");
    SqliteStatement all(db, select);
    SqliteStatement one(db, select + QStringLiteral(" WHERE st.study_uid = ?"));
    // A row already sent stays sent unless a resend is asked for; anything else becomes due now.
    SqliteStatement insert(
        db,
        QStringLiteral("INSERT INTO sync_outbox(destination, sop_instance_uid, study_uid, state, next_attempt_at, "
                       "queued_at) VALUES(?1, ?2, ?3, 0, 0, ?4) ON CONFLICT(destination, sop_instance_uid) DO "
                       "UPDATE SET state = 0, next_attempt_at = 0, attempts = CASE WHEN state = 2 THEN 0 ELSE "
                       "attempts END, study_uid = excluded.study_uid WHERE state <> 1 OR ?5"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto queueFrom = [&](SqliteStatement &rows) -> bool {
        while (rows.next()) {
            const QString sop = rows.text(0);
            const QString study = rows.text(1);
            const QString modality = rows.text(2);
            const QString callingAe = rows.text(3);
            for (const Destination &d : syncTargets) {
                if (!d.syncs(modality, callingAe))
                    continue;
                insert.bind(1, d.name).bind(2, sop).bind(3, study).bind(4, now).bind(5, qint64(resend ? 1 : 0));
                if (!insert.run())
                    return false;
                if (sqlite3_changes(db.handle()) > 0) {
                    if (queued)
                        ++*queued;
                    if (changedStudies.isEmpty() || changedStudies.constLast() != study)
                        changedStudies.append(study);
                }
            }
        }
        rows.reset();
        return true;
    };
    if (studyUids.isEmpty()) {
        if (!queueFrom(all))
            return failed(db, QStringLiteral("cannot queue the instances for sync"));
    } else {
        for (const QString &uid : studyUids) {
            one.bind(1, uid);
            if (!queueFrom(one))
                return failed(db, QStringLiteral("cannot queue the instances for sync"));
        }
    }
    changedStudies.removeDuplicates();
    return done(queued ? *queued > 0 : true);
}

IndexWriter::Result retryFailed(SqliteDb &db, const QString &destination, int *requeued, QStringList &changedStudies)
{
    int rows = 0;
    SqliteStatement retry(db,
                          QStringLiteral("UPDATE sync_outbox SET state = 0, attempts = 0, next_attempt_at = 0 "
                                         "WHERE state = 2 AND (?1 = '' OR destination = ?1) RETURNING study_uid"));
    retry.bind(1, destination);
    if (!collectStudies(retry, changedStudies, &rows))
        return failed(db, QStringLiteral("cannot queue the failed instances again"));
    changedStudies.removeDuplicates();
    if (requeued)
        *requeued = rows;
    return done(rows > 0);
}

IndexWriter::Result record(SqliteDb &db, const QList<OutboxOutcome> &outcomes, qint64 nowMs,
                           QStringList &changedStudies)
{
    SqliteStatement sent(db,
                         QStringLiteral("UPDATE sync_outbox SET state = 1, sent_at = ?2, last_error = '' "
                                        "WHERE id = ?1 RETURNING study_uid"));
    // A failure counts towards kMaxAttempts and waits its back-off; given up (or out of attempts) it fails.
    SqliteStatement retry(db,
                          QStringLiteral("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?3, "
                                         "state = CASE WHEN ?4 OR attempts + 1 >= ?5 THEN 2 ELSE 0 END, "
                                         "next_attempt_at = ?2 + min(?6, ?7 << min(attempts, 16)) "
                                         "WHERE id = ?1 RETURNING study_uid"));
    SqliteStatement wait(
        db, QStringLiteral("UPDATE sync_outbox SET last_error = ?2 WHERE id = ?1 AND state = 0 RETURNING study_uid"));
    for (const OutboxOutcome &o : outcomes) {
        bool ok = false;
        switch (o.kind) {
        case OutboxOutcome::Sent:
            ok = collectStudies(sent.bind(1, o.id).bind(2, nowMs), changedStudies);
            break;
        case OutboxOutcome::Retry:
        case OutboxOutcome::GiveUp:
            ok = collectStudies(retry.bind(1, o.id)
                                    .bind(2, nowMs)
                                    .bind(3, o.error)
                                    .bind(4, qint64(o.kind == OutboxOutcome::GiveUp ? 1 : 0))
                                    .bind(5, qint64(kMaxAttempts))
                                    .bind(6, kBackoffCapMs)
                                    .bind(7, kBackoffBaseMs),
                                changedStudies);
            break;
        case OutboxOutcome::Wait:
            ok = collectStudies(wait.bind(1, o.id).bind(2, o.error), changedStudies);
            break;
        }
        if (!ok)
            return failed(db, QStringLiteral("cannot record the sync outcome"));
    }
    changedStudies.removeDuplicates();
    return done(!outcomes.isEmpty());
}

IndexWriter::Result failAllPending(SqliteDb &db, const QString &destination, const QString &reason,
                                   QStringList &changedStudies)
{
    SqliteStatement fail(db,
                         QStringLiteral("UPDATE sync_outbox SET state = 2, last_error = ?2, attempts = attempts + 1 "
                                        "WHERE state = 0 AND destination = ?1 RETURNING study_uid"));
    fail.bind(1, destination).bind(2, reason);
    if (!collectStudies(fail, changedStudies))
        return failed(db, QStringLiteral("cannot record the sync failure"));
    changedStudies.removeDuplicates();
    return done(true);
}

IndexWriter::Result requeue(SqliteDb &db, const QString &destination, const QStringList &sopInstanceUids,
                            const QString &reason, QStringList &changedStudies)
{
    // Counts as an attempt: a remote that keeps losing an instance ends with it failed, not in an endless loop.
    SqliteStatement again(db,
                          QStringLiteral("UPDATE sync_outbox SET next_attempt_at = 0, last_error = ?3, attempts = "
                                         "attempts + 1, state = CASE WHEN attempts + 1 >= ?4 THEN 2 ELSE 0 END "
                                         "WHERE destination = ?1 AND sop_instance_uid = ?2 RETURNING study_uid"));
    for (const QString &uid : sopInstanceUids) {
        if (!collectStudies(again.bind(1, destination).bind(2, uid).bind(3, reason).bind(4, qint64(kMaxAttempts)),
                            changedStudies))
            return failed(db, QStringLiteral("cannot queue the missing instances again"));
    }
    changedStudies.removeDuplicates();
    return done(!sopInstanceUids.isEmpty());
}

IndexWriter::Result markVerified(SqliteDb &db, const QString &destination, const QString &studyUid, int instanceCount)
{
    SqliteStatement mark(db,
                         QStringLiteral("INSERT INTO sync_verified(destination, study_uid, instance_count, "
                                        "verified_at) VALUES(?, ?, ?, ?) ON CONFLICT(destination, study_uid) DO "
                                        "UPDATE SET instance_count = excluded.instance_count, "
                                        "verified_at = excluded.verified_at"));
    mark.bind(1, destination)
        .bind(2, studyUid)
        .bind(3, qint64(instanceCount))
        .bind(4, QDateTime::currentMSecsSinceEpoch());
    if (!mark.run())
        return failed(db, QStringLiteral("cannot record the verification"));
    return done(true);
}

IndexWriter::Result dropOtherDestinations(SqliteDb &db, const QStringList &keep, QStringList &changedStudies)
{
    SqliteStatement names(db, QStringLiteral("SELECT DISTINCT destination FROM sync_outbox"));
    QStringList gone;
    while (names.next()) {
        if (!keep.contains(names.text(0)))
            gone.append(names.text(0));
    }
    names.reset();
    SqliteStatement drop(db, QStringLiteral("DELETE FROM sync_outbox WHERE destination = ? RETURNING study_uid"));
    SqliteStatement dropVerified(db, QStringLiteral("DELETE FROM sync_verified WHERE destination = ?"));
    for (const QString &name : gone) {
        if (!collectStudies(drop.bind(1, name), changedStudies) || !dropVerified.bind(1, name).run())
            return failed(db, QStringLiteral("cannot drop the sync rows of a removed destination"));
    }
    changedStudies.removeDuplicates();
    return done(!gone.isEmpty());
}

bool carryOver(const QString &freshIndexPath, const QString &oldIndexPath, QString *error)
{
    SqliteDb db;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!db.open(freshIndexPath, SqliteDb::Mode::ReadWrite))
        return fail(db.lastError());
    SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS old"));
    if (!attach.bind(1, oldIndexPath).run())
        return fail(attach.error());
    const bool hasOutbox
        = db.scalar(QStringLiteral("SELECT count(*) FROM old.sqlite_master WHERE name = 'sync_outbox'")).toInt() > 0;
    const bool ok = !hasOutbox
        || db.exec(QStringLiteral(
            "BEGIN IMMEDIATE; INSERT OR IGNORE INTO sync_outbox SELECT * FROM old.sync_outbox WHERE sop_instance_uid "
            "IN "
            "(SELECT sop_instance_uid FROM instances); INSERT OR IGNORE INTO sync_verified SELECT * FROM "
            "old.sync_verified; COMMIT;"));
    const QString why = db.lastError();
    if (!ok)
        db.exec(QStringLiteral("ROLLBACK"));
    db.exec(QStringLiteral("DETACH DATABASE old"));
    return ok || fail(why);
}

QList<OutboxItem> due(SqliteDb &db, const QString &destination, qint64 nowMs, int limit)
{
    QList<OutboxItem> items;
    SqliteStatement q(db,
                      QStringLiteral("SELECT o.id, o.sop_instance_uid, o.study_uid, o.attempts, i.sop_class_uid, "
                                     "i.transfer_syntax, i.file_path FROM sync_outbox o LEFT JOIN instances i ON "
                                     "i.sop_instance_uid = o.sop_instance_uid WHERE o.state = 0 AND "
                                     "o.destination = ?1 AND o.next_attempt_at <= ?2 ORDER BY o.id LIMIT ?3"));
    q.bind(1, destination).bind(2, nowMs).bind(3, qint64(limit));
    while (q.next()) {
        OutboxItem item;
        item.id = q.integer(0);
        item.destination = destination;
        item.sopInstanceUid = q.text(1);
        item.studyInstanceUid = q.text(2);
        item.attempts = int(q.integer(3));
        item.sopClassUid = q.text(4);
        item.transferSyntaxUid = q.text(5);
        item.filePath = q.text(6); // Empty when the instance was deleted meanwhile.
        items.append(item);
    }
    return items;
}

qint64 nextAttempt(SqliteDb &db, const QString &destination)
{
    SqliteStatement q(db,
                      QStringLiteral("SELECT min(next_attempt_at) FROM sync_outbox WHERE state = 0 AND "
                                     "destination = ?"));
    q.bind(1, destination);
    if (!q.next() || q.isNull(0))
        return 0;
    return qMax<qint64>(1, q.integer(0));
}

QHash<QString, SyncCounts> counts(SqliteDb &db)
{
    QHash<QString, SyncCounts> out;
    SqliteStatement q(db,
                      QStringLiteral("SELECT destination, state, count(*) FROM sync_outbox GROUP BY destination, "
                                     "state"));
    while (q.next()) {
        SyncCounts &c = out[q.text(0)];
        const qint64 n = q.integer(2);
        switch (q.integer(1)) {
        case 0:
            c.pending += n;
            break;
        case 1:
            c.sent += n;
            break;
        default:
            c.failed += n;
            break;
        }
    }
    SqliteStatement verified(db,
                             QStringLiteral("SELECT destination, count(*) FROM sync_verified GROUP BY destination"));
    while (verified.next()) {
        if (out.contains(verified.text(0)))
            out[verified.text(0)].verifiedStudies = verified.integer(1);
    }
    SqliteStatement error(db,
                          QStringLiteral("SELECT last_error FROM sync_outbox WHERE state = ?2 AND destination = ?1 "
                                         "AND last_error <> '' LIMIT 1"));
    for (auto it = out.begin(); it != out.end(); ++it) {
        for (qint64 state : {qint64(2), qint64(0)}) {
            if (it->lastError.isEmpty() && error.bind(1, it.key()).bind(2, state).next())
                it->lastError = error.text(0);
            error.reset();
        }
    }
    return out;
}

QHash<QString, StudySync> studies(SqliteDb &db, const QStringList &studyUids)
{
    QHash<QString, StudySync> out;
    SqliteStatement q(db,
                      QStringLiteral("SELECT sum(state = 0), sum(state = 1), sum(state = 2), "
                                     "max(CASE WHEN state = 2 THEN destination || ': ' || last_error END), "
                                     "max(CASE WHEN state = 0 AND last_error <> '' THEN destination || ': ' || "
                                     "last_error END), min(CASE WHEN state = 0 AND next_attempt_at > 0 THEN "
                                     "next_attempt_at END), count(DISTINCT destination), (SELECT count(*) FROM "
                                     "sync_verified v WHERE v.study_uid = ?1) FROM sync_outbox WHERE study_uid = ?1"));
    for (const QString &uid : studyUids) {
        q.bind(1, uid);
        if (q.next() && !q.isNull(0)) {
            StudySync s;
            s.pending = int(q.integer(0));
            s.sent = int(q.integer(1));
            s.failed = int(q.integer(2));
            s.destinations = int(q.integer(6));
            if (s.failed > 0) {
                s.state = SyncState::Failed;
                s.reason = q.text(3);
            } else if (s.pending > 0) {
                s.state = SyncState::Pending;
                s.reason = q.text(4);
                s.nextAttemptMs = q.isNull(5) ? 0 : q.integer(5);
            } else if (s.sent > 0) {
                s.state = SyncState::Synced;
                s.verified = q.integer(7) >= q.integer(6);
            }
            out.insert(uid, s);
        }
        q.reset();
    }
    return out;
}

QStringList studiesInState(SqliteDb &db, int state, int limit)
{
    QStringList out;
    SqliteStatement q(db, QStringLiteral("SELECT DISTINCT study_uid FROM sync_outbox WHERE state = ? LIMIT ?"));
    q.bind(1, qint64(state)).bind(2, qint64(limit));
    while (q.next())
        out.append(q.text(0));
    return out;
}

QHash<QString, QStringList> unverifiedSyncedStudies(SqliteDb &db, const QString &destination, int limit)
{
    QHash<QString, QStringList> out;
    SqliteStatement q(db,
                      QStringLiteral("SELECT o.study_uid FROM sync_outbox o WHERE o.destination = ?1 GROUP BY "
                                     "o.study_uid HAVING sum(o.state <> 1) = 0 AND count(*) <> coalesce((SELECT "
                                     "v.instance_count FROM sync_verified v WHERE v.destination = ?1 AND "
                                     "v.study_uid = o.study_uid), -1) LIMIT ?2"));
    SqliteStatement sops(db,
                         QStringLiteral("SELECT sop_instance_uid FROM sync_outbox WHERE destination = ? AND "
                                        "study_uid = ?"));
    q.bind(1, destination).bind(2, qint64(limit));
    while (q.next()) {
        const QString study = q.text(0);
        QStringList &list = out[study];
        sops.bind(1, destination).bind(2, study);
        while (sops.next())
            list.append(sops.text(0));
        sops.reset();
    }
    return out;
}

QString stateName(SyncState state)
{
    switch (state) {
    case SyncState::Pending:
        return QCoreApplication::translate("lightbox::Sync", "Pending");
    case SyncState::Sending:
        return QCoreApplication::translate("lightbox::Sync", "Sending");
    case SyncState::Synced:
        return QCoreApplication::translate("lightbox::Sync", "Synced");
    case SyncState::Failed:
        return QCoreApplication::translate("lightbox::Sync", "Failed");
    case SyncState::None:
        break;
    }
    return {};
}

} // namespace lightbox::syncoutbox
