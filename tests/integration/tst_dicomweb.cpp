// DICOMweb against the real Orthanc with its DICOMweb plugin (Debian's orthanc-dicomweb) and HTTP
// authentication: STOW-RS stores files byte-identical, per-instance results, authentication and connection
// failures in plain words, QIDO-RS echo and study instances; bearer tokens against a tiny python3 server
// (Orthanc 1.10 has no bearer authentication); `lightbox destination add --dicomweb` and `lightbox echo`.
#include "core/common/Destination.h"
#include "core/web/DicomWebClient.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lightbox;
using namespace lightbox::test;

namespace {

const QString user = "lightbox";
const QString password = "pa55-w0rd:ÿ";

QString sopUidOf(const QString &file)
{
    return QString::fromUtf8(run(python(), {sourceDir() + "/tests/tools/same_dataset.py", "--uid", file}).out)
        .trimmed();
}

QByteArray bytesOf(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Destination webDestination(const QString &url, Destination::WebAuth auth = Destination::WebAuth::Basic)
{
    Destination d;
    d.name = "Cloud";
    d.kind = Destination::Kind::DicomWeb;
    d.url = url;
    d.auth = auth;
    d.user = auth == Destination::WebAuth::Basic ? user : QString();
    d.roles = Destination::Sync;
    return d;
}

QList<WebStoreItem> itemsOf(const QStringList &files)
{
    // One python for all files (a batch has up to 128).
    const ToolResult r = run(python(),
                             QStringList {"-c",
                                          "import sys, pydicom\n"
                                          "for f in sys.argv[1:]:\n"
                                          "    print(pydicom.dcmread(f, stop_before_pixels=True)"
                                          ".SOPInstanceUID)"}
                                 + files);
    const QList<QByteArray> uids = r.out.trimmed().split('\n');
    QList<WebStoreItem> items;
    for (int i = 0; i < files.size(); ++i)
        items.append({files[i], i < uids.size() ? QString::fromUtf8(uids[i]).trimmed() : QString()});
    return items;
}

// Peak resident memory of this process so far, in kB (VmHWM).
qint64 peakRssKb()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QStringList generateCt(const QString &dir, int count, int seed, int size = 64)
{
    const ToolResult r = run(python(),
                             {"/work/shared/peers/gen_ct.py", QString::number(count), QString::number(size), "1", dir,
                              "--seed", QString::number(seed)});
    if (r.exitCode != 0)
        qWarning() << r.all();
    QStringList files;
    QDirIterator it(dir, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// A minimal DICOMweb server in python3: QIDO GET answers [] when "Authorization: Bearer good-token" came, else
// 401; every Authorization header it saw goes to headers.txt.
const char *bearerServer = R"PY(
import http.server, sys
log = open(sys.argv[2], "a")
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        log.write(self.path + " " + auth + "\n"); log.flush()
        ok = auth == "Bearer good-token"
        body = b"[]" if ok else b'{"error": "invalid token"}'
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/dicom+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
)PY";

} // namespace

class TstDicomWeb : public QObject
{
    Q_OBJECT

private:
    OrthancProcess m_orthanc;
    QTemporaryDir m_data;
    QStringList m_ctFiles;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        m_orthanc.enableDicomWeb();
        m_orthanc.setRegisteredUser(user, password);
        QVERIFY2(m_orthanc.start(), "Orthanc with the DICOMweb plugin did not start");
        QVERIFY(!m_orthanc.get("/dicom-web/studies").isNull());
        m_ctFiles = generateCt(m_data.path() + "/ct", 6, 41);
        QCOMPARE(m_ctFiles.size(), 6);
    }

    void store_pydicomFilesAndCtSeries_byteIdenticalInOrthanc()
    {
        QStringList files = m_ctFiles;
        for (const char *name :
             {"CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "SC_rgb_rle.dcm", "rtplan.dcm", "ExplVR_BigEnd.dcm"})
            files << pydicomTestFiles() + "/" + name;
        const QList<WebStoreItem> items = itemsOf(files);
        qint64 total = 0;
        QSet<QString> distinct;
        for (const WebStoreItem &item : items) {
            distinct.insert(item.sopInstanceUid);
            QVERIFY2(!item.sopInstanceUid.isEmpty(), qPrintable(item.filePath));
            total += QFileInfo(item.filePath).size();
        }
        QCOMPARE(distinct.size(), items.size()); // else Orthanc keeps only one of them

        DicomWebClient client(webDestination(m_orthanc.dicomWebUrl()), password);
        const WebStoreResult r = client.store(items);
        QVERIFY2(r.allStored(),
                 qPrintable(r.error + " / " + (r.instances.isEmpty() ? QString() : r.instances[0].error)));
        QVERIFY(r.reached);
        QCOMPARE(r.httpStatus, 200);
        QVERIFY(!r.authRejected);
        QVERIFY(r.bytes > total); // the files plus the multipart framing
        QVERIFY(r.elapsedMs > 0);
        QCOMPARE(r.instances.size(), items.size());
        for (int i = 0; i < items.size(); ++i) {
            QCOMPARE(r.instances[i].sopInstanceUid, items[i].sopInstanceUid);
            QVERIFY2(r.instances[i].stored, qPrintable(r.instances[i].error));
            const QByteArray stored = m_orthanc.instanceFile(items[i].sopInstanceUid);
            QVERIFY2(!stored.isEmpty(), qPrintable(items[i].filePath + " is not in Orthanc"));
            QVERIFY2(stored == bytesOf(items[i].filePath), qPrintable(items[i].filePath + " differs in Orthanc"));
        }
    }

    void store_64MBBatch_streamsFromDiskWithoutHoldingIt()
    {
        // The sync engine's largest batch: ~64 MB in one request. The files are read as they are sent.
        QTemporaryDir dir;
        const QStringList files = generateCt(dir.path() + "/big", 128, 47, 512);
        QCOMPARE(files.size(), 128);
        const QList<WebStoreItem> items = itemsOf(files);
        qint64 total = 0;
        for (const QString &f : files)
            total += QFileInfo(f).size();
        QVERIFY(total > 60 * 1024 * 1024);
        const qint64 peakBefore = peakRssKb();
        const WebStoreResult r = DicomWebClient(webDestination(m_orthanc.dicomWebUrl()), password).store(items);
        const qint64 peakAfter = peakRssKb();
        QVERIFY2(r.allStored(), qPrintable(r.error));
        for (int i : {0, 63, 127})
            QCOMPARE(m_orthanc.instanceFile(items[i].sopInstanceUid), bytesOf(files[i]));
        qInfo("STOW of %d instances, %.1f MB in %.0f ms (%.0f MB/s); peak RSS %lld -> %lld kB", int(items.size()),
              double(r.bytes) / 1048576.0, r.elapsedMs, double(r.bytes) / 1048576.0 / (r.elapsedMs / 1000.0),
              peakBefore, peakAfter);
        QVERIFY2(peakAfter - peakBefore < 24 * 1024, "the request body must not be held in memory");
    }

    void studyInstances_listsWhatTheServerHolds()
    {
        const QString studyUid = QString::fromUtf8(run(python(),
                                                       {"-c",
                                                        "import sys,pydicom;print(pydicom.dcmread(sys.argv[1],"
                                                        "stop_before_pixels=True).StudyInstanceUID)",
                                                        m_ctFiles.first()})
                                                       .out)
                                     .trimmed();
        QVERIFY(!studyUid.isEmpty());
        DicomWebClient client(webDestination(m_orthanc.dicomWebUrl()), password);
        QString error;
        const auto uids = client.studyInstances(studyUid, &error);
        QVERIFY2(uids.has_value(), qPrintable(error));
        QSet<QString> expected;
        for (const QString &f : std::as_const(m_ctFiles))
            expected.insert(sopUidOf(f));
        QCOMPARE(QSet<QString>(uids->cbegin(), uids->cend()), expected);
        const QStringList inOrthanc = m_orthanc.instancesOfStudy(studyUid);
        QCOMPARE(QSet<QString>(uids->cbegin(), uids->cend()), QSet<QString>(inOrthanc.cbegin(), inOrthanc.cend()));

        const auto none = client.studyInstances("1.2.826.0.1.3680043.8.498.4242424242", &error);
        QVERIFY2(none.has_value(), qPrintable(error));
        QVERIFY(none->isEmpty());

        DicomWebClient wrong(webDestination(m_orthanc.dicomWebUrl()), "not-the-password");
        QVERIFY(!wrong.studyInstances(studyUid, &error).has_value());
        QVERIFY2(error.startsWith("authentication rejected by the server"), qPrintable(error));
    }

    void store_wrongPassword_authRejectedInPlainWords()
    {
        const QList<WebStoreItem> items = itemsOf({pydicomTestFiles() + "/test-SR.dcm"});
        DicomWebClient client(webDestination(m_orthanc.dicomWebUrl()), "wrong-secret-123");
        const WebStoreResult r = client.store(items);
        QVERIFY(r.reached);
        QCOMPARE(r.httpStatus, 401);
        QVERIFY(r.authRejected);
        QVERIFY(r.permanent);
        QVERIFY(!r.allStored());
        QVERIFY2(r.error.startsWith("authentication rejected by the server"), qPrintable(r.error));
        QVERIFY(!r.error.contains("wrong-secret-123"));
        QCOMPARE(r.instances.size(), 1);
        QVERIFY(!r.instances[0].stored);
        QVERIFY(r.instances[0].error.startsWith("authentication rejected by the server"));
        QVERIFY(m_orthanc.instanceId(items[0].sopInstanceUid).isEmpty());

        // No authentication at all against a server that wants it: the same words.
        DicomWebClient anonymous(webDestination(m_orthanc.dicomWebUrl(), Destination::WebAuth::None), {});
        const WebStoreResult a = anonymous.store(items);
        QVERIFY(a.authRejected);
        QVERIFY2(a.error.startsWith("authentication rejected by the server"), qPrintable(a.error));
    }

    void store_serverRefusesOneItem_perItemResults()
    {
        // Orthanc refuses a new patient when its storage is full of protected patients ("The file storage is
        // full"): the batch's other instances, of the protected patient, are stored.
        OrthancProcess full;
        full.enableDicomWeb();
        full.setRegisteredUser(user, password);
        QVERIFY(full.start("\"MaximumPatientCount\": 1"));
        QTemporaryDir dir;
        const QStringList ct = generateCt(dir.path() + "/ct", 4, 43);
        QCOMPARE(ct.size(), 4);
        QCOMPARE(full.upload({ct.first()}), 1);
        const QJsonArray patients = QJsonDocument::fromJson(full.get("/patients")).array();
        QCOMPARE(patients.size(), 1);
        QVERIFY(!full.put("/patients/" + patients.first().toString() + "/protected", "1").isEmpty());

        const QString otherPatient = pydicomTestFiles() + "/CT_small.dcm";
        const QList<WebStoreItem> items = itemsOf({ct[1], ct[2], otherPatient, ct[3]});
        DicomWebClient client(webDestination(full.dicomWebUrl()), password);
        const WebStoreResult r = client.store(items);
        QVERIFY(r.reached);
        QVERIFY(!r.allStored());
        QCOMPARE(r.instances.size(), 4);
        for (int i : {0, 1}) {
            QVERIFY2(r.instances[i].stored, qPrintable(r.instances[i].error));
            QCOMPARE(full.instanceFile(items[i].sopInstanceUid), bytesOf(items[i].filePath));
        }
        QVERIFY(!r.instances[2].stored);
        QVERIFY(!r.instances[2].error.isEmpty());
        QVERIFY(full.instanceId(items[2].sopInstanceUid).isEmpty());
        // Orthanc's DICOMweb plugin 1.7 stops at the refused instance and still answers 200 without mentioning the
        // rest: whatever a server does, an instance is reported stored exactly when the server has it.
        for (int i = 0; i < items.size(); ++i)
            QCOMPARE(r.instances[i].stored, !full.instanceId(items[i].sopInstanceUid).isEmpty());
        qInfo() << "refused item:" << r.instances[2].error << "| after it:" << r.instances[3].stored
                << r.instances[3].error;
        // Sent again alone, what was not confirmed is stored.
        if (!r.instances[3].stored) {
            const WebStoreResult again = client.store({items[3]});
            QVERIFY2(again.allStored(), qPrintable(again.error));
            QCOMPARE(full.instanceFile(items[3].sopInstanceUid), bytesOf(items[3].filePath));
        }
    }

    void store_unreadableFile_isThatItemOnly()
    {
        const QList<WebStoreItem> items
            = {{m_data.path() + "/does-not-exist.dcm", "1.2.3.4.5"}, itemsOf({pydicomTestFiles() + "/rtdose.dcm"})[0]};
        DicomWebClient client(webDestination(m_orthanc.dicomWebUrl()), password);
        const WebStoreResult r = client.store(items);
        QVERIFY(!r.instances[0].stored);
        QVERIFY2(r.instances[0].error.contains("cannot read the file"), qPrintable(r.instances[0].error));
        QVERIFY2(r.instances[1].stored, qPrintable(r.instances[1].error));
        QCOMPARE(m_orthanc.instanceFile(items[1].sopInstanceUid), bytesOf(items[1].filePath));
    }

    void echo_okAndFailuresInPlainWords()
    {
        const WebEchoResult ok = DicomWebClient(webDestination(m_orthanc.dicomWebUrl()), password).echo();
        QVERIFY2(ok.ok, qPrintable(ok.error));
        QCOMPARE(ok.httpStatus, 200);
        QVERIFY(ok.elapsedMs > 0);

        const WebEchoResult denied = DicomWebClient(webDestination(m_orthanc.dicomWebUrl()), "bad-pass-77").echo();
        QVERIFY(!denied.ok);
        QCOMPARE(denied.httpStatus, 401);
        QVERIFY2(denied.error.startsWith("authentication rejected by the server"), qPrintable(denied.error));
        QVERIFY(!denied.error.contains("bad-pass-77"));

        const quint16 closed = freePort();
        const WebEchoResult refused
            = DicomWebClient(webDestination(QString("http://127.0.0.1:%1/dicom-web").arg(closed)), password).echo();
        QVERIFY(!refused.ok);
        QCOMPARE(refused.httpStatus, 0);
        QVERIFY2(refused.error.startsWith("connection refused") && refused.error.contains(QString::number(closed)),
                 qPrintable(refused.error));

        const QString wrongPath = QString("http://127.0.0.1:%1/nothere").arg(m_orthanc.httpPort());
        const WebEchoResult missing = DicomWebClient(webDestination(wrongPath), password).echo();
        QVERIFY(!missing.ok);
        QCOMPARE(missing.httpStatus, 404);
        QVERIFY2(missing.error.startsWith("no DICOMweb service at " + wrongPath + " — check the path, e.g. /dicom-web"),
                 qPrintable(missing.error));

        const WebEchoResult unknownHost
            = DicomWebClient(webDestination("http://no-such-host.invalid:8042/dicom-web"), password, 10).echo();
        QVERIFY(!unknownHost.ok);
        QVERIFY2(unknownHost.error.startsWith("host not found"), qPrintable(unknownHost.error));
    }

    void echo_timeout_saysSo()
    {
        // A port that accepts connections and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const QString url = QString("http://127.0.0.1:%1/dicom-web").arg(silent.serverPort());
        QElapsedTimer clock;
        clock.start();
        WebEchoResult r;
        QThread *worker = QThread::create([&] { r = DicomWebClient(webDestination(url), password, 2).echo(); });
        worker->start();
        while (!worker->wait(10))
            QCoreApplication::processEvents(); // lets the silent server accept
        delete worker;
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith("timeout") && r.error.contains("2 s"), qPrintable(r.error));
        QVERIFY(clock.elapsed() < 15000);
    }

    void bearer_sendsTheTokenHeader()
    {
        QTemporaryDir dir;
        QFile script(dir.path() + "/server.py");
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(bearerServer);
        script.close();
        const quint16 port = freePort();
        const QString log = dir.path() + "/headers.txt";
        QProcess server;
        server.start(python(), {script.fileName(), QString::number(port), log});
        QVERIFY(server.waitForStarted());
        const QString url = QString("http://127.0.0.1:%1/dicom-web").arg(port);
        WebEchoResult ok;
        for (int i = 0; i < 100; ++i) {
            ok = DicomWebClient(webDestination(url, Destination::WebAuth::Bearer), "good-token").echo();
            if (ok.ok || !ok.error.startsWith("connection refused"))
                break;
            QThread::msleep(50);
        }
        QVERIFY2(ok.ok, qPrintable(ok.error));
        const WebEchoResult bad = DicomWebClient(webDestination(url, Destination::WebAuth::Bearer), "bad-token").echo();
        QVERIFY(!bad.ok);
        QCOMPARE(bad.httpStatus, 401);
        QVERIFY2(bad.error.startsWith("authentication rejected by the server") && bad.error.contains("token"),
                 qPrintable(bad.error));
        QVERIFY(!bad.error.contains("bad-token"));
        terminateByPid(server, 5000);
        QFile headers(log);
        QVERIFY(headers.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = headers.readAll().split('\n');
        QVERIFY(lines.size() >= 2);
        QCOMPARE(lines.at(lines.size() - 3), QByteArray("/dicom-web/studies?limit=1 Bearer good-token"));
        QCOMPARE(lines.at(lines.size() - 2), QByteArray("/dicom-web/studies?limit=1 Bearer bad-token"));
    }

    void commandLine_addListEchoRemove_secretFromStdinOnly()
    {
        LightboxProcess cli; // not started: its command() runs with its own settings home
        const QString home = cli.configHome();
        const ToolResult added
            = cli.command({"destination", "add", "Cloud PACS", "--dicomweb", m_orthanc.dicomWebUrl(), "--user", user,
                           "--sync", "--modalities", "CT,MR", "--from-ae", "CT1,MR2", "--verify"},
                          password.toUtf8() + "\n");
        QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
        QVERIFY(!added.all().contains(password));
        const QJsonObject shown = QJsonDocument::fromJson(added.out).object();
        QCOMPARE(shown["kind"].toString(), QString("dicomweb"));
        QCOMPARE(shown["auth"].toString(), QString("basic"));

        const ToolResult listed = cli.command({"destination", "list"});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(!listed.all().contains(password));
        const QJsonObject d = QJsonDocument::fromJson(listed.out).array().first().toObject();
        QCOMPARE(d["name"].toString(), QString("Cloud PACS"));
        QCOMPARE(d["url"].toString(), m_orthanc.dicomWebUrl());
        QCOMPARE(d["user"].toString(), user);
        QCOMPARE(d["roles"].toString(), QString("sync"));
        QCOMPARE(d["syncModalities"].toArray().toVariantList(), QVariantList({"CT", "MR"}));
        QCOMPARE(d["syncCallingAes"].toArray().toVariantList(), QVariantList({"CT1", "MR2"}));
        QCOMPARE(d["verifySync"].toBool(), true);
        QCOMPARE(d["secretStored"].toBool(), true);

        // The settings file has the destination, never the password; the password file is user-only.
        QFile ini(home + "/lightbox/lightbox.ini");
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray settings = ini.readAll();
        QVERIFY(settings.contains("dicom-web"));
        QVERIFY(!settings.contains(password.toUtf8()));
        QVERIFY(QFileInfo::exists(home + "/lightbox/credentials"));
        QCOMPARE(QFileInfo(home + "/lightbox/credentials").permissions() & 0x0077, QFileDevice::Permissions());

        const ToolResult echo = cli.command({"echo", "Cloud PACS"});
        QVERIFY2(echo.exitCode == 0, qPrintable(echo.all()));
        QCOMPARE(QJsonDocument::fromJson(echo.out).object()["ok"].toBool(), true);

        // A wrong password stored for a second destination: the echo says so, in the same words.
        const ToolResult wrong
            = cli.command({"destination", "add", "Wrong", "--dicomweb", m_orthanc.dicomWebUrl(), "--user", user},
                          QByteArray("nope\n"));
        QVERIFY2(wrong.exitCode == 0, qPrintable(wrong.all()));
        const ToolResult denied = cli.command({"echo", "Wrong"});
        QCOMPARE(denied.exitCode, 1);
        QVERIFY2(QJsonDocument::fromJson(denied.out)
                     .object()["error"]
                     .toString()
                     .startsWith("authentication rejected by the server"),
                 qPrintable(denied.all()));

        // Basic authentication without a password on standard input is refused.
        const ToolResult noSecret
            = cli.command({"destination", "add", "Empty", "--dicomweb", m_orthanc.dicomWebUrl(), "--user", user});
        QCOMPARE(noSecret.exitCode, 1);
        QVERIFY2(noSecret.all().contains("standard input"), qPrintable(noSecret.all()));

        const ToolResult removed = cli.command({"destination", "remove", "Cloud PACS"});
        QCOMPARE(removed.exitCode, 0);
        QFile secrets(home + "/lightbox/credentials");
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        const QByteArray left = secrets.readAll();
        QVERIFY(!left.contains(password.toUtf8()));
        QVERIFY(left.contains("nope")); // the other destination keeps its own
    }

    void commandLine_syncShorthand_forDicomNodes()
    {
        LightboxProcess cli;
        const ToolResult added
            = cli.command({"destination", "add", "Archive", QString("ORTHANC@127.0.0.1:%1").arg(m_orthanc.dicomPort()),
                           "--sync", "--modalities", "CT"});
        QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
        const QJsonObject d
            = QJsonDocument::fromJson(cli.command({"destination", "list"}).out).array().first().toObject();
        QCOMPARE(d["roles"].toString(), QString("send,sync"));
        QCOMPARE(d["syncModalities"].toArray().toVariantList(), QVariantList({"CT"}));
    }
};

QTEST_GUILESS_MAIN(TstDicomWeb)
#include "tst_dicomweb.moc"
