// The sync outbox in the index: rows queued in the same transaction as the instance, the rules, outcomes with
// back-off and giving up, "retry failed", study states, removal, and carrying over a reindex.
#include "core/index/IndexReader.h"
#include "core/index/IndexRemoval.h"
#include "core/index/IndexWriter.h"
#include "core/index/SqliteDb.h"
#include "core/index/SyncOutbox.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;

namespace {

InstanceRecord record(const QString &study, const QString &sop, const QString &modality = QStringLiteral("CT"),
                      const QString &callingAe = QStringLiteral("CT01"))
{
    InstanceRecord r;
    r.meta.patientId = QStringLiteral("P1");
    r.meta.studyInstanceUid = study;
    r.meta.seriesInstanceUid = study + QStringLiteral(".1");
    r.meta.modality = modality;
    r.meta.sopInstanceUid = sop;
    r.meta.sopClassUid = QStringLiteral("1.2.840.10008.5.1.4.1.1.2");
    r.meta.transferSyntaxUid = QStringLiteral("1.2.840.10008.1.2.1");
    r.filePath = QStringLiteral("aa/") + sop;
    r.fileSize = 100;
    r.callingAe = callingAe;
    return r;
}

Destination target(const QString &name, const QStringList &modalities = {})
{
    Destination d;
    d.name = name;
    d.node = {QStringLiteral("PACS"), QStringLiteral("127.0.0.1"), 104};
    d.roles = Destination::Sync;
    d.syncModalities = modalities;
    return d;
}

qint64 count(const QString &path, const QString &where)
{
    SqliteDb db;
    if (!db.open(path, SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE ") + where).toLongLong();
}

IndexWriter::Result runJob(IndexWriter &writer, const std::function<IndexWriter::Result(SqliteDb &)> &job)
{
    return writer.execute([&](SqliteDb &db, QStringList &) { return job(db); }).get();
}

} // namespace

class TestSyncOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insert_queuesForEveryTargetItsRulesSelect()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        QSignalSpy queued(&writer, &IndexWriter::syncQueued);
        // Not a sync destination: ignored.
        Destination sendOnly = target(QStringLiteral("VIEWER"));
        sendOnly.roles = Destination::Send;
        writer.setSyncTargets(
            {target(QStringLiteral("ALL")), target(QStringLiteral("MR ONLY"), {QStringLiteral("MR")}), sendOnly});
        QCOMPARE(writer.insert(record(QStringLiteral("1.1"), QStringLiteral("1.1.1.1"))).outcome,
                 IndexWriter::Outcome::Inserted);
        QCOMPARE(writer.insert(record(QStringLiteral("1.2"), QStringLiteral("1.2.1.1"), QStringLiteral("MR"))).outcome,
                 IndexWriter::Outcome::Inserted);
        // Sent by the PACS itself (its AE title): never synced back to it.
        QCOMPARE(writer
                     .insert(record(QStringLiteral("1.3"), QStringLiteral("1.3.1.1"), QStringLiteral("CT"),
                                    QStringLiteral("PACS")))
                     .outcome,
                 IndexWriter::Outcome::Inserted);
        // A duplicate is not queued twice.
        QCOMPARE(writer.insert(record(QStringLiteral("1.1"), QStringLiteral("1.1.1.1"))).outcome,
                 IndexWriter::Outcome::Duplicate);
        writer.close();
        QCOMPARE(count(path, QStringLiteral("destination = 'ALL'")), 2);
        QCOMPARE(count(path, QStringLiteral("destination = 'MR ONLY'")), 1);
        QCOMPARE(count(path, QStringLiteral("destination = 'MR ONLY' AND sop_instance_uid = '1.2.1.1'")), 1);
        QCOMPARE(count(path, QStringLiteral("destination = 'VIEWER'")), 0);
        QCOMPARE(count(path, QStringLiteral("state = 0 AND next_attempt_at = 0")), 3);
        SqliteDb reader;
        QVERIFY(reader.open(path, SqliteDb::Mode::ReadOnly));
        const QHash<QString, StudySync> states
            = syncoutbox::studies(reader, {QStringLiteral("1.1"), QStringLiteral("1.2")});
        QCOMPARE(states.value(QStringLiteral("1.1")).destinations, 1);
        QCOMPARE(states.value(QStringLiteral("1.2")).destinations, 2); // the MR goes to both
        QCOMPARE(states.value(QStringLiteral("1.2")).pending, 2);
        QVERIFY(queued.count() >= 1);
    }

    void outcomes_backOff_giveUp_retry_andStudyStates()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        writer.setSyncTargets({target(QStringLiteral("PACS"))});
        for (int i = 1; i <= 4; ++i)
            writer.insert(record(QStringLiteral("2.1"), QStringLiteral("2.1.1.%1").arg(i)));
        writer.insert(record(QStringLiteral("2.2"), QStringLiteral("2.2.1.1")));

        SqliteDb reader;
        QVERIFY(reader.open(path, SqliteDb::Mode::ReadOnly));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<OutboxItem> due = syncoutbox::due(reader, QStringLiteral("PACS"), now, 100);
        QCOMPARE(due.size(), 5);
        QCOMPARE(due.first().filePath, QStringLiteral("aa/2.1.1.1"));
        QCOMPARE(due.first().transferSyntaxUid, QStringLiteral("1.2.840.10008.1.2.1"));

        // 2.1.1.1 sent, 2.1.1.2 refused (retried later), 2.1.1.3 given up, 2.1.1.4 waits for the remote.
        const QList<OutboxOutcome> outcomes {
            {due[0].id, OutboxOutcome::Sent, {}},
            {due[1].id, OutboxOutcome::Retry, QStringLiteral("0xA700 out of resources")},
            {due[2].id, OutboxOutcome::GiveUp, QStringLiteral("not readable")},
            {due[3].id, OutboxOutcome::Wait, QStringLiteral("connection refused")}};
        QStringList changed;
        QCOMPARE(runJob(writer, [&](SqliteDb &db) { return syncoutbox::record(db, outcomes, now, changed); }).outcome,
                 IndexWriter::Outcome::Inserted);
        QCOMPARE(changed, QStringList {QStringLiteral("2.1")});

        due = syncoutbox::due(reader, QStringLiteral("PACS"), now, 100);
        QCOMPARE(due.size(), 2); // the waiting one and study 2.2; the refused one waits its back-off
        const qint64 next = syncoutbox::nextAttempt(reader, QStringLiteral("PACS"));
        QCOMPARE(next, qint64(1)); // rows due now exist
        QCOMPARE(syncoutbox::due(reader, QStringLiteral("PACS"), now + syncoutbox::backoffMs(1), 100).size(), 3);

        SyncCounts c = syncoutbox::counts(reader).value(QStringLiteral("PACS"));
        QCOMPARE(c.sent, 1);
        QCOMPARE(c.failed, 1);
        QCOMPARE(c.pending, 3);
        QCOMPARE(c.lastError, QStringLiteral("not readable"));

        QHash<QString, StudySync> states
            = syncoutbox::studies(reader, {QStringLiteral("2.1"), QStringLiteral("2.2"), QStringLiteral("9.9")});
        QCOMPARE(states.value(QStringLiteral("2.1")).state, SyncState::Failed);
        QCOMPARE(states.value(QStringLiteral("2.1")).reason, QStringLiteral("PACS: not readable"));
        QCOMPARE(states.value(QStringLiteral("2.1")).sent, 1);
        QCOMPARE(states.value(QStringLiteral("2.1")).destinations, 1);
        QCOMPARE(states.value(QStringLiteral("2.2")).state, SyncState::Pending);
        QVERIFY(!states.contains(QStringLiteral("9.9")));

        // The refused one fails for good after kMaxAttempts.
        for (int i = 1; i < syncoutbox::kMaxAttempts; ++i) {
            runJob(writer, [&](SqliteDb &db) {
                return syncoutbox::record(db, {{outcomes[1].id, OutboxOutcome::Retry, QStringLiteral("again")}}, now,
                                          changed);
            });
        }
        QCOMPARE(syncoutbox::counts(reader).value(QStringLiteral("PACS")).failed, 2);
        QVERIFY(syncoutbox::backoffMs(30) <= 120000);
        QCOMPARE(syncoutbox::backoffMs(1), 2000);
        QCOMPARE(syncoutbox::backoffMs(3), 8000);

        // Retry failed: both back to pending, due now.
        int requeued = 0;
        runJob(writer, [&](SqliteDb &db) { return syncoutbox::retryFailed(db, {}, &requeued, changed); });
        QCOMPARE(requeued, 2);
        c = syncoutbox::counts(reader).value(QStringLiteral("PACS"));
        QCOMPARE(c.failed, 0);
        QCOMPARE(c.pending, 4);
        QCOMPARE(syncoutbox::due(reader, QStringLiteral("PACS"), now, 100).size(), 4);

        // The remote refuses us as a whole: every pending row fails with the reason.
        runJob(writer, [&](SqliteDb &db) {
            return syncoutbox::failAllPending(db, QStringLiteral("PACS"),
                                              QStringLiteral("authentication rejected by the server"), changed);
        });
        c = syncoutbox::counts(reader).value(QStringLiteral("PACS"));
        QCOMPARE(c.pending, 0);
        QCOMPARE(c.failed, 4);
        QCOMPARE(syncoutbox::studies(reader, {QStringLiteral("2.2")}).value(QStringLiteral("2.2")).reason,
                 QStringLiteral("PACS: authentication rejected by the server"));
        writer.close();
    }

    void enqueue_syncAllAndSyncNow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        // Stored before any sync target existed.
        for (int i = 1; i <= 3; ++i)
            writer.insert(record(QStringLiteral("3.1"), QStringLiteral("3.1.1.%1").arg(i)));
        writer.insert(record(QStringLiteral("3.2"), QStringLiteral("3.2.1.1"), QStringLiteral("MR")));
        QCOMPARE(count(path, QStringLiteral("1")), 0);
        const QList<Destination> targets {target(QStringLiteral("PACS"), {QStringLiteral("CT")})};
        int queued = 0;
        QStringList changed;
        runJob(writer, [&](SqliteDb &db) { return syncoutbox::enqueue(db, targets, {}, false, &queued, changed); });
        QCOMPARE(queued, 3); // the MR is not selected
        QCOMPARE(changed, QStringList {QStringLiteral("3.1")});
        // Mark them sent; "sync all" again queues nothing, "sync now" of the study queues it again.
        runJob(writer, [&](SqliteDb &db) {
            return db.exec(QStringLiteral("UPDATE sync_outbox SET state = 1"))
                ? IndexWriter::Result {IndexWriter::Outcome::Inserted, {}}
                : IndexWriter::Result {IndexWriter::Outcome::Failed, db.lastError()};
        });
        runJob(writer, [&](SqliteDb &db) { return syncoutbox::enqueue(db, targets, {}, false, &queued, changed); });
        QCOMPARE(queued, 0);
        runJob(writer, [&](SqliteDb &db) {
            return syncoutbox::enqueue(db, targets, {QStringLiteral("3.1")}, true, &queued, changed);
        });
        QCOMPARE(queued, 3);
        QCOMPARE(count(path, QStringLiteral("state = 0")), 3);

        // Removing an instance removes its outbox row.
        runJob(writer, [&](SqliteDb &db) {
            QStringList studies;
            return removeInstanceRows(db, {QStringLiteral("3.1.1.1")}, studies);
        });
        QCOMPARE(count(path, QStringLiteral("1")), 2);
        // A destination that no longer syncs leaves nothing behind.
        runJob(writer, [&](SqliteDb &db) { return syncoutbox::dropOtherDestinations(db, {}, changed); });
        QCOMPARE(count(path, QStringLiteral("1")), 0);
        writer.close();
    }

    void carryOver_keepsRowsOfInstancesStillThere()
    {
        QTemporaryDir dir;
        const QString oldPath = dir.filePath(QStringLiteral("old.sqlite"));
        const QString freshPath = dir.filePath(QStringLiteral("fresh.sqlite"));
        {
            IndexWriter old(oldPath);
            QVERIFY(old.open());
            old.setSyncTargets({target(QStringLiteral("PACS"))});
            old.insert(record(QStringLiteral("4.1"), QStringLiteral("4.1.1.1")));
            old.insert(record(QStringLiteral("4.1"), QStringLiteral("4.1.1.2")));
            runJob(old, [&](SqliteDb &db) {
                return db.exec(QStringLiteral("UPDATE sync_outbox SET state = 1 WHERE sop_instance_uid = '4.1.1.1'"))
                    ? IndexWriter::Result {IndexWriter::Outcome::Inserted, {}}
                    : IndexWriter::Result {IndexWriter::Outcome::Failed, db.lastError()};
            });
            old.close();
        }
        {
            // The rebuilt index has only the first instance (the second's file is gone) and queues nothing itself.
            IndexWriter fresh(freshPath);
            QVERIFY(fresh.open());
            fresh.insert(record(QStringLiteral("4.1"), QStringLiteral("4.1.1.1")));
            fresh.close();
        }
        QString error;
        QVERIFY2(syncoutbox::carryOver(freshPath, oldPath, &error), qPrintable(error));
        QCOMPARE(count(freshPath, QStringLiteral("1")), 1);
        QCOMPARE(count(freshPath, QStringLiteral("sop_instance_uid = '4.1.1.1' AND state = 1")), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncOutbox)
#include "tst_syncoutbox.moc"
