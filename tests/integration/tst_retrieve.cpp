// Retrieving from a real Orthanc into a running or stopped Lightbox: `lightbox retrieve` by C-MOVE (to the
// running listener) and by C-GET (ingested directly, or forwarded to the running Lightbox), 500 instances each,
// counted in the index and on disk; the failures a technician meets say what to do.
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox::test;

namespace {

constexpr int kInstances = 500;

QJsonObject jsonOf(const ToolResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestRetrieve : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    OrthancProcess m_orthanc;
    QString m_studyUid;

    QString orthancNode() const { return QString("ORTHANC@127.0.0.1:%1").arg(m_orthanc.dicomPort()); }

    static void verifyStored(const LightboxProcess &lightbox, int instances)
    {
        const QJsonObject stats = jsonOf(lightbox.command({"stats"}));
        QCOMPARE(stats["instances"].toInt(), instances);
        QCOMPARE(stats["studies"].toInt(), 1);
        QCOMPARE(countFiles(lightbox.storage() + "/files"), instances);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const ToolResult made = run(python(),
                                    {sourceDir() + "/tests/tools/make_series.py", QString::number(kInstances), "64",
                                     "1", m_data.path() + "/ct", "--seed", "11"},
                                    300000);
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        QDirIterator it(m_data.path() + "/ct", {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const ToolResult uid = run(python(),
                                   {"-c",
                                    "import sys, pydicom; print(pydicom.dcmread(sys.argv[1], "
                                    "stop_before_pixels=True).StudyInstanceUID)",
                                    it.next()});
        m_studyUid = QString::fromUtf8(uid.out).trimmed();
        QVERIFY(!m_studyUid.isEmpty());
        QVERIFY(m_orthanc.start("\"DicomAlwaysAllowGet\": true, \"DicomAlwaysAllowMove\": true"));
        const ToolResult stored = run("storescu",
                                      {"-nh", "+sd", "+r", "-aec", "ORTHANC", "127.0.0.1",
                                       QString::number(m_orthanc.dicomPort()), m_data.path() + "/ct"},
                                      300000);
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.all()));
        QCOMPARE(QJsonDocument::fromJson(m_orthanc.get("/statistics")).object()["CountInstances"].toInt(), kInstances);
    }

    void move_study_arrivesInTheRunningLightbox()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        QVERIFY(m_orthanc.addModality("lightbox", "LIGHTBOX", lightbox.port()));
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", m_studyUid, "--method", "move",
                                               "--port", QString::number(lightbox.port())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject o = jsonOf(r);
        QCOMPARE(o["completed"].toInt(), kInstances);
        QCOMPARE(o["failed"].toInt(), 0);
        verifyStored(lightbox, kInstances);
    }

    void move_toAnAeOrthancDoesNotKnow_saysSo()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", m_studyUid, "--method", "move",
                                               "--port", QString::number(lightbox.port()), "--aet", "NOBODY"});
        QCOMPARE(r.exitCode, 1);
        const QString error = jsonOf(r)["error"].toString();
        QVERIFY2(error.contains("\"NOBODY\""), qPrintable(r.all()));
        QVERIFY2(error.contains("register"), qPrintable(r.all()));
        QCOMPARE(jsonOf(lightbox.command({"stats"}))["instances"].toInt(), 0);
    }

    void move_withoutOurListener_saysStartLightbox()
    {
        LightboxProcess lightbox; // not started
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", m_studyUid, "--method", "move",
                                               "--port", QString::number(freePort())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("nothing listens on our DICOM port"), qPrintable(r.all()));
    }

    void get_withLightboxStopped_ingestsDirectly()
    {
        LightboxProcess lightbox; // not started: the command takes the storage itself
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", m_studyUid, "--method", "get"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject o = jsonOf(r);
        QCOMPARE(o["storedBy"].toString(), QString("this process"));
        QCOMPARE(o["completed"].toInt(), kInstances);
        verifyStored(lightbox, kInstances);
        // Nothing is left behind in the incoming folder.
        QCOMPARE(countFiles(lightbox.storage() + "/incoming"), 0);
    }

    void get_withLightboxRunning_forwardsToIt()
    {
        LightboxProcess lightbox;
        QVERIFY(lightbox.start());
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", m_studyUid, "--method", "get",
                                               "--port", QString::number(lightbox.port())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject o = jsonOf(r);
        QCOMPARE(o["storedBy"].toString(), QString("the running Lightbox"));
        QCOMPARE(o["completed"].toInt(), kInstances);
        QCOMPARE(o["forwarded"].toInt(), kInstances);
        verifyStored(lightbox, kInstances);
    }

    void get_unknownStudy_completesNothing()
    {
        LightboxProcess lightbox;
        const ToolResult r = lightbox.command({"retrieve", orthancNode(), "--study", "1.2.3.4.5.6", "--method", "get"});
        const QJsonObject o = jsonOf(r);
        QCOMPARE(o["completed"].toInt(), 0);
        QCOMPARE(jsonOf(lightbox.command({"stats"}))["instances"].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRetrieve)
#include "tst_retrieve.moc"
