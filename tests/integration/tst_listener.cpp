// The listener against real dcmtk tools: every pydicom test file, bad data, duplicates, crafted UIDs,
// parallel senders and the association rules. The oracle for values is pydicom (tests/tools/listener_oracle.py);
// the oracle for "stored unchanged" is dcmtk's storescp in bit-preserving mode receiving the same transmission.
#include "core/index/SqliteDb.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QJsonObject describe(const QString &path)
{
    const ToolResult r = run(python(), {sourceDir() + "/tests/tools/listener_oracle.py", "describe", path});
    return QJsonDocument::fromJson(r.out).array().at(0).toObject();
}

QString rawstoreBin()
{
    return qEnvironmentVariable("LIGHTBOX_RAWSTORE_BIN");
}

struct IndexedInstance
{
    bool found = false;
    QString filePath, sopClass, transferSyntax, seriesUid, studyUid, patientId, modality, callingAe;
};

IndexedInstance lookup(const QString &storage, const QString &sopInstanceUid)
{
    IndexedInstance r;
    SqliteDb db;
    if (!db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly))
        return r;
    SqliteStatement q(db,
                      "SELECT i.file_path, i.sop_class_uid, i.transfer_syntax, se.series_uid, st.study_uid, "
                      "p.patient_id, se.modality, i.calling_ae FROM instances i JOIN series se ON se.id = "
                      "i.series_ref JOIN studies st ON st.id = se.study_ref JOIN patients p ON p.id = "
                      "st.patient_ref WHERE i.sop_instance_uid = ?");
    q.bind(1, sopInstanceUid);
    if (q.next()) {
        r = {true, q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
    }
    return r;
}

qint64 scalar(const QString &storage, const QString &sql)
{
    SqliteDb db;
    if (!db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(sql).toLongLong();
}

int filesUnder(const QString &dir)
{
    int n = 0;
    for (QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
        ++n;
    return n;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestListener : public QObject
{
    Q_OBJECT

private:
    LightboxProcess m_lightbox;
    ReferenceStoreScp m_reference;
    QTemporaryDir m_work;
    QHash<QString, QByteArray> m_storedByUid; // pydicom's variants of one image share a SOP Instance UID

    void expectListenerAlive()
    {
        const ToolResult echo = run("echoscu", {"127.0.0.1", QString::number(m_lightbox.port())});
        QVERIFY2(echo.exitCode == 0, qPrintable("the listener stopped serving: " + echo.all() + m_lightbox.log()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_lightbox.start(), qPrintable(m_lightbox.log()));
        QVERIFY(m_reference.start());
    }

    void echo_succeeds()
    {
        const ToolResult r
            = run("echoscu", {"-v", "-aec", "ANYTHING", "127.0.0.1", QString::number(m_lightbox.port())});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.all().contains("Received Echo Response (Success)"));
    }

    void pydicomFile_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = QDir(pydicomTestFiles()).entryList({"*.dcm"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() > 60);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << pydicomTestFiles() + "/" + f;
    }

    // Files with SOP Class and Instance UIDs are accepted, stored exactly as transmitted and indexed with the
    // values pydicom reads; the rest get a failure status and leave nothing behind.
    void pydicomFile()
    {
        QFETCH(QString, path);
        const QJsonObject o = describe(path);
        const QString sopClass = o["sopClassUid"].toString();
        const QString sopInstance = o["sopInstanceUid"].toString();
        const bool hasUids = o["readable"].toBool() && !sopClass.isEmpty() && !sopInstance.isEmpty();
        const qint64 rowsBefore = scalar(m_lightbox.storage(), "SELECT count(*) FROM instances");
        const int filesBefore = filesUnder(m_lightbox.storage() + "/files");

        if (!hasUids) {
            // storescu refuses such files; a misbehaving modality sends them anyway with made-up UIDs.
            const ToolResult r = run(rawstoreBin(),
                                     {"127.0.0.1", QString::number(m_lightbox.port()), path, "--sop-instance",
                                      "1.2.826.0.1.3680043.8.498.999"});
            QVERIFY2(r.exitCode == 0 || r.exitCode == 65, qPrintable(r.all()));
            if (r.exitCode == 0) {
                QVERIFY2(!r.all().contains("status=0x0000"), qPrintable("accepted a file without UIDs: " + r.all()));
                QVERIFY2(r.all().contains("status=0xA900") || r.all().contains("status=0xC000"), qPrintable(r.all()));
            }
            QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"), rowsBefore);
            QCOMPARE(filesUnder(m_lightbox.storage() + "/files"), filesBefore);
            QCOMPARE(filesUnder(m_lightbox.storage() + "/incoming"), 0);
            expectListenerAlive();
            return;
        }

        const QString ts = o["transferSyntax"].toString();
        const QString profile = writeStorescuProfile(m_work.path(), sopClass, ts);
        const QStringList args {"-xf", profile, "Send", "127.0.0.1"};
        const ToolResult sent = run("storescu", args + QStringList {QString::number(m_lightbox.port()), path});
        if (sent.exitCode != 0 && !sent.all().contains("Association") && !sent.all().contains("Store Response")) {
            // dcmtk cannot even parse this deliberately broken file, so no modality could send it: nothing may
            // have reached the index, and the listener must still serve.
            qInfo("storescu cannot read %s: %s", qPrintable(path), qPrintable(sent.all().left(200)));
            QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"), rowsBefore);
            expectListenerAlive();
            return;
        }
        QVERIFY2(sent.exitCode == 0,
                 qPrintable("storescu failed: " + sent.all() + "\n" + m_lightbox.log().right(2000)));
        if (m_storedByUid.contains(sopInstance)) {
            // A re-sent instance (same SOP Instance UID) is answered with success and stored once: the first copy
            // stays, byte for byte.
            const IndexedInstance row = lookup(m_lightbox.storage(), sopInstance);
            QVERIFY(row.found);
            QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"), rowsBefore);
            QCOMPARE(readAll(m_lightbox.storage() + "/files/" + row.filePath), m_storedByUid.value(sopInstance));
            return;
        }

        const IndexedInstance row = lookup(m_lightbox.storage(), sopInstance);
        QVERIFY2(row.found, qPrintable("not indexed: " + sopInstance));
        QCOMPARE(row.sopClass, sopClass);
        QCOMPARE(row.transferSyntax, ts);
        QCOMPARE(row.studyUid, o["studyInstanceUid"].toString());
        QCOMPARE(row.seriesUid, o["seriesInstanceUid"].toString());
        QCOMPARE(row.patientId, o["patientId"].toString());
        QCOMPARE(row.modality, o["modality"].toString());
        QCOMPARE(row.callingAe, QStringLiteral("STORESCU"));
        const QString stored = m_lightbox.storage() + "/files/" + row.filePath;
        QVERIFY(QFile::exists(stored));
        QVERIFY2(!row.filePath.contains(sopInstance), "file names must not contain UIDs");

        // Byte-identical to what dcmtk's bit-preserving storescp writes for the same transmission.
        m_reference.clear();
        const ToolResult ref = run("storescu", args + QStringList {QString::number(m_reference.port()), path});
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.all()));
        const QStringList refFiles = QDir(m_reference.outputDir()).entryList(QDir::Files);
        QCOMPARE(refFiles.size(), 1);
        const QByteArray expected = readAll(m_reference.outputDir() + "/" + refFiles.first());
        const QByteArray actual = readAll(stored);
        QVERIFY(!actual.isEmpty());
        QVERIFY2(actual == expected,
                 qPrintable(QString("stored file differs from the transmitted data (%1 vs %2 bytes)")
                                .arg(actual.size())
                                .arg(expected.size())));
        // And the pixel data is the original's, bit for bit.
        const QJsonObject storedView = describe(stored);
        QCOMPARE(storedView["pixelDataSha256"].toString(), o["pixelDataSha256"].toString());
        QCOMPARE(storedView["transferSyntax"].toString(), ts);
        QCOMPARE(filesUnder(m_lightbox.storage() + "/incoming"), 0);
        QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"), rowsBefore + 1);
        m_storedByUid.insert(sopInstance, actual);
    }

    void duplicateInstance_isStoredOnce()
    {
        const QString file = pydicomTestFiles() + "/CT_small.dcm";
        for (int i = 0; i < 3; ++i)
            QCOMPARE(run("storescu", {"127.0.0.1", QString::number(m_lightbox.port()), file}).exitCode, 0);
        const QString uid = describe(file)["sopInstanceUid"].toString();
        QCOMPARE(scalar(m_lightbox.storage(),
                        QString("SELECT count(*) FROM instances WHERE sop_instance_uid = '%1'").arg(uid)),
                 1);
        const IndexedInstance row = lookup(m_lightbox.storage(), uid);
        QCOMPARE(scalar(m_lightbox.storage(),
                        QString("SELECT instance_count FROM studies WHERE study_uid = '%1'").arg(row.studyUid)),
                 1);
        QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"),
                 qint64(filesUnder(m_lightbox.storage() + "/files")));
    }

    void craftedUid_staysInsideStorage_data()
    {
        QTest::addColumn<QString>("uid");
        QTest::newRow("parent traversal") << "../../x";
        QTest::newRow("deep traversal") << "../../../../../../tmp/lightbox-escape";
        QTest::newRow("absolute path") << "/tmp/lightbox-escape-abs";
    }

    void craftedUid_staysInsideStorage()
    {
        QFETCH(QString, uid);
        // A copy of a real file whose SOP Instance UID is a path.
        const QString copy = m_work.filePath("crafted.dcm");
        QFile::remove(copy);
        QVERIFY(QFile::copy(pydicomTestFiles() + "/MR_small.dcm", copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        const ToolResult mod = run("dcmodify", {"-nb", "-i", "(0008,0018)=" + uid, copy});
        QVERIFY2(mod.exitCode == 0, qPrintable(mod.all()));
        const ToolResult r = run("storescu", {"127.0.0.1", QString::number(m_lightbox.port()), copy});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all() + m_lightbox.log().right(1500)));
        const IndexedInstance row = lookup(m_lightbox.storage(), uid);
        QVERIFY(row.found);
        const QString stored = QFileInfo(m_lightbox.storage() + "/files/" + row.filePath).canonicalFilePath();
        QVERIFY2(stored.startsWith(QFileInfo(m_lightbox.storage() + "/files").canonicalFilePath() + "/"),
                 qPrintable(stored));
        QVERIFY(!QFile::exists(m_lightbox.storage() + "/x"));
        QVERIFY(!QFile::exists("/tmp/lightbox-escape"));
        QVERIFY(!QFile::exists("/tmp/lightbox-escape-abs"));
        QVERIFY(!QFile::exists(QFileInfo(m_lightbox.storage()).absolutePath() + "/x"));
        expectListenerAlive();
    }

    void mismatchedUids_areRefused_andNothingIsKept()
    {
        const QString file = pydicomTestFiles() + "/MR_small_implicit.dcm";
        const qint64 before = scalar(m_lightbox.storage(), "SELECT count(*) FROM instances");
        ToolResult r = run(rawstoreBin(),
                           {"127.0.0.1", QString::number(m_lightbox.port()), file, "--sop-instance",
                            "1.2.826.0.1.3680043.8.498.4242"});
        QVERIFY2(r.all().contains("status=0xA900"), qPrintable(r.all()));
        QVERIFY2(r.all().contains("differs"), qPrintable(r.all()));
        r = run(rawstoreBin(),
                {"127.0.0.1", QString::number(m_lightbox.port()), file, "--sop-class", "1.2.840.10008.5.1.4.1.1.7"});
        QVERIFY2(r.all().contains("status=0xA900"), qPrintable(r.all()));
        QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"), before);
        QCOMPARE(filesUnder(m_lightbox.storage() + "/incoming"), 0);
        QVERIFY(m_lightbox.log().contains("Refused instance"));
        expectListenerAlive();
    }

    void eightParallelSenders_allLand()
    {
        const QString data = m_work.filePath("parallel");
        const ToolResult gen
            = run(python(), {sourceDir() + "/tests/tools/make_series.py", "400", "32", "8", data, "--seed", "77"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.all()));
        const qint64 before = scalar(m_lightbox.storage(), "SELECT count(*) FROM instances");
        QList<QProcess *> senders;
        for (const QString &study : QDir(data).entryList({"st*"}, QDir::Dirs, QDir::Name)) {
            auto *p = new QProcess(this);
            p->setProcessEnvironment(testEnvironment());
            p->setProcessChannelMode(QProcess::MergedChannels);
            p->start("storescu",
                     {"-aet", "PAR" + study.right(3), "+sd", "+r", "+sp", "*.dcm", "127.0.0.1",
                      QString::number(m_lightbox.port()), data + "/" + study});
            senders << p;
        }
        QCOMPARE(senders.size(), 8);
        for (QProcess *p : senders) {
            QVERIFY(p->waitForFinished(120000));
            QVERIFY2(p->exitCode() == 0, p->readAll().constData());
        }
        QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances") - before, 400);
        QCOMPARE(scalar(m_lightbox.storage(),
                        "SELECT count(DISTINCT calling_ae) FROM instances WHERE calling_ae LIKE "
                        "'PAR%'"),
                 8);
        QCOMPARE(scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"),
                 qint64(filesUnder(m_lightbox.storage() + "/files")));
        qDeleteAll(senders);
    }

    void statsCommand_matchesTheIndex()
    {
        const ToolResult r = m_lightbox.command({"stats"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(s["instances"].toInteger(), scalar(m_lightbox.storage(), "SELECT count(*) FROM instances"));
        QCOMPARE(s["studies"].toInteger(), scalar(m_lightbox.storage(), "SELECT count(*) FROM studies"));
        QCOMPARE(s["series"].toInteger(), scalar(m_lightbox.storage(), "SELECT count(*) FROM series"));
        QVERIFY(s["patients"].toInteger() > 0);
        QCOMPARE(s["bytes"].toInteger(), scalar(m_lightbox.storage(), "SELECT sum(file_size) FROM instances"));
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_lightbox.stop(), 0);
        QVERIFY2(m_lightbox.log().contains("Listener stopped"), qPrintable(m_lightbox.log().right(500)));
    }
};

QTEST_GUILESS_MAIN(TestListener)
#include "tst_listener.moc"
