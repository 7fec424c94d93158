// Sync to a real Orthanc over C-STORE and STOW-RS (its DICOMweb plugin): instances are queued with their index rows
// and sent as they arrive, byte-identical; Orthanc killed in the middle of a 500-instance sync and restarted gets
// every instance exactly once; a Lightbox killed with SIGKILL in the middle resumes after a restart; a refused
// destination (wrong AE title, wrong STOW-RS password) fails with the reason and "retry failed" completes once it is
// fixed; the password is nowhere but the credentials store; verification finds what the remote lost; the rules
// (modalities, never back to the sender) and `lightbox sync --all/--study`.
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lightbox::test;

namespace {

constexpr int kInstances = 500;

QJsonObject jsonOf(const ToolResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

// The data set of a DICOM file without its preamble and meta group (the part a C-STORE carries), as bytes.
const char *kDatasetBytes = R"PY(
import struct, sys, hashlib
def body(path):
    b = open(path, 'rb').read()
    if b[128:132] == b'DICM':
        return b[144 + struct.unpack('<I', b[140:144])[0]:]
    return b
print(hashlib.sha256(body(sys.argv[1])).hexdigest())
)PY";

QString datasetHash(const QString &path)
{
    const ToolResult r = run(python(), {"-c", kDatasetBytes, path});
    return QString::fromUtf8(r.out).trimmed();
}

// An attribute of a DICOM file's data set (pydicom), e.g. "StudyInstanceUID".
QString attributeOf(const QString &file, const QString &keyword)
{
    const ToolResult r = run(python(),
                             {"-c",
                              "import sys, pydicom; print(pydicom.dcmread(sys.argv[1], "
                              "stop_before_pixels=True).get(sys.argv[2], ''))",
                              file, keyword});
    return QString::fromUtf8(r.out).trimmed();
}

QString studyUidOf(const QString &file)
{
    return attributeOf(file, "StudyInstanceUID");
}

QString sopUidOf(const QString &file)
{
    return attributeOf(file, "SOPInstanceUID");
}

QStringList dicomFiles(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// Polls `lightbox sync --status` until nothing is pending (or @p timeoutMs). @return the last status.
QJsonObject waitSynced(const LightboxProcess &lightbox, int timeoutMs = 120000)
{
    QElapsedTimer clock;
    clock.start();
    QJsonObject status;
    while (clock.elapsed() < timeoutMs) {
        status = jsonOf(lightbox.command({"sync", "--status"}));
        if (status.contains("pending") && status["pending"].toInt() == 0 && status["sent"].toInt() > 0)
            return status;
        QThread::msleep(200);
    }
    return status;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (condition())
            return true;
        QThread::msleep(20);
    }
    return condition();
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    QString m_bigSeries; ///< kInstances CT images, one study.
    QString m_bigStudy;

    ToolResult storescu(const LightboxProcess &lightbox, const QStringList &paths,
                        const QString &callingAe = "MODALITY")
    {
        return run("storescu",
                   QStringList {"-nh", "+sd", "+r", "-aet", callingAe, "-aec", "LIGHTBOX", "127.0.0.1",
                                QString::number(lightbox.port())}
                       + paths,
                   300000);
    }

    // Writes a new study of @p count CT images (make_series.py), sends it to @p lightbox with storescu and returns
    // its Study Instance UID; empty on failure.
    QString sendNewStudy(const LightboxProcess &lightbox, const QString &name, int count, int seed,
                         const QString &callingAe = "MODALITY")
    {
        const QString dir = m_data.path() + "/" + name;
        const ToolResult made = run(python(),
                                    {sourceDir() + "/tests/tools/make_series.py", QString::number(count), "64", "1",
                                     dir, "--seed", QString::number(seed)});
        if (made.exitCode != 0 || storescu(lightbox, {dir}, callingAe).exitCode != 0)
            return {};
        return studyUidOf(dicomFiles(dir).first());
    }

    // Polls `lightbox sync --status` until @p failed instances have failed. @return the last status.
    static QJsonObject waitFailed(const LightboxProcess &lightbox, int failed)
    {
        QJsonObject status;
        waitFor(
            [&] {
                status = jsonOf(lightbox.command({"sync", "--status"}));
                return status["failed"].toInt() == failed;
            },
            30000);
        return status;
    }

    static void addSyncDestination(const LightboxProcess &lightbox, const OrthancProcess &orthanc,
                                   const QString &extra = {})
    {
        QStringList args {"destination", "add", "PACS", QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()),
                          "--roles",     "sync"};
        const ToolResult r = lightbox.command(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        if (!extra.isEmpty()) {
            // Rules the command line does not set: written into the settings file as the settings dialog does.
            QSettings s(lightbox.configHome() + "/lightbox/lightbox.ini", QSettings::IniFormat);
            const QStringList kv = extra.split('=');
            s.setValue("destinations/1/" + kv[0], kv[1]);
            s.sync();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const ToolResult made = run(python(),
                                    {sourceDir() + "/tests/tools/make_series.py", QString::number(kInstances), "128",
                                     "1", m_data.path() + "/big", "--seed", "21"},
                                    300000);
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        m_bigSeries = m_data.path() + "/big";
        const QStringList files = dicomFiles(m_bigSeries);
        QCOMPARE(files.size(), kInstances);
        m_bigStudy = studyUidOf(files.first());
        QVERIFY(!m_bigStudy.isEmpty());
    }

    void arrivals_areSyncedByteIdentical()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        addSyncDestination(lightbox, orthanc);
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));

        // Several kinds of objects and transfer syntaxes, as a modality and a PACS send them.
        const QString pd = pydicomTestFiles();
        QStringList files {pd + "/CT_small.dcm", pd + "/JPEG2000.dcm", pd + "/SC_rgb_rle.dcm", pd + "/rtplan.dcm",
                           pd + "/SC_rgb_jpeg_dcmtk.dcm"};
        const ToolResult series = run(
            python(),
            {sourceDir() + "/tests/tools/make_series.py", "12", "64", "2", m_data.path() + "/small", "--seed", "5"});
        QVERIFY2(series.exitCode == 0, qPrintable(series.all()));
        files += dicomFiles(m_data.path() + "/small");
        // Each file goes as it is held (its own transfer syntax), as a modality sends it.
        for (const QString &file : std::as_const(files)) {
            const QStringList kind = QString::fromUtf8(run(python(),
                                                           {"-c",
                                                            "import sys, pydicom; d = pydicom.dcmread("
                                                            "sys.argv[1], stop_before_pixels=True); "
                                                            "print(d.SOPClassUID, d.file_meta."
                                                            "TransferSyntaxUID)",
                                                            file})
                                                           .out)
                                         .split(' ');
            QCOMPARE(kind.size(), 2);
            const QString profile = writeStorescuProfile(m_data.path(), kind[0].trimmed(), kind[1].trimmed());
            const ToolResult sent = run("storescu",
                                        {"-xf", profile, "Send", "-aet", "MODALITY", "-aec", "LIGHTBOX", "127.0.0.1",
                                         QString::number(lightbox.port()), file});
            QVERIFY2(sent.exitCode == 0 && !sent.all().contains("E: "), qPrintable(file + ": " + sent.all()));
        }
        QCOMPARE(jsonOf(lightbox.command({"stats"}))["instances"].toInt(), int(files.size()));

        const QJsonObject status = waitSynced(lightbox);
        QCOMPARE(status["pending"].toInt(), 0);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), int(files.size()));
        QCOMPARE(orthanc.instanceCount(), int(files.size()));
        QTemporaryDir got;
        for (const QString &file : std::as_const(files)) {
            const QString sop = sopUidOf(file);
            const QString id = orthanc.instanceId(sop);
            QVERIFY2(!id.isEmpty(), qPrintable("not in Orthanc: " + file));
            const QString copy = got.path() + "/" + id + ".dcm";
            QFile out(copy);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(orthanc.get("/instances/" + id + "/file"));
            out.close();
            // What Lightbox holds (as received: storescu leaves out CT_small's trailing padding) is what Orthanc got.
            const QString stored = QString::fromUtf8(run(python(),
                                                         {"-c",
                                                          "import sqlite3, sys\n"
                                                          "db = sqlite3.connect('file:' + sys.argv[1] + "
                                                          "'?mode=ro', uri=True)\n"
                                                          "print(db.execute('SELECT file_path FROM instances "
                                                          "WHERE sop_instance_uid = ?', (sys.argv[2],))"
                                                          ".fetchone()[0])",
                                                          lightbox.storage() + "/index.sqlite", sop})
                                                         .out)
                                       .trimmed();
            QVERIFY2(!stored.isEmpty(), qPrintable("not in Lightbox's index: " + file));
            QCOMPARE(datasetHash(copy), datasetHash(lightbox.storage() + "/files/" + stored));
        }
        QVERIFY2(!lightbox.log().contains("WARN  lightbox.sync"), qPrintable(lightbox.log()));
    }

    void orthancKilledMidSync_everyInstanceArrivesOnce()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        addSyncDestination(lightbox, orthanc);
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        // Sync runs beside the arrivals: kill Orthanc once part of the study is there, while the modality is still
        // sending (waiting for storescu first let a quick sync finish everything before the kill).
        QProcess modality;
        modality.setProcessChannelMode(QProcess::MergedChannels);
        modality.start("storescu",
                       {"-nh", "+sd", "+r", "-aet", "MODALITY", "-aec", "LIGHTBOX", "127.0.0.1",
                        QString::number(lightbox.port()), m_bigSeries});
        QVERIFY(modality.waitForStarted(10000));
        QVERIFY(waitFor([&] { return orthanc.instanceCount() >= 40; }, 60000));
        orthanc.kill();
        const int before = jsonOf(lightbox.command({"sync", "--status"}))["sent"].toInt();
        QVERIFY(modality.waitForFinished(300000));
        QVERIFY2(modality.exitCode() == 0, modality.readAll().constData());
        QVERIFY2(before < kInstances, "the sync finished before Orthanc was killed: nothing was tested");
        // Lightbox keeps the rest queued and says why.
        QVERIFY(waitFor(
            [&] {
                const QJsonObject s = jsonOf(lightbox.command({"sync", "--status"}));
                const QJsonObject pacs = s["destinations"].toArray().first().toObject();
                return pacs["pending"].toInt() > 0 && pacs["lastError"].toString().contains("127.0.0.1");
            },
            30000));
        QThread::msleep(3000);
        QVERIFY(orthanc.restart());
        const QJsonObject status = waitSynced(lightbox, 180000);
        QCOMPARE(status["pending"].toInt(), 0);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), kInstances);
        QCOMPARE(orthanc.instanceCount(), kInstances);
        QCOMPARE(orthanc.instancesOfStudy(m_bigStudy).size(), kInstances);
        QVERIFY2(lightbox.log().contains("goes on: the remote answers again"), qPrintable(lightbox.log()));
    }

    void lightboxKilledMidSync_resumesAfterRestart()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const ToolResult sent = storescu(lightbox, {m_bigSeries});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
        // A sync destination added to the running Lightbox, then everything stored is queued.
        addSyncDestination(lightbox, orthanc);
        const ToolResult queued = lightbox.command({"sync", "--all"});
        QVERIFY2(queued.exitCode == 0, qPrintable(queued.all()));
        QCOMPARE(jsonOf(queued)["queued"].toInt(), kInstances);
        QVERIFY(waitFor([&] { return orthanc.instanceCount() >= 40; }, 60000));
        lightbox.kill();
        const int atKill = orthanc.instanceCount();
        QVERIFY2(atKill < kInstances, "the sync finished before Lightbox was killed: nothing was tested");
        lightbox.setPort(lightbox.port());
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QJsonObject status = waitSynced(lightbox, 180000);
        QCOMPARE(status["pending"].toInt(), 0);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), kInstances);
        QCOMPARE(orthanc.instanceCount(), kInstances);
        QVERIFY2(lightbox.log().contains("Sync resumes"), qPrintable(lightbox.log()));
    }

    void refusedDestination_failsWithReason_retryCompletes()
    {
        // Orthanc checks the called AE title: a destination with the wrong one is refused as a whole.
        OrthancProcess orthanc;
        QVERIFY(orthanc.start("\"DicomCheckCalledAet\": true"));
        LightboxProcess lightbox;
        const ToolResult added
            = lightbox.command({"destination", "add", "PACS", QString("WRONGAE@127.0.0.1:%1").arg(orthanc.dicomPort()),
                                "--roles", "sync"});
        QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString study = sendNewStudy(lightbox, "refused", 8, 8);
        QVERIFY(!study.isEmpty());
        QJsonObject status = waitFailed(lightbox, 8);
        QCOMPARE(status["failed"].toInt(), 8);
        QCOMPARE(status["pending"].toInt(), 0);
        const QJsonArray failed = status["failedStudies"].toArray();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0].toObject()["study"].toString(), study);
        QVERIFY2(failed[0].toObject()["reason"].toString().contains("does not recognise the called AE title"),
                 qPrintable(failed[0].toObject()["reason"].toString()));
        QCOMPARE(orthanc.instanceCount(), 0);

        // The technician fixes the AE title; "retry failed" sends everything.
        // Removed, seen removed by the running Lightbox, then added again right: the queue is kept meanwhile.
        QVERIFY(lightbox.command({"destination", "remove", "PACS"}).exitCode == 0);
        QThread::msleep(1500);
        addSyncDestination(lightbox, orthanc);
        QThread::msleep(600); // the running Lightbox follows the settings file
        const ToolResult retried = lightbox.command({"sync", "--retry-failed"});
        QVERIFY2(retried.exitCode == 0, qPrintable(retried.all()));
        status = waitSynced(lightbox);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), 8);
        QCOMPARE(orthanc.instancesOfStudy(study).size(), 8);
    }

    void rules_modalityAndNeverBackToTheSender()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        addSyncDestination(lightbox, orthanc, "syncModalities=MR");
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString pd = pydicomTestFiles();
        QVERIFY(storescu(lightbox, {pd + "/CT_small.dcm", pd + "/MR_small.dcm"}).exitCode == 0);
        const QJsonObject status = waitSynced(lightbox);
        QCOMPARE(status["sent"].toInt(), 1);
        QCOMPARE(orthanc.instanceCount(), 1);
        const QString mrSop = sopUidOf(pd + "/MR_small.dcm");
        QVERIFY(!orthanc.instanceId(mrSop).isEmpty());

        // What the sync destination itself sends us (an MR study, which the rules select) is not sent back to it.
        const QString dir = m_data.path() + "/frompacs";
        QVERIFY(run(python(),
                    {"-c",
                     "import sys, pydicom\n"
                     "ds = pydicom.dcmread(sys.argv[1])\n"
                     "ds.SOPInstanceUID = ds.SOPInstanceUID + '.7'\n"
                     "ds.StudyInstanceUID = ds.StudyInstanceUID + '.7'\n"
                     "ds.SeriesInstanceUID = ds.SeriesInstanceUID + '.7'\n"
                     "ds.save_as(sys.argv[2])",
                     pd + "/MR_small.dcm", dir + ".dcm"})
                    .exitCode
                == 0);
        const ToolResult fromPacs = storescu(lightbox, {dir + ".dcm"}, "ORTHANC");
        QVERIFY2(fromPacs.exitCode == 0, qPrintable(fromPacs.all()));
        QThread::msleep(2500);
        const QJsonObject after = jsonOf(lightbox.command({"sync", "--status"}));
        QCOMPARE(after["pending"].toInt() + after["sent"].toInt() + after["failed"].toInt(), 1);
        QCOMPARE(jsonOf(lightbox.command({"stats"}))["instances"].toInt(), 3); // it was stored, only not synced
        QCOMPARE(orthanc.instanceCount(), 1);
    }

    void syncAll_andSyncStudy_fromTheCommandLine()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        // Stored before any sync destination exists; then synced by `sync --all` with Lightbox stopped.
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString dir = m_data.path() + "/later";
        QVERIFY(
            run(python(), {sourceDir() + "/tests/tools/make_series.py", "40", "64", "2", dir, "--seed", "9"}).exitCode
            == 0);
        QVERIFY(storescu(lightbox, {dir}).exitCode == 0);
        QCOMPARE(lightbox.stop(), 0);
        addSyncDestination(lightbox, orthanc);
        const ToolResult all = lightbox.command({"sync", "--all"});
        QVERIFY2(all.exitCode == 0, qPrintable(all.all()));
        const QJsonObject o = jsonOf(all);
        QCOMPARE(o["queued"].toInt(), 40);
        QCOMPARE(o["sent"].toInt(), 40);
        QCOMPARE(o["lightboxRunning"].toBool(), false);
        QCOMPARE(orthanc.instanceCount(), 40);
        // Nothing new to queue the second time.
        QCOMPARE(jsonOf(lightbox.command({"sync", "--all"}))["queued"].toInt(), 0);

        // The remote loses a study; "sync now" of that study sends it again.
        const QString study = studyUidOf(dicomFiles(dir).first());
        const QString orthancStudy
            = QJsonDocument::fromJson(orthanc.post("/tools/lookup", study.toUtf8())).array().first()["ID"].toString();
        QVERIFY(!orthancStudy.isEmpty());
        QVERIFY(run("curl",
                    {"-sf", "-X", "DELETE",
                     QString("http://127.0.0.1:%1/studies/%2").arg(orthanc.httpPort()).arg(orthancStudy)})
                    .exitCode
                == 0);
        const int left = orthanc.instanceCount();
        QVERIFY(left < 40);
        const ToolResult now = lightbox.command({"sync", "--study", study});
        QVERIFY2(now.exitCode == 0, qPrintable(now.all()));
        QCOMPARE(left, 20);
        QCOMPARE(orthanc.instanceCount(), 40);
        QCOMPARE(jsonOf(now)["queued"].toInt(), 20); // the whole study, sent again
    }

    void verify_findsWhatTheRemoteLost_andSendsItAgain()
    {
        // A PACS that silently drops the first instance it stores (an Orthanc Lua hook deleting it again).
        OrthancProcess orthanc;
        QTemporaryDir lua;
        QFile script(lua.path() + "/drop.lua");
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("dropped = false\n"
                     "function OnStoredInstance(instanceId, tags, metadata, origin)\n"
                     "  if not dropped then\n"
                     "    dropped = true\n"
                     "    RestApiDelete('/instances/' .. instanceId)\n"
                     "  end\n"
                     "end\n");
        script.close();
        // Verification asks by image-level C-FIND: Orthanc must answer queries from us.
        QVERIFY(
            orthanc.start(QString("\"DicomAlwaysAllowFind\": true, \"LuaScripts\": [\"%1\"]").arg(script.fileName())));
        LightboxProcess lightbox;
        addSyncDestination(lightbox, orthanc, "verifySync=true");
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString dir = m_data.path() + "/verify";
        QVERIFY(
            run(python(), {sourceDir() + "/tests/tools/make_series.py", "10", "64", "1", dir, "--seed", "12"}).exitCode
            == 0);
        QVERIFY(storescu(lightbox, {dir}).exitCode == 0);
        QJsonObject pacs;
        const bool verified = waitFor(
            [&] {
                pacs = jsonOf(lightbox.command({"sync", "--status"}))["destinations"].toArray().first().toObject();
                return pacs["verifiedStudies"].toInt() == 1 && pacs["pending"].toInt() == 0;
            },
            60000);
        QVERIFY2(verified, qPrintable(QJsonDocument(pacs).toJson() + lightbox.log().right(1500)));
        QCOMPARE(pacs["sent"].toInt(), 10);
        QCOMPARE(pacs["failed"].toInt(), 0);
        QCOMPARE(orthanc.instancesOfStudy(studyUidOf(dicomFiles(dir).first())).size(), 10);
        // The one dropped instance, found missing: "1 of 10", or "1 of 1" when the study was verified while the
        // modality was still sending (a study is verified again whenever it holds more instances).
        QVERIFY2(lightbox.log().contains(
                     QRegularExpression(R"(: 1 of ([1-9]|10) instance\(s\) of study \S+ are missing on the remote)")),
                 qPrintable(lightbox.log()));
    }

    void stow_arrivalsByteIdentical_credentialsNowhereElse()
    {
        const QByteArray password = "Pw-7f3!sync-secret";
        OrthancProcess orthanc;
        orthanc.enableDicomWeb();
        orthanc.setRegisteredUser("syncer", QString::fromUtf8(password));
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        const ToolResult added = lightbox.command({"destination", "add", "WEB", "--dicomweb", orthanc.dicomWebUrl(),
                                                   "--user", "syncer", "--sync", "--verify"},
                                                  password + "\n");
        QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString dir = m_data.path() + "/stow";
        QVERIFY(
            run(python(), {sourceDir() + "/tests/tools/make_series.py", "24", "128", "2", dir, "--seed", "14"}).exitCode
            == 0);
        QVERIFY(storescu(lightbox, {dir}).exitCode == 0);
        const QJsonObject status = waitSynced(lightbox);
        QCOMPARE(status["pending"].toInt(), 0);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), 24);
        QCOMPARE(orthanc.instanceCount(), 24);
        // Both studies verified by QIDO-RS (the server lists every instance).
        QVERIFY(waitFor(
            [&] {
                return jsonOf(lightbox.command({"sync", "--status"}))["destinations"]
                           .toArray()
                           .first()
                           .toObject()["verifiedStudies"]
                           .toInt()
                    == 2;
            },
            30000));
        QTemporaryDir got;
        for (const QString &file : dicomFiles(dir)) {
            const QString sop = sopUidOf(file);
            QFile out(got.path() + "/" + sop + ".dcm");
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(orthanc.instanceFile(sop));
            out.close();
            // STOW-RS carries the Part 10 file as Lightbox stored it (storescu's data set, unchanged).
            QCOMPARE(datasetHash(out.fileName()), datasetHash(file));
        }

        // The password is in none of: the settings file, the log, the index (database and its journal), any stored
        // file. (It is in the user-only credentials file or the keyring, nowhere else.)
        QCOMPARE(lightbox.stop(), 0);
        QDirIterator everything(lightbox.storage(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList looked;
        while (everything.hasNext())
            looked << everything.next();
        looked << lightbox.configHome() + "/lightbox/lightbox.ini";
        QVERIFY(looked.contains(lightbox.storage() + "/index.sqlite"));
        for (const QString &path : std::as_const(looked)) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(password), qPrintable("the password is in " + path));
        }
        QVERIFY(!lightbox.log().toUtf8().contains(password));
        const QString credentialsFile = lightbox.configHome() + "/lightbox/credentials";
        if (QFile::exists(credentialsFile))
            QCOMPARE(QFile(credentialsFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                     QFileDevice::Permissions());
    }

    void stow_wrongPassword_failsWithTheReason_retryCompletes()
    {
        OrthancProcess orthanc;
        orthanc.enableDicomWeb();
        orthanc.setRegisteredUser("syncer", "right-password");
        QVERIFY(orthanc.start());
        LightboxProcess lightbox;
        QVERIFY(lightbox
                    .command({"destination", "add", "WEB", "--dicomweb", orthanc.dicomWebUrl(), "--user", "syncer",
                              "--sync"},
                             "wrong-password\n")
                    .exitCode
                == 0);
        QVERIFY(lightbox.start({"--aet", "LIGHTBOX"}));
        const QString study = sendNewStudy(lightbox, "stowauth", 6, 15);
        QVERIFY(!study.isEmpty());
        QJsonObject status = waitFailed(lightbox, 6);
        QCOMPARE(status["failed"].toInt(), 6);
        const QJsonArray failed = status["failedStudies"].toArray();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0].toObject()["study"].toString(), study);
        QVERIFY2(failed[0].toObject()["reason"].toString().contains("authentication rejected by the server"),
                 qPrintable(failed[0].toObject()["reason"].toString()));
        // Nothing dropped: every instance is still here and still queued (failed), none on the server.
        QCOMPARE(jsonOf(lightbox.command({"stats"}))["instances"].toInt(), 6);
        QCOMPARE(orthanc.instanceCount(), 0);

        // The technician enters the right password; "retry failed" completes the study.
        const ToolResult fixed = lightbox.command({"destination", "password", "WEB"}, "right-password\n");
        QVERIFY2(fixed.exitCode == 0, qPrintable(fixed.all()));
        const ToolResult retried = lightbox.command({"sync", "--retry-failed"});
        QVERIFY2(retried.exitCode == 0, qPrintable(retried.all()));
        QCOMPARE(jsonOf(retried)["queued"].toInt(), 6);
        status = waitSynced(lightbox);
        QCOMPARE(status["failed"].toInt(), 0);
        QCOMPARE(status["sent"].toInt(), 6);
        QCOMPARE(orthanc.instancesOfStudy(study).size(), 6);
    }

    void syncWithoutTarget_saysHowToAddOne()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        const ToolResult r = lightbox.command({"sync", "--all"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("--roles sync"), qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
