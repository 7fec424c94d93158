// The outbound side against a real Orthanc: `lightbox send` (instances arrive unchanged; an Orthanc that accepts
// only uncompressed data gets decodable, pixel-identical conversions), `lightbox find` (study and series level,
// fields and filters) and `lightbox destination add|list|remove` with its validation.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox::test;

namespace {

QString testFile(const QString &name)
{
    return pydicomTestFiles() + "/" + name;
}

QString tool(const QString &name)
{
    return sourceDir() + "/tests/tools/" + name;
}

QString sopUidOf(const QString &file)
{
    return QString::fromUtf8(run(python(), {tool("same_dataset.py"), "--uid", file}).out).trimmed();
}

// Orthanc's copy of the instance, written to @p dir. Empty when Orthanc does not have it.
QString fetchFromOrthanc(const OrthancProcess &orthanc, const QString &sopUid, const QString &dir)
{
    const QString id = orthanc.instanceId(sopUid);
    if (id.isEmpty())
        return {};
    const QByteArray bytes = orthanc.get("/instances/" + id + "/file");
    const QString path = dir + "/" + id + ".dcm";
    QFile f(path);
    if (bytes.isEmpty() || !f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return path;
}

QJsonDocument json(const ToolResult &r)
{
    return QJsonDocument::fromJson(r.out);
}

ToolResult runLightbox(const QStringList &args)
{
    return run(qEnvironmentVariable("LIGHTBOX_BIN"), args, 120000);
}

} // namespace

class TestSendFind : public QObject
{
    Q_OBJECT

private:
    OrthancProcess m_queryOrthanc;
    QTemporaryDir m_studies;
    QMap<QString, QString> m_studyUid; ///< make_studies key -> Study Instance UID.

    QString queryTarget() const { return QString("ORTHANC@127.0.0.1:%1").arg(m_queryOrthanc.dicomPort()); }

    QJsonArray find(const QStringList &filters)
    {
        const ToolResult r = runLightbox(QStringList {"find", queryTarget()} + filters);
        if (r.exitCode != 0)
            qWarning() << r.all();
        return json(r).array();
    }

    static QStringList studyUids(const QJsonArray &list)
    {
        QStringList uids;
        for (const QJsonValue &v : list)
            uids << v.toObject()["studyInstanceUid"].toString();
        uids.sort();
        return uids;
    }

    QStringList uidsOf(const QStringList &keys) const
    {
        QStringList uids;
        for (const QString &k : keys)
            uids << m_studyUid.value(k);
        uids.sort();
        return uids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Four studies in Orthanc for the queries.
        const QString spec = m_studies.path() + "/spec.json";
        QFile f(spec);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"([
 {"key": "a", "name": "Doe^John", "id": "PID1", "accession": "ACC1", "date": "20240105", "description": "CT chest",
  "series": [{"modality": "CT", "count": 2, "description": "Axial"}, {"modality": "MR", "count": 1}]},
 {"key": "b", "name": "Doe^Jane", "id": "PID2", "accession": "ACC2", "date": "20240220",
  "series": [{"modality": "MR", "count": 2}]},
 {"key": "c", "name": "Smith^Anna", "id": "PID3", "accession": "ACC3", "date": "20231231",
  "series": [{"modality": "CR", "count": 1}]},
 {"key": "d", "name": "Müller^Jörg", "id": "PID4", "accession": "ACC4", "date": "20240301",
  "series": [{"modality": "CT", "count": 1}]}
])");
        f.close();
        const ToolResult made = run(python(), {tool("make_studies.py"), spec, m_studies.path() + "/data"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        for (const QString &line : QString::fromUtf8(made.out).split('\n', Qt::SkipEmptyParts)) {
            const QStringList parts = line.split(' ');
            m_studyUid.insert(parts.value(0), parts.value(1));
        }
        QCOMPARE(m_studyUid.size(), 4);
        // Orthanc answers C-FIND only from known modalities unless told otherwise.
        QVERIFY(m_queryOrthanc.start("\"DicomAlwaysAllowFind\": true"));
        const ToolResult stored = run("storescu",
                                      {"-nh", "+sd", "+r", "-aec", "ORTHANC", "127.0.0.1",
                                       QString::number(m_queryOrthanc.dicomPort()), m_studies.path() + "/data"});
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.all()));
    }

    void find_allStudies_haveTheirFields()
    {
        const QJsonArray all = find({});
        QCOMPARE(studyUids(all), uidsOf({"a", "b", "c", "d"}));
        QJsonObject a;
        QJsonObject d;
        for (const QJsonValue &v : all) {
            if (v.toObject()["studyInstanceUid"] == m_studyUid["a"])
                a = v.toObject();
            if (v.toObject()["studyInstanceUid"] == m_studyUid["d"])
                d = v.toObject();
        }
        QCOMPARE(a["patientName"].toString(), QString("Doe^John"));
        QCOMPARE(a["patientId"].toString(), QString("PID1"));
        QCOMPARE(a["studyDate"].toString(), QString("20240105"));
        QCOMPARE(a["accessionNumber"].toString(), QString("ACC1"));
        QCOMPARE(a["studyDescription"].toString(), QString("CT chest"));
        QStringList modalities;
        for (const QJsonValue &m : a["modalities"].toArray())
            modalities << m.toString();
        modalities.sort();
        QCOMPARE(modalities, QStringList({"CT", "MR"}));
        QCOMPARE(a["series"].toInt(), 2);
        QCOMPARE(a["instances"].toInt(), 3);
        // Orthanc answers in its own character set (Latin-1): decoded, not mojibake.
        QCOMPARE(d["patientName"].toString(), QString("Müller^Jörg"));
    }

    void find_filters_narrow_data()
    {
        QTest::addColumn<QStringList>("filters");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("wildcard name") << QStringList {"--name", "Doe*"} << QStringList {"a", "b"};
        QTest::newRow("name with ?") << QStringList {"--name", "Doe^Ja?e"} << QStringList {"b"};
        QTest::newRow("patient id") << QStringList {"--id", "PID3"} << QStringList {"c"};
        QTest::newRow("accession") << QStringList {"--accession", "ACC4"} << QStringList {"d"};
        QTest::newRow("date range") << QStringList {"--from", "20240101", "--to", "2024-02-28"}
                                    << QStringList {"a", "b"};
        QTest::newRow("open range") << QStringList {"--from", "20240221"} << QStringList {"d"};
        QTest::newRow("one date") << QStringList {"--date", "20231231"} << QStringList {"c"};
        QTest::newRow("modality in study") << QStringList {"--modality", "MR"} << QStringList {"a", "b"};
        QTest::newRow("name and modality") << QStringList {"--name", "Doe*", "--modality", "CT"} << QStringList {"a"};
        QTest::newRow("nothing matches") << QStringList {"--name", "Nobody*"} << QStringList {};
    }

    void find_filters_narrow()
    {
        QFETCH(QStringList, filters);
        QFETCH(QStringList, keys);
        QCOMPARE(studyUids(find(filters)), uidsOf(keys));
    }

    void find_seriesLevel_listsTheSeriesOfAStudy()
    {
        const QJsonArray series = find({"--study", m_studyUid["a"]});
        QCOMPARE(series.size(), 2);
        QMap<QString, int> countByModality;
        for (const QJsonValue &v : series) {
            QVERIFY(!v.toObject()["seriesInstanceUid"].toString().isEmpty());
            countByModality[v.toObject()["modality"].toString()] = v.toObject()["instances"].toInt();
        }
        QCOMPARE(countByModality.value("CT"), 2);
        QCOMPARE(countByModality.value("MR"), 1);
    }

    void find_unknownAe_saysWhy()
    {
        OrthancProcess strict;
        QVERIFY(strict.start("\"DicomCheckCalledAet\": true"));
        const ToolResult r = runLightbox({"find", QString("NOTORTHANC@127.0.0.1:%1").arg(strict.dicomPort())});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains("called AE title \"NOTORTHANC\""), qPrintable(r.all()));
    }

    void find_notAllowedForOurAe_namesOurCallingAe()
    {
        // Orthanc's default: C-FIND only from registered modalities; it aborts instead of answering.
        OrthancProcess closed;
        QVERIFY(closed.start());
        const ToolResult r
            = runLightbox({"find", QString("ORTHANC@127.0.0.1:%1").arg(closed.dicomPort()), "--aet", "WS7"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains("calling AE title \"WS7\""), qPrintable(r.all()));
    }

    void send_files_arriveUnchanged()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        // One file per transfer syntax, each with its own SOP Instance UID (pydicom's MR_small_* share one).
        const QStringList names {"CT_small.dcm",          "MR_small_implicit.dcm", "SC_rgb_rle.dcm", "JPEG-lossy.dcm",
                                 "SC_rgb_jpeg_dcmtk.dcm", "JPEG2000.dcm",          "image_dfl.dcm",  "rtplan.dcm"};
        QStringList files;
        for (const QString &n : names)
            files << testFile(n);
        const ToolResult r
            = runLightbox(QStringList {"send", QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort())} + files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject summary = json(r).object();
        QCOMPARE(summary["sent"].toInt(), int(files.size()));
        QCOMPARE(summary["failed"].toInt(), 0);

        QTemporaryDir received;
        for (const QString &file : files) {
            const QString copy = fetchFromOrthanc(orthanc, sopUidOf(file), received.path());
            QVERIFY2(!copy.isEmpty(), qPrintable(file + " is not in Orthanc"));
            const ToolResult same = run(python(), {tool("same_dataset.py"), file, copy});
            QVERIFY2(same.exitCode == 0, qPrintable(file + ": " + same.all()));
        }
    }

    void send_storedStudy_byUid_arrivesComplete()
    {
        OrthancProcess orthanc;
        QVERIFY(orthanc.start());
        LightboxProcess workstation;
        QVERIFY(workstation.start());
        const QString folder = m_studies.path() + "/data/a";
        QVERIFY(run("storescu", {"-nh", "+sd", "+r", "127.0.0.1", QString::number(workstation.port()), folder}).exitCode
                == 0);
        QTRY_COMPARE_WITH_TIMEOUT(json(workstation.command({"stats"})).object()["instances"].toInt(), 3, 20000);

        const ToolResult r = workstation.command(
            {"send", QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()), "--study", m_studyUid["a"]});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(json(r).object()["sent"].toInt(), 3);
        QTemporaryDir received;
        QDirIterator it(folder, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        int compared = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            const QString copy = fetchFromOrthanc(orthanc, sopUidOf(file), received.path());
            QVERIFY2(!copy.isEmpty(), qPrintable(file + " is not in Orthanc"));
            const ToolResult same = run(python(), {tool("same_dataset.py"), file, copy});
            QVERIFY2(same.exitCode == 0, qPrintable(file + ": " + same.all()));
            ++compared;
        }
        QCOMPARE(compared, 3);

        const ToolResult unknown = workstation.command(
            {"send", QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()), "--study", "1.2.3.4.5"});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.all().contains("no study 1.2.3.4.5 is stored here"), qPrintable(unknown.all()));
    }

    void send_toUncompressedOnlyOrthanc_convertsWithIdenticalPixels_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("decompressor");
        QTest::newRow("JPEG lossy 12 bit") << "JPEG-lossy.dcm"
                                           << "dcmdjpeg";
        QTest::newRow("RLE") << "MR_small_RLE.dcm"
                             << "dcmdrle";
        QTest::newRow("JPEG-LS lossless") << "MR_small_jpeg_ls_lossless.dcm"
                                          << "dcmdjpls";
    }

    void send_toUncompressedOnlyOrthanc_convertsWithIdenticalPixels()
    {
        QFETCH(QString, file);
        QFETCH(QString, decompressor);
        OrthancProcess orthanc;
        QVERIFY(orthanc.start("\"AcceptedTransferSyntaxes\": [\"1.2.840.10008.1.2\", \"1.2.840.10008.1.2.1\"]"));
        const QString original = testFile(file);
        const ToolResult r = runLightbox({"send", QString("ORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort()), original});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QTemporaryDir dir;
        const QString copy = fetchFromOrthanc(orthanc, sopUidOf(original), dir.path());
        QVERIFY(!copy.isEmpty());
        const QString expected = dir.path() + "/expected.dcm";
        const ToolResult decompressed = run(decompressor, {original, expected});
        QVERIFY2(decompressed.exitCode == 0, qPrintable(decompressed.all()));
        // Received uncompressed (it was converted), with the pixels an independent decompression gives.
        const ToolResult same = run(python(), {tool("same_dataset.py"), "--pixels", expected, copy});
        QVERIFY2(same.exitCode == 0, qPrintable(same.all()));
        // Orthanc itself can decode and render what it received.
        const QString id = orthanc.instanceId(sopUidOf(original));
        QVERIFY(orthanc.get("/instances/" + id + "/frames/0/preview").startsWith("\x89PNG"));
    }

    void send_nothingListening_saysConnectionRefused()
    {
        const ToolResult r
            = runLightbox({"send", QString("NOBODY@127.0.0.1:%1").arg(freePort()), testFile("CT_small.dcm")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = json(r).object();
        QCOMPARE(o["failed"].toInt(), 1);
        QVERIFY2(o["error"].toString().startsWith("connection refused"), qPrintable(r.all()));
        QCOMPARE(o["failures"].toArray().size(), 1);
    }

    void destination_addListRemove_roundTrip()
    {
        LightboxProcess settingsHome; // not started: its command() runs with its own settings file
        ToolResult r = settingsHome.command({"destination", "add", "PACS",
                                             QString("ORTHANC@127.0.0.1:%1").arg(m_queryOrthanc.dicomPort()), "--roles",
                                             "send,query", "--retrieve", "get"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = settingsHome.command({"destination", "add", "Archive", "ARCH@localhost:104"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));

        r = settingsHome.command({"destination", "list"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = json(r).array();
        QCOMPARE(list.size(), 2);
        const QJsonObject pacs = list[0].toObject();
        QCOMPARE(pacs["name"].toString(), QString("PACS"));
        QCOMPARE(pacs["aeTitle"].toString(), QString("ORTHANC"));
        QCOMPARE(pacs["host"].toString(), QString("127.0.0.1"));
        QCOMPARE(pacs["port"].toInt(), int(m_queryOrthanc.dicomPort()));
        QCOMPARE(pacs["roles"].toString(), QString("send,query"));
        QCOMPARE(pacs["retrieve"].toString(), QString("get"));
        QCOMPARE(list[1].toObject()["roles"].toString(), QString("send"));
        QCOMPARE(list[1].toObject()["retrieve"].toString(), QString("move"));

        // The name works wherever a remote is expected.
        r = settingsHome.command({"echo", "pacs"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(json(r).object()["ok"].toBool());
        r = settingsHome.command({"find", "PACS", "--id", "PID2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(json(r).array().size(), 1);

        r = settingsHome.command({"destination", "remove", "PACS"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = settingsHome.command({"destination", "list"});
        QCOMPARE(json(r).array().size(), 1);
        QCOMPARE(json(r).array()[0].toObject()["name"].toString(), QString("Archive"));
        r = settingsHome.command({"destination", "remove", "PACS"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains("no destination called \"PACS\""), qPrintable(r.all()));
        r = settingsHome.command({"echo", "PACS"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains("no destination called \"PACS\""), qPrintable(r.all()));
    }

    void destination_invalid_isRefusedWithTheReason_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("17-character AE title")
            << QStringList {"add", "Long", "ABCDEFGHIJKLMNOPQ@127.0.0.1:104"} << "longer than 16 characters";
        QTest::newRow("port 70000") << QStringList {"add", "Big", "PACS@127.0.0.1:70000"} << "Port";
        QTest::newRow("duplicate name") << QStringList {"add", "archive", "OTHER@127.0.0.1:105"}
                                        << "already a destination called \"Archive\"";
        QTest::newRow("unknown role") << QStringList {"add", "R", "PACS@127.0.0.1:104", "--roles", "print"}
                                      << "unknown role \"print\"";
        QTest::newRow("bad retrieve") << QStringList {"add", "M", "PACS@127.0.0.1:104", "--retrieve", "push"}
                                      << "use move or get";
        QTest::newRow("unresolvable host")
            << QStringList {"add", "H", "PACS@no-such-host.invalid:104"} << "cannot be resolved";
        QTest::newRow("DICOMweb URL without http") << QStringList {"add", "W", "--dicomweb", "pacs/dicom-web"}
                                                   << "URL: a DICOMweb server's address starts with http://";
        QTest::newRow("DICOMweb unknown authentication")
            << QStringList {"add", "W", "--dicomweb", "http://127.0.0.1:1/dicom-web", "--auth", "kerberos"}
            << "--auth: use basic, bearer or none";
        QTest::newRow("DICOMweb password not on standard input")
            << QStringList {"add", "W", "--dicomweb", "http://127.0.0.1:1/dicom-web", "--user", "u"}
            << "needs the password on the first line of standard input";
        QTest::newRow("DICOMweb with an address too")
            << QStringList {"add", "W", "A@127.0.0.1:104", "--dicomweb", "http://127.0.0.1:1/dicom-web"}
            << "usage: lightbox destination add NAME";
    }

    void destination_invalid_isRefusedWithTheReason()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        LightboxProcess settingsHome;
        QCOMPARE(settingsHome.command({"destination", "add", "Archive", "ARCH@127.0.0.1:104"}).exitCode, 0);
        const ToolResult r = settingsHome.command(QStringList {"destination"} + args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.all().contains(reason), qPrintable(r.all()));
        // Nothing was saved.
        QCOMPARE(json(settingsHome.command({"destination", "list"})).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSendFind)
#include "tst_sendfind.moc"
