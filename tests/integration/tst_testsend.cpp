// lightbox-testsend, the modality simulator, against a real `lightbox --headless`, dcmtk's storescp, dcmdump and
// pydicom: what arrives (patients, modalities, series and instance counts), what the files contain (tags, pixel
// values of the phantoms), and how failures are reported.
#include "core/net/StoreScu.h"
#include "tests/support/TestSupport.h"

#include <QDate>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox::test;

namespace {

QString testsendBin()
{
    return qEnvironmentVariable("LIGHTBOX_TESTSEND_BIN");
}

ToolResult testsend(const QStringList &args)
{
    return run(testsendBin(), args, 180000);
}

QJsonArray studies(const LightboxProcess &lightbox)
{
    const ToolResult r = lightbox.command({"studies"});
    return QJsonDocument::fromJson(r.out).array();
}

QJsonObject studyOf(const QJsonArray &list, const QString &patientName)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value("patientName").toString() == patientName)
            return v.toObject();
    return {};
}

QStringList dicomFiles(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

// Reads every file of one study with pydicom and checks what a viewer relies on; prints "OK" or raises.
const char *const kPydicomCheck = R"PY(
import sys, re, glob, pydicom, numpy as np
folder, kind, size, slices = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
files = sorted(glob.glob(folder + '/**/*.dcm', recursive=True))
ds = [pydicom.dcmread(f) for f in files]
uid = re.compile(r'^[0-9]+(\.[0-9]+)*$')
assert len({d.StudyInstanceUID for d in ds}) == 1, 'one study'
assert len({d.SOPInstanceUID for d in ds}) == len(ds), 'unique SOP Instance UIDs'
for d in ds:
    for u in (d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPInstanceUID, d.SOPClassUID):
        assert uid.match(u) and len(u) <= 64, 'bad UID ' + u
    assert d.file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.1'
    assert d.SpecificCharacterSet in ('ISO_IR 100', 'ISO_IR 192')
    for tag in ('PatientID', 'PatientBirthDate', 'PatientSex', 'AccessionNumber', 'StudyDescription',
                'ReferringPhysicianName', 'InstitutionName', 'StudyDate', 'StudyTime'):
        assert str(d.get(tag, '')).strip(), 'missing ' + tag
    assert d.Rows == size and d.Columns == size
    assert d.pixel_array.shape[-2:] == (size, size)
def series(n):
    return sorted([d for d in ds if int(d.SeriesNumber) == n], key=lambda d: int(d.InstanceNumber))
if kind == 'john':
    assert str(ds[0].PatientName) == 'John^Doe'
    assert {d.Modality for d in ds} == {'CT'} and len(ds) == 1 + 2 * slices
    assert 'LOCALIZER' in series(1)[0].ImageType
    axial = series(2)
    assert len(axial) == slices and len(series(3)) == slices
    for d in axial:
        assert d.PixelRepresentation == 1 and d.BitsAllocated == 16
        assert float(d.RescaleIntercept) == -1024 and float(d.RescaleSlope) == 1
        assert float(d.KVP) > 0 and float(d.SliceThickness) > 0 and d.WindowCenter is not None
        assert [float(x) for x in d.ImageOrientationPatient] == [1, 0, 0, 0, 1, 0]
    z = [float(d.ImagePositionPatient[2]) for d in axial]
    steps = {round(a - b, 3) for a, b in zip(z, z[1:])}
    assert len(steps) == 1 and abs(steps.pop()) == float(axial[0].SliceThickness), 'z steps by the thickness'
    mid = axial[len(axial) // 2]
    hu = mid.pixel_array.astype(float) * float(mid.RescaleSlope) + float(mid.RescaleIntercept)
    assert hu[int(0.49 * size), int(0.345 * size)] < -500, 'right lung is air'
    assert hu[int(0.685 * size), size // 2] > 100, 'vertebra is bone'
    assert hu[int(0.635 * size), int(0.54 * size)] > 150, 'aorta has contrast'
elif kind == 'jane':
    assert str(ds[0].PatientName) == 'Jane^Smith'
    assert {d.Modality for d in ds} == {'MR'} and len(ds) == 3 * slices
    names = ' '.join(series(n)[0].SeriesDescription for n in (1, 2, 3)).upper()
    assert 'T1' in names and 'T2' in names and 'FLAIR' in names
    def csf_vs_white(n):
        d = series(n)[len(series(n)) // 2]
        a = d.pixel_array.astype(float)
        return a[int(0.48 * size), int(0.545 * size)], a[int(0.7 * size), size // 2]
    csf, white = csf_vs_white(1)
    assert csf < white, 'T1: ventricles darker than white matter'
    csf, white = csf_vs_white(2)
    assert csf > white, 'T2: ventricles brighter than white matter'
    assert float(series(1)[0].RepetitionTime) < float(series(2)[0].RepetitionTime)
elif kind == 'bob':
    assert str(ds[0].PatientName) == 'Bob^Wilson' and len(ds) == 1
    d = ds[0]
    assert d.Modality == 'CR' and d.ViewPosition == 'PA' and d.BodyPartExamined == 'CHEST'
    assert d.PhotometricInterpretation in ('MONOCHROME1', 'MONOCHROME2')
    a = d.pixel_array.astype(float)
    assert a[int(0.48 * size), size // 2] > a[int(0.48 * size), int(0.33 * size)] + 500, 'spine brighter than lung'
elif kind == 'xa':
    assert {d.Modality for d in ds} == {'XA'} and len(ds) == 2
    for d in ds:
        assert int(d.NumberOfFrames) == slices and d.pixel_array.shape == (slices, size, size)
        assert d.FrameIncrementPointer == 0x00181063 and float(d.FrameTime) > 0
        frames = d.pixel_array.astype(int)
        darker = int(((frames[0] - frames[len(frames) // 2]) > 40).sum())
        assert darker >= 20, 'vessels fill with contrast: %d pixels' % darker
print('OK', len(ds))
)PY";

} // namespace

class TestTestsend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help_namesTheOptionsAndEnvironment();
    void allStudies_arriveWithTheirModalitiesAndCounts();
    void count_sendsThatManyStudiesWithFreshUids();
    void wrongPort_failsWithConnectionRefused();
    void calledAe_isHonoured();
    void environment_givesHostAndPort();
    void thirdPartyReceiver_storesEverything();
    void outDir_writesValidFiles_data();
    void outDir_writesValidFiles();
    void storeScu_sendsFilesAsTheyAreOrDecompressed();
};

void TestTestsend::initTestCase()
{
    QVERIFY2(QFileInfo(testsendBin()).isExecutable(), qPrintable("not executable: " + testsendBin()));
}

void TestTestsend::help_namesTheOptionsAndEnvironment()
{
    const ToolResult r = testsend({"--help"});
    QCOMPARE(r.exitCode, 0);
    for (const char *word : {"--host", "--port", "--aec", "--aet", "--count", "--size", "--study", "--out",
                             "ORTHANC_HOST", "ORTHANC_PORT"})
        QVERIFY2(r.all().contains(QLatin1String(word)), word);
    const ToolResult bad = testsend({"--study", "nobody"});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.all().contains("unknown study"), qPrintable(bad.all()));
}

void TestTestsend::allStudies_arriveWithTheirModalitiesAndCounts()
{
    LightboxProcess lightbox;
    QVERIFY(lightbox.start());
    const QString dayBefore = QDate::currentDate().toString("yyyyMMdd");
    const ToolResult r
        = testsend({"--port", QString::number(lightbox.port()), "--aec", "LIGHTBOX", "--study", "all", "--size", "64"});
    const QString dayAfter = QDate::currentDate().toString("yyyyMMdd");
    QVERIFY2(r.exitCode == 0, qPrintable(r.all() + lightbox.log()));
    // Defaults: CT 1 + 2 x 40, MR 3 x 20, CR 1, XA 2 runs.
    QVERIFY2(r.all().contains("144 instances sent, 0 failed"), qPrintable(r.all()));
    QVERIFY2(r.all().contains("instances/s"), qPrintable(r.all()));
    QCOMPARE(r.all().count("Study "), 4);

    const QJsonArray list = studies(lightbox);
    QCOMPARE(list.size(), 4);
    struct Expected
    {
        const char *name, *modality;
        int series, instances;
    };
    const Expected expected[] = {{"John^Doe", "CT", 3, 81},
                                 {"Jane^Smith", "MR", 3, 60},
                                 {"Bob^Wilson", "CR", 1, 1},
                                 {"Maria^Garcia", "XA", 2, 2}};
    for (const Expected &e : expected) {
        const QJsonObject s = studyOf(list, e.name);
        QVERIFY2(!s.isEmpty(), e.name);
        QCOMPARE(s.value("modalities").toString(), QString(e.modality));
        QCOMPARE(s.value("series").toInt(), e.series);
        QCOMPARE(s.value("instances").toInt(), e.instances);
        QVERIFY(s.value("patientId").toString().startsWith("LB-"));
        QVERIFY(!s.value("accessionNumber").toString().isEmpty());
        QVERIFY(!s.value("studyDescription").toString().isEmpty());
        QVERIFY(!s.value("referringPhysicianName").toString().isEmpty());
        QVERIFY(!s.value("patientBirthDate").toString().isEmpty());
        QVERIFY(QStringList({"M", "F"}).contains(s.value("patientSex").toString()));
        const QString date = s.value("studyDate").toString();
        QVERIFY2(date == dayBefore || date == dayAfter, qPrintable(date));
    }
}

void TestTestsend::count_sendsThatManyStudiesWithFreshUids()
{
    LightboxProcess lightbox;
    QVERIFY(lightbox.start());
    const QString port = QString::number(lightbox.port());
    const ToolResult r = testsend({"--port", port, "--study", "all", "--count", "5", "--size", "32", "--slices", "2"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    // CT 1 + 2 + 2, MR 6, CR 1, XA 2, then CT again for a fifth patient.
    QVERIFY2(r.all().contains("5 studies, 19 instances sent, 0 failed"), qPrintable(r.all()));
    QJsonArray list = studies(lightbox);
    QCOMPARE(list.size(), 5);
    QSet<QString> uids, names, ids;
    int ct = 0;
    for (const QJsonValue &v : list) {
        uids.insert(v.toObject().value("studyInstanceUid").toString());
        names.insert(v.toObject().value("patientName").toString());
        ids.insert(v.toObject().value("patientId").toString());
        ct += v.toObject().value("modalities").toString() == "CT" ? 1 : 0;
    }
    QCOMPARE(uids.size(), 5);
    QCOMPARE(names.size(), 5);
    QCOMPARE(ids.size(), 5);
    QCOMPARE(ct, 2);

    // The same template again: the same patient, a new study.
    const ToolResult again = testsend({"--port", port, "--study", "john", "--size", "16", "--slices", "1"});
    QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
    list = studies(lightbox);
    QCOMPARE(list.size(), 6);
    int johns = 0;
    for (const QJsonValue &v : list)
        johns += v.toObject().value("patientName").toString() == "John^Doe" ? 1 : 0;
    QCOMPARE(johns, 2);
}

void TestTestsend::wrongPort_failsWithConnectionRefused()
{
    const quint16 nobody = freePort();
    const ToolResult r = testsend({"--port", QString::number(nobody), "--study", "bob", "--size", "16"});
    QVERIFY2(r.exitCode != 0 && !r.crashed, qPrintable(r.all()));
    QVERIFY2(r.all().contains("connection refused"), qPrintable(r.all()));
    QVERIFY2(r.all().contains(QString::number(nobody)), qPrintable(r.all()));
}

void TestTestsend::calledAe_isHonoured()
{
    // LightboxProcess checks readiness with echoscu's default called AE, which a strict listener refuses, so this
    // one is started by hand and checked with -aec LIGHTBOX.
    QTemporaryDir home;
    const QString storage = home.path() + "/storage";
    const quint16 port = freePort();
    const QProcessEnvironment env = testEnvironment(home.path() + "/config");
    QProcess lightbox;
    lightbox.setProcessEnvironment(env);
    lightbox.setProcessChannelMode(QProcess::MergedChannels);
    lightbox.start(qEnvironmentVariable("LIGHTBOX_BIN"),
                   {"--headless", "--strict-called-ae", "--aet", "LIGHTBOX", "--port", QString::number(port),
                    "--storage", storage});
    QVERIFY(lightbox.waitForStarted(10000));
    bool ready = false;
    for (int i = 0; i < 200 && !ready && lightbox.state() == QProcess::Running; ++i) {
        ready = run("echoscu", {"-aec", "LIGHTBOX", "127.0.0.1", QString::number(port)}, 5000).exitCode == 0;
        if (!ready)
            QTest::qWait(50);
    }
    QVERIFY2(ready, lightbox.readAll().constData());
    auto studyCount = [&]() {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("LIGHTBOX_BIN"), {"studies", "--storage", storage});
        p.waitForFinished(60000);
        return QJsonDocument::fromJson(p.readAllStandardOutput()).array().size();
    };

    const QString portText = QString::number(port);
    const ToolResult wrong = testsend({"--port", portText, "--aec", "SOMEONE-ELSE", "--study", "bob", "--size", "16"});
    QVERIFY2(wrong.exitCode != 0, qPrintable(wrong.all()));
    QVERIFY2(wrong.all().contains("called AE title \"SOMEONE-ELSE\""), qPrintable(wrong.all()));
    QCOMPARE(studyCount(), 0);

    const ToolResult right
        = testsend({"--port", portText, "--aec", "LIGHTBOX", "--aet", "MODALITY-7", "--study", "bob", "--size", "16"});
    QVERIFY2(right.exitCode == 0, qPrintable(right.all()));
    QCOMPARE(studyCount(), 1);

    lightbox.terminate();
    QVERIFY(lightbox.waitForFinished(30000));
    const QString log = QString::fromUtf8(lightbox.readAll());
    QVERIFY2(log.contains("from MODALITY-7"), qPrintable(log)); // --aet is the calling AE title
}

void TestTestsend::environment_givesHostAndPort()
{
    LightboxProcess lightbox;
    QVERIFY(lightbox.start());
    QProcess p;
    QProcessEnvironment env = testEnvironment();
    env.insert("ORTHANC_HOST", "127.0.0.1");
    env.insert("ORTHANC_PORT", QString::number(lightbox.port()));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(testsendBin(), {"--study", "bob", "--size", "16"});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAll());
    QVERIFY2(p.exitCode() == 0, qPrintable(out));
    QVERIFY2(out.contains(QString::number(lightbox.port())), qPrintable(out));
    QCOMPARE(studies(lightbox).size(), 1);
}

void TestTestsend::thirdPartyReceiver_storesEverything()
{
    ReferenceStoreScp storescp;
    QVERIFY(storescp.start());
    const ToolResult r
        = testsend({"--port", QString::number(storescp.port()), "--study", "all", "--size", "32", "--slices", "3"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QStringList received = QDir(storescp.outputDir()).entryList(QDir::Files);
    auto count = [&received](const char *prefix) {
        return static_cast<int>(std::count_if(received.begin(), received.end(),
                                              [prefix](const QString &f) { return f.startsWith(prefix); }));
    };
    QCOMPARE(count("CT."), 7);
    QCOMPARE(count("MR."), 9);
    QCOMPARE(count("CR."), 1);
    QCOMPARE(count("XA."), 2);
}

void TestTestsend::outDir_writesValidFiles_data()
{
    QTest::addColumn<QString>("study");
    QTest::addColumn<int>("files");
    QTest::addColumn<QString>("patient");
    QTest::newRow("CT chest") << "john" << 7 << "John^Doe";
    QTest::newRow("MR brain") << "jane" << 9 << "Jane^Smith";
    QTest::newRow("CR chest") << "bob" << 1 << "Bob^Wilson";
    QTest::newRow("XA cine") << "xa" << 2 << "Maria^Garcia";
}

void TestTestsend::outDir_writesValidFiles()
{
    QFETCH(QString, study);
    QFETCH(int, files);
    QFETCH(QString, patient);
    QTemporaryDir out;
    // Nothing listens on the port: with --out alone nothing is sent.
    const ToolResult r = testsend({"--out", out.path(), "--port", QString::number(freePort()), "--study", study,
                                   "--size", "64", "--slices", "3"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QStringList written = dicomFiles(out.path());
    QCOMPARE(written.size(), files);

    for (const QString &file : written) {
        const ToolResult dump = run("dcmdump", {"-q", "+P", "PatientName", file});
        QVERIFY2(dump.exitCode == 0 && dump.err.isEmpty(), qPrintable(file + ": " + dump.all()));
        QVERIFY2(dump.all().contains(patient), qPrintable(dump.all()));
    }
    const ToolResult check = run(python(), {"-c", kPydicomCheck, out.path(), study, "64", "3"});
    QVERIFY2(check.exitCode == 0 && check.out.startsWith("OK"), qPrintable(check.all()));
}

void TestTestsend::storeScu_sendsFilesAsTheyAreOrDecompressed()
{
    using lightbox::DicomNode;
    using lightbox::StoreContext;
    using lightbox::StoreResult;
    using lightbox::StoreScu;
    const QString explicitLe = "1.2.840.10008.1.2.1";
    const QString implicitLe = "1.2.840.10008.1.2";
    const QString jpegBaseline = "1.2.840.10008.1.2.4.50";
    const QString ct = pydicomTestFiles() + "/CT_small.dcm";
    const QString jpeg = pydicomTestFiles() + "/SC_rgb_jpeg_dcmtk.dcm";
    QList<StoreContext> contexts;
    for (const QString &file : {ct, jpeg}) {
        QString why;
        const auto context = StoreScu::contextOf(file, &why);
        QVERIFY2(context, qPrintable(why));
        contexts.append(*context);
    }
    QCOMPARE(contexts.at(0).sopClassUid, QString("1.2.840.10008.5.1.4.1.1.2"));
    QCOMPARE(contexts.at(1).transferSyntaxUid, jpegBaseline);

    // A receiver that takes every transfer syntax gets the JPEG file as it is.
    ReferenceStoreScp all;
    QVERIFY(all.start());
    StoreScu scu;
    QString why;
    QVERIFY2(scu.connect({"ANY-SCP", "127.0.0.1", all.port()}, "STORESCU", contexts, &why), qPrintable(why));
    StoreResult r = scu.send(jpeg);
    QVERIFY2(r.success(), qPrintable(r.error));
    QCOMPARE(r.transferSyntaxUid, jpegBaseline);
    QVERIFY(r.bytes > 0);
    r = scu.send(ct);
    QVERIFY2(r.success(), qPrintable(r.error));
    QVERIFY(scu.release());
    QCOMPARE(QDir(all.outputDir()).entryList(QDir::Files).size(), 2);

    // A receiver that takes only uncompressed data gets it decompressed on the fly.
    QTemporaryDir received;
    const quint16 port = freePort();
    QProcess plain;
    plain.setProcessEnvironment(testEnvironment());
    plain.start("storescp", {"-od", received.path(), QString::number(port)});
    QVERIFY(plain.waitForStarted(10000));
    bool ready = false;
    for (int i = 0; i < 200 && !ready; ++i) {
        ready = run("echoscu", {"127.0.0.1", QString::number(port)}, 5000).exitCode == 0;
        if (!ready)
            QTest::qWait(25);
    }
    QVERIFY(ready);
    QVERIFY2(scu.connect({"ANY-SCP", "127.0.0.1", port}, "STORESCU", contexts, &why), qPrintable(why));
    r = scu.send(jpeg);
    QVERIFY2(r.success(), qPrintable(r.error));
    QVERIFY2(r.transferSyntaxUid == explicitLe || r.transferSyntaxUid == implicitLe, qPrintable(r.transferSyntaxUid));
    // Not proposed: plain words, no crash, the association stays usable.
    r = scu.send(pydicomTestFiles() + "/MR_small.dcm");
    QVERIFY(!r.success() && !r.responded);
    QVERIFY2(r.error.contains("MR Image Storage"), qPrintable(r.error));
    QVERIFY(scu.isConnected());
    r = scu.send(sourceDir() + "/README.md");
    QVERIFY2(!r.success() && r.error.contains("not a readable DICOM file"), qPrintable(r.error));
    QVERIFY(scu.release());
    plain.terminate();
    plain.waitForFinished(10000);
    const QStringList files = QDir(received.path()).entryList(QDir::Files);
    QCOMPARE(files.size(), 1);
    const ToolResult dump = run("dcmdump", {"-q", "+P", "TransferSyntaxUID", received.path() + "/" + files.first()});
    QVERIFY2(dump.all().contains("LittleEndian"), qPrintable(dump.all()));

    // Nobody listening: plain words.
    QVERIFY(!scu.connect({"ANY-SCP", "127.0.0.1", freePort()}, "STORESCU", contexts, &why));
    QVERIFY2(why.contains("connection refused"), qPrintable(why));
    QVERIFY(!scu.isConnected());
}

QTEST_GUILESS_MAIN(TestTestsend)
#include "tst_testsend.moc"
