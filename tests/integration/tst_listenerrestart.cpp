// Applying new node settings to a running Workstation restarts its listener without dropping the association in
// flight: a storescu sending a 200-instance series while the port (or the AE title) changes gets every instance
// stored, the new listener answers with the new settings, the old port refuses, and a port that cannot be bound
// leaves the old listener running.
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/index/SqliteDb.h"
#include "core/net/DicomListener.h"
#include "core/service/Workstation.h"
#include "tests/integration/IngestTestSupport.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

constexpr int kInstances = 200;

qint64 instanceCount(const StorageLocation &location)
{
    SqliteDb db;
    if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(QStringLiteral("SELECT count(*) FROM instances")).toLongLong();
}

ToolResult echo(quint16 port, const QString &calledAe = "LIGHTBOX", const QString &callingAe = "TESTER")
{
    return run("echoscu", {"-aet", callingAe, "-aec", calledAe, "127.0.0.1", QString::number(port)}, 30000);
}

/// A Workstation on its own storage folder and a free port.
struct RunningWorkstation
{
    QTemporaryDir dir;
    StorageLocation location {dir.path()};
    NodeSettings before = settingsOnFreePort();
    Workstation ws {location, before};
};

} // namespace

class TestListenerRestart : public QObject
{
    Q_OBJECT

private:
    /// Starts storescu sending the series to @p port and waits until part of it is stored and the association
    /// is still open.
    void startSending(QProcess &storescu, const StorageLocation &location, Workstation &ws, quint16 port,
                      const QString &callingAe = "MODALITY");
    void finishSending(QProcess &storescu, const StorageLocation &location);

    QTemporaryDir m_data;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        const ToolResult made = run(python(),
                                    {sourceDir() + "/tests/tools/make_series.py", QString::number(kInstances), "512",
                                     "1", m_data.path(), "--seed", "31"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
    }

    void newPort_inFlightAssociationCompletes_newPortEchoes_oldPortRefuses()
    {
        RunningWorkstation running;
        const StorageLocation &location = running.location;
        const NodeSettings before = running.before;
        Workstation &ws = running.ws;
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));
        QSignalSpy restarted(&ws, &Workstation::listenerRestarted);

        QProcess storescu;
        startSending(storescu, location, ws, before.port);

        NodeSettings after = before;
        after.port = freePort();
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(ws.applyNodeSettings(after, &error), qPrintable(error));
        // The GUI calls this on its thread: it must not wait for the accept loop's poll interval.
        qInfo("applyNodeSettings (new port) took %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 500);
        QCOMPARE(restarted.count(), 1);
        QCOMPARE(ws.settings().port, after.port);
        QVERIFY(ws.isListening());
        QVERIFY(ws.listener()->isListening());

        // The new port answers while the old association is still being served.
        const ToolResult onNew = echo(after.port);
        QVERIFY2(onNew.exitCode == 0, qPrintable(onNew.all()));
        const ToolResult onOld = echo(before.port);
        QVERIFY(onOld.exitCode != 0);
        QVERIFY2(onOld.all().contains("Connection refused", Qt::CaseInsensitive), qPrintable(onOld.all()));

        finishSending(storescu, location);
        ws.stop();
    }

    void samePort_newAeTitle_inFlightAssociationCompletes_newRulesApply()
    {
        RunningWorkstation running;
        const StorageLocation &location = running.location;
        const NodeSettings before = running.before;
        Workstation &ws = running.ws;
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));

        QProcess storescu;
        startSending(storescu, location, ws, before.port);

        NodeSettings after = before;
        after.aeTitle = "READING2";
        after.strictCalledAe = true;
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(ws.applyNodeSettings(after, &error), qPrintable(error));
        qInfo("applyNodeSettings (same port) took %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 500);
        QCOMPARE(ws.settings().aeTitle, QString("READING2"));

        const ToolResult newAe = echo(before.port, "READING2");
        QVERIFY2(newAe.exitCode == 0, qPrintable(newAe.all()));
        // The old listener's rules are gone: its AE title is now refused on the same port.
        const ToolResult oldAe = echo(before.port, "LIGHTBOX");
        QVERIFY(oldAe.exitCode != 0);
        QVERIFY2(oldAe.all().contains("Called AE Title Not Recognized", Qt::CaseInsensitive), qPrintable(oldAe.all()));

        finishSending(storescu, location);
        ws.stop();
    }

    void portInUse_keepsTheOldListenerAndSaysWhy()
    {
        RunningWorkstation running;
        const NodeSettings before = running.before;
        Workstation &ws = running.ws;
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::Any));

        NodeSettings after = before;
        after.port = occupant.serverPort();
        after.aeTitle = "OTHER";
        QVERIFY(!ws.applyNodeSettings(after, &error));
        QVERIFY2(error.contains("already in use"), qPrintable(error));
        QCOMPARE(ws.settings().port, before.port);
        QCOMPARE(ws.settings().aeTitle, before.aeTitle);
        QVERIFY(ws.isListening());
        const ToolResult onOld = echo(before.port);
        QVERIFY2(onOld.exitCode == 0, qPrintable(onOld.all()));
        ws.stop();
    }

    void whitelistAndPoolSize_takeEffectOnTheNewListener()
    {
        RunningWorkstation running;
        const NodeSettings before = running.before;
        Workstation &ws = running.ws;
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));

        NodeSettings after = before;
        after.whitelistEnabled = true;
        after.whitelist = {{"MR_3T", "*"}};
        after.poolSize = 1;
        QVERIFY2(ws.applyNodeSettings(after, &error), qPrintable(error));
        const ToolResult stranger = echo(before.port, "LIGHTBOX", "STRANGER");
        QVERIFY(stranger.exitCode != 0);
        QVERIFY2(stranger.all().contains("Calling AE Title Not Recognized", Qt::CaseInsensitive),
                 qPrintable(stranger.all()));

        // One association at a time: while MR_3T's series is in flight, a second one is refused.
        QProcess storescu;
        startSending(storescu, running.location, ws, before.port, "MR_3T");
        const ToolResult second = echo(before.port, "LIGHTBOX", "MR_3T");
        QVERIFY(second.exitCode != 0);
        QVERIFY2(second.all().contains("Local Limit Exceeded", Qt::CaseInsensitive), qPrintable(second.all()));
        finishSending(storescu, running.location);
        QTRY_VERIFY_WITH_TIMEOUT(echo(before.port, "LIGHTBOX", "MR_3T").exitCode == 0, 10000);
        ws.stop();
    }
};

void TestListenerRestart::startSending(QProcess &storescu, const StorageLocation &location, Workstation &ws,
                                       quint16 port, const QString &callingAe)
{
    storescu.setProcessEnvironment(testEnvironment());
    storescu.setProcessChannelMode(QProcess::MergedChannels);
    storescu.start(
        "storescu",
        {"-aet", callingAe, "-aec", "LIGHTBOX", "+sd", "+r", "-nh", "127.0.0.1", QString::number(port), m_data.path()});
    QVERIFY(storescu.waitForStarted());
    // Part of the series is stored: the association is under way.
    QTRY_VERIFY_WITH_TIMEOUT(instanceCount(location) >= 10, 60000);
    QVERIFY2(instanceCount(location) < kInstances, "the series was sent before the settings could change");
    QVERIFY(ws.listener()->openAssociations() > 0);
    QCOMPARE(storescu.state(), QProcess::Running);
}

void TestListenerRestart::finishSending(QProcess &storescu, const StorageLocation &location)
{
    QVERIFY(storescu.waitForFinished(120000));
    const QString out = QString::fromUtf8(storescu.readAll());
    QVERIFY2(storescu.exitStatus() == QProcess::NormalExit && storescu.exitCode() == 0, qPrintable(out));
    QVERIFY2(!out.contains("E: "), qPrintable(out));
    QTRY_COMPARE_WITH_TIMEOUT(instanceCount(location), qint64(kInstances), 30000);
}

QTEST_GUILESS_MAIN(TestListenerRestart)
#include "tst_listenerrestart.moc"
