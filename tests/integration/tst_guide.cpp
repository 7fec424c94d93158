// docs/technician-guide.md promises that every command in its ```console blocks works. This test runs each of
// them, in order, as a technician would: against a real Orthanc as "the department PACS" and a real
// `lightbox --headless` started by the guide's own command line, with the guide's example addresses replaced by
// the test's loopback ports.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox::test;

namespace {

// The ``` console blocks' commands ("$ " lines), in order.
QStringList guideCommands(const QString &text)
{
    QStringList commands;
    bool inConsole = false;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith("```")) {
            inConsole = !inConsole && line.trimmed() == "```console";
            continue;
        }
        if (inConsole && line.startsWith("$ "))
            commands << line.mid(2).trimmed();
    }
    return commands;
}

} // namespace

class TestGuide : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyConsoleCommandWorks()
    {
        QFile file(sourceDir() + "/docs/technician-guide.md");
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QStringList commands = guideCommands(QString::fromUtf8(file.readAll()));
        QVERIFY2(commands.size() >= 15, qPrintable(QString::number(commands.size())));

        QTemporaryDir home;
        QVERIFY(home.isValid());
        const quint16 lightboxPort = freePort();
        OrthancProcess pacs;
        // The PACS knows the workstation (for C-MOVE), as the guide asks its administrator to arrange.
        QVERIFY(pacs.start(
            QString("\"DicomModalities\": {\"lightbox\": [\"LIGHTBOX\", \"127.0.0.1\", %1]}").arg(lightboxPort)));

        // The "CT console"'s study, with the guide's Study Instance UID.
        const QString data = home.filePath("testdata");
        const QString spec = home.filePath("spec.json");
        QFile specFile(spec);
        QVERIFY(specFile.open(QIODevice::WriteOnly));
        specFile.write(R"([{"key": "guide", "name": "Doe^John", "id": "PID7", "date": "20240315",
            "accession": "ACC7", "description": "CT chest",
            "series": [{"modality": "CT", "count": 4, "description": "Axial"}]}])");
        specFile.close();
        const ToolResult made = run(python(), {sourceDir() + "/tests/tools/make_studies.py", spec, data});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        const QString studyUid = QString::fromUtf8(made.out).section(' ', 1).trimmed();
        QVERIFY(!studyUid.isEmpty());
        QVERIFY(QDir().rename(data + "/guide", data + "/ct"));

        QProcessEnvironment env = testEnvironment();
        env.insert("XDG_CONFIG_HOME", home.filePath("config"));
        env.insert("XDG_DATA_HOME", home.filePath("data"));
        env.insert("PATH", QFileInfo(qEnvironmentVariable("LIGHTBOX_BIN")).absolutePath() + ":" + env.value("PATH"));

        auto substitute = [&](QString c) {
            c.replace("10.0.0.5:104", QString("127.0.0.1:%1").arg(pacs.dicomPort()));
            c.replace("10.0.0.20", "127.0.0.1");
            c.replace("4242", QString::number(lightboxPort));
            c.replace("1.2.826.0.1.3680043.8.498.1", studyUid);
            return c;
        };

        QProcess listener;
        listener.setProcessEnvironment(env);
        listener.setWorkingDirectory(home.path());
        listener.setProcessChannelMode(QProcess::MergedChannels);
        for (const QString &guideLine : commands) {
            const QString command = substitute(guideLine);
            if (command.endsWith('&')) {
                // The headless listener: started exactly as written, kept running, stopped by PID at the end.
                QVERIFY2(listener.state() == QProcess::NotRunning, "the guide starts two listeners");
                listener.start("/bin/sh", {"-c", "exec " + command.chopped(1).trimmed()});
                QVERIFY(listener.waitForStarted(10000));
                QTRY_VERIFY_WITH_TIMEOUT(
                    run("echoscu", {"-aec", "LIGHTBOX", "127.0.0.1", QString::number(lightboxPort)}).exitCode == 0,
                    20000);
                continue;
            }
            QProcess p;
            p.setProcessEnvironment(env);
            p.setWorkingDirectory(home.path());
            p.start("/bin/sh", {"-c", command});
            QVERIFY(p.waitForStarted(10000));
            QVERIFY2(p.waitForFinished(300000), qPrintable(command));
            const QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(QString("`%1` failed (%2):\n%3").arg(guideLine).arg(p.exitCode()).arg(output)));
        }
        QVERIFY2(listener.state() == QProcess::Running, "the guide never started the listener");

        // What the commands did, checked at the peers: the console's study is in Lightbox, the send put it in
        // the PACS, and the retrieves found it there.
        QProcess stats;
        stats.setProcessEnvironment(env);
        stats.start(qEnvironmentVariable("LIGHTBOX_BIN"), {"stats"});
        QVERIFY(stats.waitForFinished(30000));
        const QJsonObject counts = QJsonDocument::fromJson(stats.readAllStandardOutput()).object();
        QCOMPARE(counts.value("instances").toInt(), 4);
        const QJsonObject pacsStats = QJsonDocument::fromJson(pacs.get("/statistics")).object();
        QCOMPARE(pacsStats.value("CountInstances").toInt(), 4);

        QCOMPARE(terminateByPid(listener, 30000), 0);
    }
};

QTEST_GUILESS_MAIN(TestGuide)
#include "tst_guide.moc"
