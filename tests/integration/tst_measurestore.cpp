// Measurements are kept with their instances in the index: saved through the one writer, read back after
// reopening, updated, removed, gone with their instance's deletion, and carried over when the index is rebuilt.

#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/SyntheticStudy.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexWriter.h"
#include "core/index/MeasurementStore.h"
#include "core/index/SqliteDb.h"
#include "core/net/InstanceSink.h"
#include "core/service/Workstation.h"
#include "tests/integration/IngestTestSupport.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

SyntheticStudy makeMr(int variant)
{
    SyntheticOptions options;
    options.kind = SyntheticKind::MrBrain;
    options.matrix = 32;
    options.slices = 3;
    options.variant = variant;
    return SyntheticStudy(options);
}

Measurement make(const QString &uid, Measurement::Kind kind, QList<QPointF> points, const QString &label = {})
{
    Measurement m;
    m.sopInstanceUid = uid;
    m.kind = kind;
    m.points = std::move(points);
    m.label = label;
    return m;
}

QList<Measurement> readBack(const StorageLocation &location, const QStringList &uids)
{
    IndexReader reader(location.indexPath());
    if (!reader.open())
        return {};
    return reader.measurementsFor(uids);
}

qint64 scalar(const StorageLocation &location, const QString &sql)
{
    SqliteDb db;
    if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(sql).toLongLong();
}

// A started workstation holding one MR study (3 series of 3 instances).
struct Fixture
{
    QTemporaryDir dir;
    StorageLocation location {dir.path()};
    Workstation ws {location, settingsOnFreePort()};
    SyntheticStudy mr = makeMr(7);
    QList<InstanceFile> files;

    bool start()
    {
        QString error;
        if (!ws.start(&error)) {
            qWarning() << error;
            return false;
        }
        ws.reconciliation().waitForFinished();
        if (!ingestStudy(*ws.ingest(), location, mr))
            return false;
        IndexReader reader(location.indexPath());
        if (!reader.open())
            return false;
        files = reader.filesOfStudy(mr.studyInstanceUid());
        return files.size() == mr.instanceCount();
    }
    QStringList uids() const
    {
        QStringList list;
        for (const InstanceFile &f : files)
            list << f.sopInstanceUid;
        return list;
    }
};

IndexWriter::Outcome saved(IndexWriter &writer, Measurement &m)
{
    return MeasurementStore::save(writer, m).get().outcome;
}

} // namespace

class TestMeasureStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saved_comesBackAfterReopening_thenUpdates_andRemoves()
    {
        Fixture f;
        QVERIFY(f.start());
        const QString uid = f.files.at(0).sopInstanceUid;
        Measurement distance = make(uid, Measurement::Kind::Distance, {QPointF(10.5, 20.5), QPointF(110.5, 20.25)});
        Measurement roi = make(uid, Measurement::Kind::Rectangle, {QPointF(2, 2), QPointF(22, 22)}, "liver");
        roi.frame = 0;
        Measurement probe = make(f.files.at(1).sopInstanceUid, Measurement::Kind::Probe, {QPointF(3.5, 4.5)});
        auto pending = MeasurementStore::save(*f.ws.index(), distance);
        QVERIFY(distance.id > 0); // known at once, before the write is committed
        QVERIFY(distance.createdAt.isValid());
        QCOMPARE(pending.get().outcome, IndexWriter::Outcome::Inserted);
        QCOMPARE(saved(*f.ws.index(), roi), IndexWriter::Outcome::Inserted);
        QCOMPARE(saved(*f.ws.index(), probe), IndexWriter::Outcome::Inserted);
        QVERIFY(roi.id > distance.id);
        f.ws.stop();

        QList<Measurement> back = readBack(f.location, {uid});
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).id, distance.id);
        QCOMPARE(back.at(0).kind, Measurement::Kind::Distance);
        QCOMPARE(back.at(0).points, distance.points);
        QCOMPARE(back.at(0).sopInstanceUid, uid);
        QCOMPARE(back.at(0).createdAt.toMSecsSinceEpoch(), distance.createdAt.toMSecsSinceEpoch());
        QCOMPARE(back.at(1).id, roi.id);
        QCOMPARE(back.at(1).kind, Measurement::Kind::Rectangle);
        QCOMPARE(back.at(1).label, QStringLiteral("liver"));
        QCOMPARE(readBack(f.location, f.uids()).size(), 3);
        QCOMPARE(readBack(f.location, {"1.2.3.4"}).size(), 0);

        // Reopened: move the distance's end, relabel it.
        QString error;
        QVERIFY2(f.ws.start(&error), qPrintable(error));
        distance.points[1] = QPointF(60.5, 20.5);
        distance.label = "moved";
        QCOMPARE(saved(*f.ws.index(), distance), IndexWriter::Outcome::Inserted);
        back = readBack(f.location, {uid});
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).points.at(1), QPointF(60.5, 20.5));
        QCOMPARE(back.at(0).label, QStringLiteral("moved"));

        QCOMPARE(MeasurementStore::remove(*f.ws.index(), roi.id).get().outcome, IndexWriter::Outcome::Inserted);
        QCOMPARE(MeasurementStore::remove(*f.ws.index(), roi.id).get().outcome, IndexWriter::Outcome::Duplicate);
        back = readBack(f.location, {uid});
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.at(0).id, distance.id);
        f.ws.stop();
    }

    void measurementOfAnUnknownInstance_isRefused()
    {
        Fixture f;
        QVERIFY(f.start());
        Measurement m = make("1.2.3.4.5", Measurement::Kind::Probe, {QPointF(1, 1)});
        const IndexWriter::Result r = MeasurementStore::save(*f.ws.index(), m).get();
        QCOMPARE(r.outcome, IndexWriter::Outcome::Failed);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(scalar(f.location, "SELECT count(*) FROM measurements"), 0);
    }

    void deletingASeries_deletesItsMeasurements_only()
    {
        Fixture f;
        QVERIFY(f.start());
        const QString goneSeries = f.files.first().seriesInstanceUid;
        QStringList goneUids;
        QStringList keptUids;
        for (const InstanceFile &file : f.files)
            (file.seriesInstanceUid == goneSeries ? goneUids : keptUids) << file.sopInstanceUid;
        QVERIFY(!goneUids.isEmpty() && !keptUids.isEmpty());
        for (const QString &uid : f.uids()) {
            Measurement m = make(uid, Measurement::Kind::Ellipse, {QPointF(1, 1), QPointF(9, 5)});
            QCOMPARE(saved(*f.ws.index(), m), IndexWriter::Outcome::Inserted);
        }
        QCOMPARE(scalar(f.location, "SELECT count(*) FROM measurements"), f.files.size());

        const DeleteResult result = f.ws.deleteSeries({goneSeries}).result();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(readBack(f.location, goneUids).size(), 0);
        QCOMPARE(readBack(f.location, keptUids).size(), keptUids.size());
        QCOMPARE(scalar(f.location, "SELECT count(*) FROM measurements"), keptUids.size());
        f.ws.stop();
    }

    void reindex_keepsTheMeasurements_ofTheFilesStillThere()
    {
        Fixture f;
        QVERIFY(f.start());
        QList<Measurement> all;
        for (const QString &uid : f.uids()) {
            Measurement m = make(uid, Measurement::Kind::Angle, {QPointF(1, 1), QPointF(5, 5), QPointF(9, 1)}, uid);
            QCOMPARE(saved(*f.ws.index(), m), IndexWriter::Outcome::Inserted);
            all << m;
        }
        f.ws.stop();
        // One file is gone from the disk: its measurement cannot come back with it.
        const InstanceFile lost = f.files.last();
        QVERIFY(QFile::remove(f.location.filesDir() + '/' + lost.filePath));

        QString summary;
        QString error;
        QVERIFY2(Workstation::reindex(f.location, &summary, &error), qPrintable(error));
        const QList<Measurement> back = readBack(f.location, f.uids());
        QCOMPARE(back.size(), all.size() - 1);
        for (const Measurement &m : all) {
            const auto it = std::find_if(back.begin(), back.end(), [&m](const Measurement &b) { return b.id == m.id; });
            if (m.sopInstanceUid == lost.sopInstanceUid) {
                QVERIFY(it == back.end());
                continue;
            }
            QVERIFY(it != back.end());
            QCOMPARE(it->points, m.points);
            QCOMPARE(it->kind, Measurement::Kind::Angle);
            QCOMPARE(it->label, m.sopInstanceUid);
            QCOMPARE(it->createdAt.toMSecsSinceEpoch(), m.createdAt.toMSecsSinceEpoch());
        }
    }
};

QTEST_GUILESS_MAIN(TestMeasureStore)
#include "tst_measurestore.moc"
