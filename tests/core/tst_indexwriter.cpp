#include "core/index/IndexReader.h"
#include "core/index/IndexRemoval.h"
#include "core/index/IndexSchema.h"
#include "core/index/IndexWriter.h"
#include "core/index/SearchText.h"
#include "core/index/SqliteDb.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace lightbox;

namespace {

InstanceRecord record(const QString &patient, const QString &study, const QString &series, const QString &sop,
                      const QString &modality = QStringLiteral("CT"))
{
    InstanceRecord r;
    r.meta.patientId = patient;
    r.meta.patientName = QStringLiteral("NAME^") + patient;
    r.meta.studyInstanceUid = study;
    r.meta.studyDate = QStringLiteral("20240115");
    r.meta.seriesInstanceUid = series;
    r.meta.modality = modality;
    r.meta.sopInstanceUid = sop;
    r.meta.sopClassUid = QStringLiteral("1.2.840.10008.5.1.4.1.1.2");
    r.filePath = QStringLiteral("aa/bb/") + sop;
    r.fileSize = 1000;
    r.callingAe = QStringLiteral("CT01");
    return r;
}

} // namespace

class TestIndexWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newDatabase_isMigratedToTheCurrentVersion_inWalMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        writer.close();
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadOnly));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), IndexSchema::currentVersion());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QVERIFY(db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='index' AND name LIKE "
                                         "'studies_%'"))
                    .toInt()
                >= 3);
    }

    void databaseFromANewerVersion_isRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        {
            SqliteDb db;
            QVERIFY(db.open(path, SqliteDb::Mode::ReadWrite));
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        IndexWriter writer(path);
        QString error;
        QVERIFY(!writer.open(&error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    }

    void insert_countsPatientsStudiesSeriesInstances()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        QSignalSpy changes(&writer, &IndexWriter::studiesChanged);
        QCOMPARE(writer
                     .insert(record(QStringLiteral("P1"), QStringLiteral("1.1"), QStringLiteral("1.1.1"),
                                    QStringLiteral("1.1.1.1")))
                     .outcome,
                 IndexWriter::Outcome::Inserted);
        writer.insert(
            record(QStringLiteral("P1"), QStringLiteral("1.1"), QStringLiteral("1.1.1"), QStringLiteral("1.1.1.2")));
        writer.insert(record(QStringLiteral("P1"), QStringLiteral("1.1"), QStringLiteral("1.1.2"),
                             QStringLiteral("1.1.2.1"), QStringLiteral("SR")));
        writer.insert(record(QStringLiteral("P2"), QStringLiteral("2.1"), QStringLiteral("2.1.1"),
                             QStringLiteral("2.1.1.1"), QStringLiteral("MR")));
        IndexReader reader(path);
        QVERIFY(reader.open());
        const IndexStats s = reader.stats();
        QCOMPARE(s.patients, 2);
        QCOMPARE(s.studies, 2);
        QCOMPARE(s.series, 3);
        QCOMPARE(s.instances, 4);
        QCOMPARE(s.bytes, 4000);
        StudyQuery q;
        q.studyInstanceUid = QStringLiteral("1.1");
        const auto rows = reader.findStudies(q);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].instanceCount, 3);
        QCOMPARE(rows[0].seriesCount, 2);
        QCOMPARE(rows[0].modalities, QStringLiteral("CT\\SR"));
        QCOMPARE(rows[0].patientName, QStringLiteral("NAME^P1"));
        // The change notice names the studies that changed.
        QTRY_COMPARE(changes.count(), 4);
        QCOMPARE(changes.at(0).at(0).toStringList(), QStringList {QStringLiteral("1.1")});
        QCOMPARE(changes.at(3).at(0).toStringList(), QStringList {QStringLiteral("2.1")});
    }

    void duplicateInstance_isIndexedOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        const auto r
            = record(QStringLiteral("P1"), QStringLiteral("1.1"), QStringLiteral("1.1.1"), QStringLiteral("1.1.1.1"));
        QCOMPARE(writer.insert(r).outcome, IndexWriter::Outcome::Inserted);
        QCOMPARE(writer.insert(r).outcome, IndexWriter::Outcome::Duplicate);
        IndexReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(reader.stats().instances, 1);
        QCOMPARE(reader.findStudies({}).value(0).instanceCount, 1);
    }

    void concurrentWriters_areBatched_andAllCommitted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        QSignalSpy changes(&writer, &IndexWriter::studiesChanged);
        std::vector<std::thread> threads;
        std::atomic<int> inserted {0};
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 100; ++i) {
                    const QString study = QStringLiteral("9.%1").arg(t);
                    if (writer
                            .insert(record(QStringLiteral("P%1").arg(t), study, study + QStringLiteral(".1"),
                                           study + QStringLiteral(".1.%1").arg(i)))
                            .outcome
                        == IndexWriter::Outcome::Inserted)
                        ++inserted;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(inserted.load(), 800);
        IndexReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(reader.stats().instances, 800);
        QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
        // Group commit: fewer change notices (one per batch) than instances.
        QTRY_VERIFY(changes.count() > 0);
        QVERIFY2(changes.count() < 800, qPrintable(QString::number(changes.count())));
    }

    void failingJob_isRolledBack_othersInTheBatchCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        auto bad = writer.execute([](SqliteDb &db, QStringList &) {
            db.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('junk', 'x')"));
            return IndexWriter::Result {IndexWriter::Outcome::Failed, QStringLiteral("deliberate")};
        });
        auto good = writer.submit(
            record(QStringLiteral("P1"), QStringLiteral("1.1"), QStringLiteral("1.1.1"), QStringLiteral("1.1.1.1")));
        QCOMPARE(bad.get().outcome, IndexWriter::Outcome::Failed);
        QCOMPARE(good.get().outcome, IndexWriter::Outcome::Inserted);
        IndexReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(reader.stats().instances, 1);
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadOnly));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM meta WHERE key = 'junk'")).toInt(), 0);
    }

    void search_isCaseAndAccentInsensitive_withWildcards_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("name prefix, any case") << "name"
                                               << "müll" << QStringList {"A"};
        QTest::newRow("name without accents") << "name"
                                              << "MULLER" << QStringList {"A"};
        QTest::newRow("name given-name word") << "name"
                                              << "jurg" << QStringList {"A"};
        QTest::newRow("name wildcard") << "name"
                                       << "*ller*" << QStringList {"A"};
        QTest::newRow("name no match") << "name"
                                       << "smith" << QStringList {};
        QTest::newRow("id exact, case-insensitive") << "id"
                                                    << "pid-b" << QStringList {"B"};
        QTest::newRow("id wildcard") << "id"
                                     << "PID-?" << QStringList {"A", "B"};
        QTest::newRow("accession") << "accession"
                                   << "ACC2" << QStringList {"B"};
        QTest::newRow("any: name") << "any"
                                   << "DOE" << QStringList {"B"};
        QTest::newRow("any: accession") << "any"
                                        << "acc1" << QStringList {"A"};
        QTest::newRow("modality of a series") << "modality"
                                              << "MR" << QStringList {"B"};
        QTest::newRow("date range") << "from"
                                    << "20240201" << QStringList {"B"};
    }

    void search_isCaseAndAccentInsensitive_withWildcards()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        auto a = record(QStringLiteral("PID-A"), QStringLiteral("A"), QStringLiteral("A.1"), QStringLiteral("A.1.1"));
        a.meta.patientName = QStringLiteral("Müller^Jürgen");
        a.meta.accessionNumber = QStringLiteral("ACC1");
        auto b = record(QStringLiteral("PID-B"), QStringLiteral("B"), QStringLiteral("B.1"), QStringLiteral("B.1.1"),
                        QStringLiteral("MR"));
        b.meta.patientName = QStringLiteral("DOE^JOHN");
        b.meta.accessionNumber = QStringLiteral("ACC2");
        b.meta.studyDate = QStringLiteral("20240301");
        writer.insert(a);
        writer.insert(b);
        StudyQuery q;
        if (field == QLatin1String("name"))
            q.patientName = value;
        else if (field == QLatin1String("id"))
            q.patientId = value;
        else if (field == QLatin1String("accession"))
            q.accessionNumber = value;
        else if (field == QLatin1String("any"))
            q.anyText = value;
        else if (field == QLatin1String("modality"))
            q.modality = value;
        else if (field == QLatin1String("from"))
            q.dateFrom = value;
        IndexReader reader(path);
        QVERIFY(reader.open());
        QStringList found;
        for (const StudyRow &r : reader.findStudies(q))
            found << r.studyInstanceUid;
        found.sort();
        QCOMPARE(found, expected);
    }

    void removingInstances_keepsCountsAndDropsEmptyParents()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("index.sqlite"));
        IndexWriter writer(path);
        QVERIFY(writer.open());
        writer.insert(record("P1", "1.1", "1.1.1", "1.1.1.1"));
        writer.insert(record("P1", "1.1", "1.1.1", "1.1.1.2"));
        writer.insert(record("P1", "1.1", "1.1.2", "1.1.2.1", "SR"));
        writer.insert(record("P2", "2.1", "2.1.1", "2.1.1.1", "MR"));
        const auto remove = [&writer](const QStringList &uids) {
            return writer
                .execute([uids](SqliteDb &db, QStringList &changed) { return removeInstanceRows(db, uids, changed); })
                .get();
        };
        IndexReader reader(path);
        QVERIFY(reader.open());
        // One of two instances of a series.
        QCOMPARE(remove({"1.1.1.1"}).outcome, IndexWriter::Outcome::Inserted);
        StudyQuery q;
        q.studyInstanceUid = "1.1";
        QCOMPARE(reader.findStudies(q).value(0).instanceCount, 2);
        QCOMPARE(reader.findStudies(q).value(0).seriesCount, 2);
        QCOMPARE(reader.findStudies(q).value(0).sizeBytes, 2000);
        // The last instance of the SR series: the series goes, and its modality with it.
        remove({"1.1.2.1"});
        QCOMPARE(reader.findStudies(q).value(0).seriesCount, 1);
        QCOMPARE(reader.findStudies(q).value(0).modalities, QStringLiteral("CT"));
        // The last instance of a study: study and patient go; the other patient stays.
        remove({"1.1.1.2"});
        QVERIFY(reader.findStudies(q).isEmpty());
        const IndexStats s = reader.stats();
        QCOMPARE(s.patients, 1);
        QCOMPARE(s.studies, 1);
        QCOMPARE(s.series, 1);
        QCOMPARE(s.instances, 1);
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadOnly));
        QCOMPARE(db.scalar("SELECT count(*) FROM patients").toInt(), 1);
        // Unknown UIDs change nothing.
        QCOMPARE(remove({"9.9.9"}).outcome, IndexWriter::Outcome::Duplicate);
        QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
    }

    void searchKey_foldsCaseAccentsAndSeparators()
    {
        QCOMPARE(searchKey(QStringLiteral("Müller^Jürgen")), QStringLiteral("muller jurgen"));
        QCOMPARE(searchKey(QStringLiteral("DOE^JOHN^^^")), QStringLiteral("doe john"));
        QCOMPARE(searchKey(QStringLiteral("Wang^XiaoDong=王^小東")), QStringLiteral("wang xiaodong 王 小東"));
    }
};

QTEST_GUILESS_MAIN(TestIndexWriter)
#include "tst_indexwriter.moc"
