// Never lose a study: kill -9 in the middle of a 500-instance send, restart, and every instance the sender was
// told is stored must be on disk and in the index; the database must pass its integrity check; files that made it
// to disk without a committed row are indexed at start-up; a full disk refuses with 0xA700 and loses nothing.
#include "core/index/SqliteDb.h"
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace lightbox;
using namespace lightbox::test;

namespace {

qint64 scalar(const QString &storage, const QString &sql)
{
    SqliteDb db;
    if (!db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(sql).toLongLong();
}

QSet<QString> indexedUids(const QString &storage)
{
    QSet<QString> uids;
    SqliteDb db;
    if (!db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly))
        return uids;
    SqliteStatement q(db, "SELECT sop_instance_uid, file_path FROM instances");
    while (q.next()) {
        if (QFile::exists(storage + "/files/" + q.text(1)))
            uids.insert(q.text(0));
    }
    return uids;
}

int filesUnder(const QString &dir)
{
    int n = 0;
    for (QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
        ++n;
    return n;
}

// SOP Instance UID of each file of a gen_ct.py data set, through pydicom.
QHash<QString, QString> uidsOf(const QString &dataDir)
{
    const ToolResult r = run(python(),
                             {"-c",
                              "import json,sys,glob,pydicom\n"
                              "print(json.dumps({f: str(pydicom.dcmread(f, stop_before_pixels=True)"
                              ".SOPInstanceUID) for f in glob.glob(sys.argv[1] + '/**/*.dcm', "
                              "recursive=True)}))",
                              dataDir});
    QHash<QString, QString> map;
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

// The SOP Instance UIDs storescu -v was told are stored (a "Sending file" line, then its Success response).
QSet<QString> acknowledgedUids(const QByteArray &log, const QHash<QString, QString> &uidByFile)
{
    QSet<QString> acknowledged;
    QString current;
    static const QRegularExpression sending(QStringLiteral("Sending file: (\\S+)"));
    for (const QByteArray &line : log.split('\n')) {
        const auto m = sending.match(QString::fromUtf8(line));
        if (m.hasMatch())
            current = m.captured(1);
        else if (line.contains("Received Store Response (Success)") && !current.isEmpty())
            acknowledged.insert(uidByFile.value(current));
    }
    return acknowledged;
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    QString m_data;
    QHash<QString, QString> m_uidByFile;

private Q_SLOTS:
    void initTestCase()
    {
        m_data = m_work.filePath("ct500");
        const ToolResult gen
            = run(python(), {sourceDir() + "/tests/tools/make_series.py", "500", "128", "1", m_data, "--seed", "5"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.all()));
        m_uidByFile = uidsOf(m_data);
        QCOMPARE(m_uidByFile.size(), 500);
    }

    void killDuringSend_losesNothingTheSenderWasToldIsStored()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        const quint16 port = lightbox.port();

        QProcess sender;
        sender.setProcessEnvironment(testEnvironment());
        sender.setProcessChannelMode(QProcess::MergedChannels);
        sender.start("storescu",
                     {"-v", "-nh", "+sd", "+r", "+sp", "*.dcm", "127.0.0.1", QString::number(port), m_data});
        QVERIFY(sender.waitForStarted());
        QByteArray log;
        QElapsedTimer clock;
        clock.start();
        // Let a good part of the study arrive, then pull the plug.
        while (log.count("Received Store Response (Success)") < 150 && clock.elapsed() < 60000) {
            sender.waitForReadyRead(100);
            log += sender.readAll();
        }
        QVERIFY2(log.count("Received Store Response (Success)") >= 150, log.right(2000).constData());
        lightbox.kill();
        QVERIFY(sender.waitForFinished(60000));
        log += sender.readAll();

        const QSet<QString> acknowledged = acknowledgedUids(log, m_uidByFile);
        QVERIFY(acknowledged.size() >= 150);
        QVERIFY2(acknowledged.size() < 500, "the send finished before the kill; the test proved nothing");

        // Restart on the same storage and port.
        lightbox.setPort(port);
        QVERIFY2(lightbox.start(), qPrintable(lightbox.log()));
        const QString storage = lightbox.storage();
        QTRY_VERIFY_WITH_TIMEOUT(scalar(storage, "SELECT count(*) FROM instances") == filesUnder(storage + "/files"),
                                 20000);
        const QSet<QString> stored = indexedUids(storage);
        for (const QString &uid : acknowledged)
            QVERIFY2(stored.contains(uid), qPrintable("lost an acknowledged instance: " + uid));
        {
            SqliteDb db;
            QVERIFY(db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly));
            QCOMPARE(db.scalar("PRAGMA integrity_check").toString(), QStringLiteral("ok"));
        }
        QCOMPARE(filesUnder(storage + "/incoming"), 0);

        // The modality sends the study again: everything lands once.
        const ToolResult resend = run(
            "storescu", {"-nh", "+sd", "+r", "+sp", "*.dcm", "127.0.0.1", QString::number(lightbox.port()), m_data});
        QCOMPARE(resend.exitCode, 0);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM instances"), 500);
        QCOMPARE(scalar(storage, "SELECT instance_count FROM studies"), 500);
        QCOMPARE(filesUnder(storage + "/files"), 500);
        QCOMPARE(lightbox.stop(), 0);
    }

    void sigterm_finishesTheAssociationInFlight_thenExitsZero()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        QProcess sender;
        sender.setProcessEnvironment(testEnvironment());
        sender.setProcessChannelMode(QProcess::MergedChannels);
        sender.start("storescu",
                     {"-v", "+sd", "+r", "+sp", "*.dcm", "127.0.0.1", QString::number(lightbox.port()), m_data});
        QVERIFY(sender.waitForStarted());
        QByteArray log;
        while (log.count("Received Store Response (Success)") < 50 && sender.state() == QProcess::Running) {
            sender.waitForReadyRead(100);
            log += sender.readAll();
        }
        QVERIFY2(sender.state() == QProcess::Running, "the send finished before SIGTERM; the test proved nothing");
        // Stop as a service manager would; the association in progress must complete.
        lightbox.terminate();
        while (sender.state() == QProcess::Running) {
            sender.waitForReadyRead(100);
            log += sender.readAll();
        }
        log += sender.readAll();
        QCOMPARE(lightbox.stop(30000), 0);
        QVERIFY2(sender.exitCode() == 0, log.right(1500).constData());
        QCOMPARE(int(log.count("Received Store Response (Success)")), 500);
        QCOMPARE(scalar(lightbox.storage(), "SELECT count(*) FROM instances"), 500);
        QVERIFY(lightbox.log().contains("waiting for 1 association(s) in progress to finish"));
    }

    void fileWithoutIndexRow_isIndexedAtStartup()
    {
        // The window between rename and commit: a stored file the index does not know.
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        QCOMPARE(run("storescu", {"127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/CT_small.dcm"})
                     .exitCode,
                 0);
        QCOMPARE(lightbox.stop(), 0);
        const QString storage = lightbox.storage();
        const QString orphan = storage + "/files/00/0000orphan.dcm";
        QDir().mkpath(QFileInfo(orphan).absolutePath());
        QVERIFY(QFile::copy(pydicomTestFiles() + "/MR_small.dcm", orphan));
        QVERIFY(lightbox.start());
        QTRY_COMPARE_WITH_TIMEOUT(scalar(storage, "SELECT count(*) FROM instances"), 2, 20000);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM instances WHERE file_path = '00/0000orphan.dcm'"), 1);
        QTRY_VERIFY(lightbox.log().contains("indexed 1 file(s) the index lacked"));
    }

    void rowWithoutFile_isRemovedAtStartup()
    {
        // The other half of the window: a committed row whose file's folder entry never reached the disk.
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        for (const char *f : {"CT_small.dcm", "MR_small.dcm"})
            QCOMPARE(
                run("storescu",
                    {"127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/" + QString::fromLatin1(f)})
                    .exitCode,
                0);
        QCOMPARE(lightbox.stop(), 0);
        const QString storage = lightbox.storage();
        QString ctFile;
        {
            SqliteDb db;
            QVERIFY(db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly));
            ctFile = db.scalar("SELECT i.file_path FROM instances i JOIN series s ON s.id = i.series_ref WHERE "
                               "s.modality = 'CT'")
                         .toString();
        }
        QVERIFY(QFile::remove(storage + "/files/" + ctFile));
        QVERIFY(lightbox.start());
        QTRY_COMPARE_WITH_TIMEOUT(scalar(storage, "SELECT count(*) FROM instances"), 1, 20000);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM studies"), 1);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM patients"), 1);
        QTRY_VERIFY(lightbox.log().contains("removed 1 index row(s) whose file never reached the disk"));
        // The modality sends it again, and it is whole again.
        QCOMPARE(run("storescu", {"127.0.0.1", QString::number(lightbox.port()), pydicomTestFiles() + "/CT_small.dcm"})
                     .exitCode,
                 0);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM instances"), 2);
        QVERIFY(QFile::exists(storage + "/files/" + ctFile));
    }

    void reindex_rebuildsTheSameIndexFromTheFiles()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        for (const char *f : {"CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "JPEG2000.dcm"})
            QCOMPARE(run("storescu",
                         {"-xw", "127.0.0.1", QString::number(lightbox.port()),
                          pydicomTestFiles() + "/" + QString::fromLatin1(f)})
                         .exitCode,
                     0);
        const QByteArray before = lightbox.command({"studies"}).out;
        // Refused while the listener owns the folder.
        const ToolResult busy = lightbox.command({"--reindex"});
        QVERIFY(busy.exitCode != 0);
        QVERIFY2(busy.err.contains("another Lightbox"), busy.err.constData());
        QCOMPARE(lightbox.stop(), 0);
        QFile::remove(lightbox.storage() + "/index.sqlite");
        const ToolResult r = lightbox.command({"--reindex"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("4 instance(s)"), r.out.constData());
        const auto strip = [](const QByteArray &json) {
            QJsonArray a = QJsonDocument::fromJson(json).array();
            QStringList keys;
            for (const QJsonValue &v : a) {
                QJsonObject o = v.toObject();
                o.remove("receivedAt");
                o.remove("updatedAt");
                keys << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            }
            keys.sort();
            return keys;
        };
        QCOMPARE(strip(lightbox.command({"studies"}).out), strip(before));
    }

    void fullDisk_refusesWithOutOfResources_andLosesNothing()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs as a full disk (CI runs as root)");
        QTemporaryDir mountPoint;
        QVERIFY(run("mount", {"-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.path()}).exitCode == 0);
        auto unmount = qScopeGuard([&] { run("umount", {"-l", mountPoint.path()}); });
        const auto setReserve = [](const LightboxProcess &p, int megabytes) {
            QDir().mkpath(p.configHome() + "/lightbox");
            QFile ini(p.configHome() + "/lightbox/lightbox.ini");
            QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
            ini.write(QString("[node]\nminFreeMegabytes=%1\n").arg(megabytes).toUtf8());
        };
        const auto successes = [](const ToolResult &r) { return int(r.all().count("(Success)")); };

        LightboxProcess lightbox;
        lightbox.setStorage(mountPoint.path() + "/storage");
        const QString storage = lightbox.storage();

        // With a free-space reserve the listener refuses cleanly before the disk is full: 0xA700 on the same
        // association, which stays usable.
        setReserve(lightbox, 1);
        QVERIFY2(lightbox.start(), qPrintable(lightbox.log()));
        const ToolResult first = run("storescu",
                                     {"-v", "-nh", "+sd", "+r", "+sp", "*.dcm", "127.0.0.1",
                                      QString::number(lightbox.port()), m_data + "/st000/se00"},
                                     120000);
        const int stored = successes(first);
        QVERIFY2(first.all().contains("Refused: OutOfResources"), qPrintable(first.all().right(1500)));
        QVERIFY2(!first.all().contains("Association Aborted") && !first.all().contains("DIMSE Failed"),
                 qPrintable(first.all().right(1500)));
        QVERIFY(stored > 10);
        QVERIFY(stored < 500);
        QCOMPARE(scalar(storage, "SELECT count(*) FROM instances"), qint64(stored));
        QCOMPARE(filesUnder(storage + "/files"), stored);
        QCOMPARE(filesUnder(storage + "/incoming"), 0);
        QVERIFY2(lightbox.log().contains("disk is (nearly) full"), qPrintable(lightbox.log().right(1500)));
        QCOMPARE(lightbox.stop(), 0);

        // Without a reserve the disk really runs out while receiving or indexing: whatever the sender is told,
        // nothing it was told is stored may be missing, nothing partial is kept, and the listener keeps serving.
        setReserve(lightbox, 0);
        QVERIFY2(lightbox.start(), qPrintable(lightbox.log()));
        const ToolResult second = run("storescu",
                                      {"-v", "-nh", "+sd", "+r", "+sp", "*.dcm", "127.0.0.1",
                                       QString::number(lightbox.port()), m_data + "/st000/se00"},
                                      120000);
        const QSet<QString> indexed = indexedUids(storage);
        for (const QString &uid : acknowledgedUids(second.out + second.err, m_uidByFile))
            QVERIFY2(indexed.contains(uid), qPrintable("acknowledged but not stored: " + uid));
        const qint64 rows = scalar(storage, "SELECT count(*) FROM instances");
        QVERIFY(rows >= stored);
        QCOMPARE(filesUnder(storage + "/files"), int(rows));
        QCOMPARE(filesUnder(storage + "/incoming"), 0);
        QCOMPARE(run("echoscu", {"127.0.0.1", QString::number(lightbox.port())}).exitCode, 0);
        {
            SqliteDb db;
            QVERIFY(db.open(storage + "/index.sqlite", SqliteDb::Mode::ReadOnly));
            QCOMPARE(db.scalar("PRAGMA integrity_check").toString(), QStringLiteral("ok"));
        }
        QCOMPARE(lightbox.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
