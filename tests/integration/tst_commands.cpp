// The command line scripts use: `lightbox echo` against real peers (Orthanc, lightbox, nothing at all) with its
// plain-words reasons, and `lightbox studies` filters returning exactly the matching studies.
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace lightbox::test;

namespace {

QJsonObject echo(const QString &target, const QStringList &extra = {})
{
    const ToolResult r = run(qEnvironmentVariable("LIGHTBOX_BIN"), QStringList {"echo", target} + extra, 60000);
    QJsonObject o = QJsonDocument::fromJson(r.out).object();
    o.insert("exitCode", r.exitCode);
    return o;
}

QStringList patientIdsOf(const ToolResult &r)
{
    QStringList ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        ids << v.toObject()["patientId"].toString();
    ids.sort();
    return ids;
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echo_toOrthanc_succeedsWithRoundTrip()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        const QJsonObject o = echo(QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()));
        QVERIFY2(o["ok"].toBool(), qPrintable(QJsonDocument(o).toJson()));
        QCOMPARE(o["exitCode"].toInt(), 0);
        QVERIFY(o["roundTripMs"].toDouble() > 0);
        QVERIFY(o["roundTripMs"].toDouble() < 5000);
    }

    void echo_orthancRejectingUs_namesOurCallingAe()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start("\"DicomAlwaysAllowEcho\": false, \"DicomCheckCalledAet\": true"));
        QJsonObject o = echo(QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()), {"--aet", "WS7"});
        QVERIFY(!o["ok"].toBool());
        QCOMPARE(o["exitCode"].toInt(), 1);
        QVERIFY2(o["error"].toString().contains("calling AE title \"WS7\""), qPrintable(o["error"].toString()));
        o = echo(QString("NOTORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()));
        QVERIFY2(o["error"].toString().contains("does not recognise the called AE title \"NOTORTHANC\""),
                 qPrintable(o["error"].toString()));
    }

    void echo_failures_sayWhatHappened_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong port") << "refused"
                                    << "connection refused";
        QTest::newRow("unknown host") << "host"
                                      << "host not found";
        QTest::newRow("silent peer") << "timeout"
                                     << "timeout";
        QTest::newRow("strict lightbox") << "strict"
                                         << "does not recognise the called AE title";
        QTest::newRow("bad address") << "syntax"
                                     << "expected AET@HOST:PORT";
    }

    void echo_failures_sayWhatHappened()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QString target;
        QStringList extra;
        QTcpServer silent;
        LightboxProcess strict;
        if (kind == "refused") {
            target = QString("PACS@127.0.0.1:%1").arg(freePort());
        } else if (kind == "host") {
            target = "PACS@no-such-host.invalid:104";
        } else if (kind == "timeout") {
            // Accepts the TCP connection and never says a word.
            QVERIFY(silent.listen(QHostAddress::LocalHost));
            target = QString("PACS@127.0.0.1:%1").arg(silent.serverPort());
            extra = {"--timeout", "2"};
        } else if (kind == "strict") {
            QVERIFY(strict.start({"--strict-called-ae", "--aet", "READING1"}));
            target = QString("PACS@127.0.0.1:%1").arg(strict.port());
        } else {
            target = "PACS-127.0.0.1-104";
        }
        const ToolResult r = run(qEnvironmentVariable("LIGHTBOX_BIN"), QStringList {"echo", target} + extra, 60000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains(expected), qPrintable(r.all()));
    }

    void studies_filtersReturnExactlyTheMatchingStudies_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("expected");
        // CT_small: 1CT1 CompressedSamples^CT1 20040119; MR_small: 4MR1 CompressedSamples^MR1 20040826;
        // rtplan: id00001 Last^First^mid^pre 20030716.
        QTest::newRow("all") << QStringList {} << QStringList {"1CT1", "4MR1", "id00001"};
        QTest::newRow("rt plan by name") << QStringList {"--name", "last first"} << QStringList {"id00001"};
        QTest::newRow("modality CT") << QStringList {"--modality", "CT"} << QStringList {"1CT1"};
        QTest::newRow("modality mr lower case") << QStringList {"--modality", "mr"} << QStringList {"4MR1"};
        QTest::newRow("name wildcard") << QStringList {"--name", "*MR1"} << QStringList {"4MR1"};
        QTest::newRow("name prefix words") << QStringList {"--name", "compressed"} << QStringList {"1CT1", "4MR1"};
        QTest::newRow("patient id") << QStringList {"--id", "1ct1"} << QStringList {"1CT1"};
        QTest::newRow("search box") << QStringList {"--search", "4MR1"} << QStringList {"4MR1"};
        QTest::newRow("date") << QStringList {"--date", "20040826"} << QStringList {"4MR1"};
        QTest::newRow("date range") << QStringList {"--from", "2004-01-01", "--to", "2004-06-30"}
                                    << QStringList {"1CT1"};
        QTest::newRow("no match") << QStringList {"--name", "SMITH"} << QStringList {};
        QTest::newRow("limit") << QStringList {"--limit", "1"} << QStringList {"4MR1"};
    }

    void studies_filtersReturnExactlyTheMatchingStudies()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, expected);
        static LightboxProcess lightbox;
        static bool loaded = false;
        if (!loaded) {
            QVERIFY(lightbox.start());
            for (const char *f : {"CT_small.dcm", "MR_small.dcm", "rtplan.dcm"})
                QCOMPARE(run("storescu",
                             {"127.0.0.1", QString::number(lightbox.port()),
                              pydicomTestFiles() + "/" + QString::fromLatin1(f)})
                             .exitCode,
                         0);
            loaded = true;
        }
        const ToolResult r = lightbox.command(QStringList {"studies"} + args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(patientIdsOf(r), expected);
    }

    // DCMTK keeps Nagle on unless TCP_NODELAY=1 is in the environment; Lightbox must turn it off itself, for the
    // listener's sockets and its own SCU sockets, even when the environment says 0.
    void nagle_isOff_whateverTheEnvironmentSays()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        QProcess listener;
        QProcessEnvironment env = testEnvironment(dir.path());
        env.insert("TCP_NODELAY", "0");
        listener.setProcessEnvironment(env);
        listener.setProcessChannelMode(QProcess::MergedChannels);
        const QString trace = dir.filePath("listener.trace");
        listener.start("strace",
                       {"-f", "-e", "trace=setsockopt", "-o", trace, qEnvironmentVariable("LIGHTBOX_BIN"), "--headless",
                        "--port", QString::number(port), "--storage", dir.filePath("s")});
        QVERIFY(listener.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(run("echoscu", {"127.0.0.1", QString::number(port)}).exitCode == 0, 20000);
        QCOMPARE(run("storescu", {"127.0.0.1", QString::number(port), pydicomTestFiles() + "/CT_small.dcm"}).exitCode,
                 0);
        // Stop lightbox itself (strace's child), by PID.
        QFile children(QString("/proc/%1/task/%1/children").arg(listener.processId()));
        QVERIFY(children.open(QIODevice::ReadOnly));
        const qint64 lightboxPid = children.readAll().trimmed().split(' ').value(0).toLongLong();
        QVERIFY(lightboxPid > 0);
        ::kill(static_cast<pid_t>(lightboxPid), SIGTERM);
        QVERIFY(listener.waitForFinished(30000));
        QFile listenerTrace(trace);
        QVERIFY(listenerTrace.open(QIODevice::ReadOnly));
        const QByteArray accepted = listenerTrace.readAll();
        QVERIFY2(accepted.count("TCP_NODELAY, [1]") >= 2, accepted.constData()); // both associations

        // The SCU side: `lightbox echo` under the same hostile environment.
        QProcess client;
        client.setProcessEnvironment(env);
        const QString clientTrace = dir.filePath("client.trace");
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        client.start("strace",
                     {"-f", "-e", "trace=setsockopt", "-o", clientTrace, qEnvironmentVariable("LIGHTBOX_BIN"), "echo",
                      QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort())});
        QVERIFY(client.waitForFinished(30000));
        QCOMPARE(client.exitCode(), 0);
        QFile clientLog(clientTrace);
        QVERIFY(clientLog.open(QIODevice::ReadOnly));
        const QByteArray connected = clientLog.readAll();
        QVERIFY2(connected.contains("TCP_NODELAY, [1]"), connected.constData());
    }

    void studies_badDate_isRefusedInPlainWords()
    {
        LightboxProcess lightbox;
        const ToolResult r = lightbox.command({"studies", "--from", "31/12/2024"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains("expected a date like"), qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
