// Lightbox serving others: dcmtk's findscu, movescu and getscu and a real Orthanc query and retrieve from a
// headless Lightbox fed with make_studies.py data. Answers are checked field by field, retrieved files byte by byte.
#include "core/common/Destination.h"
#include "tests/support/TestSupport.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

using Answer = QMap<QString, QString>; // keyword -> value ("(gggg,eeee)" for unknown tags)

// A C-FIND answer file findscu wrote (-X): every top-level attribute as text.
Answer readAnswer(const QString &path)
{
    DcmFileFormat file;
    Answer answer;
    if (file.loadFile(OFFilename(QFile::encodeName(path).constData())).bad())
        return answer;
    DcmDataset *ds = file.getDataset();
    for (unsigned long i = 0; i < ds->card(); ++i) {
        DcmElement *e = ds->getElement(i);
        OFString value;
        e->getOFStringArray(value);
        DcmTag tag = e->getTag();
        const QString name = QString::fromLatin1(tag.getTagName());
        answer.insert(name, QString::fromUtf8(value.c_str()).trimmed());
    }
    return answer;
}

struct FindResult
{
    ToolResult tool;
    QList<Answer> answers;
};

// findscu MODEL(-S/-P) with "-k KEY" pairs; answers are read from the files it extracts.
FindResult findscu(quint16 port, const QString &model, const QStringList &keys)
{
    QTemporaryDir out;
    QStringList args {"-v", model, "-aec", "LIGHTBOX", "-X", "-od", out.path()};
    for (const QString &k : keys)
        args << "-k" << k;
    args << "127.0.0.1" << QString::number(port);
    FindResult r;
    r.tool = run("findscu", args, 60000);
    QStringList files = QDir(out.path()).entryList({"rsp*.dcm"}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        r.answers << readAnswer(out.path() + "/" + f);
    return r;
}

QStringList valuesOf(const QList<Answer> &answers, const QString &keyword)
{
    QStringList values;
    for (const Answer &a : answers)
        values << a.value(keyword);
    values.sort();
    return values;
}

// The data set bytes of a Part 10 file: everything after the meta header (group 0002).
QByteArray datasetBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    if (all.size() < 144 || all.mid(128, 4) != "DICM")
        return {};
    // (0002,0000) UL group length: tag(4) VR(2) length(2) value(4) at offset 132.
    const auto *p = reinterpret_cast<const uchar *>(all.constData() + 140);
    const quint32 groupLength = p[0] | (p[1] << 8) | (p[2] << 16) | (quint32(p[3]) << 24);
    return all.mid(144 + int(groupLength));
}

QString sopInstanceUidOf(const QString &path)
{
    DcmFileFormat file;
    if (file.loadFile(OFFilename(QFile::encodeName(path).constData())).bad())
        return {};
    OFString uid;
    file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid);
    return QString::fromLatin1(uid.c_str());
}

QStringList dicomFilesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (!f.endsWith(".json"))
            files << f;
    }
    files.sort();
    return files;
}

} // namespace

class TestQueryRetrieve : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data;
    QMap<QString, QString> m_studyUid; // make_studies key -> Study Instance UID
    QMap<QString, QString> m_sourceBySop; // SOP Instance UID -> source file
    ReferenceStoreScp m_destination;
    OrthancProcess m_orthanc;
    LightboxProcess m_lightbox;

    QString studiesDir() const { return m_data.path() + "/studies"; }
    QString filesOf(const QString &key, const QString &series) const { return studiesDir() + "/" + key + "/" + series; }

private Q_SLOTS:
    void initTestCase()
    {
        const QString spec = m_data.path() + "/spec.json";
        QFile f(spec);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"([
 {"key": "a", "name": "Doe^John", "id": "PID1", "birth": "19700102", "sex": "M", "accession": "ACC1",
  "date": "20260110", "time": "101500", "description": "CT chest",
  "series": [{"modality": "CT", "count": 3, "description": "Axial"}, {"modality": "PT", "count": 2}]},
 {"key": "b", "name": "Doe^Jane", "id": "PID2", "birth": "19800304", "sex": "F", "accession": "ACC2",
  "date": "20260215", "time": "080000", "description": "MR head", "series": [{"modality": "MR", "count": 2}]},
 {"key": "c", "name": "Smith^Anna", "id": "PID3", "accession": "ACC3", "date": "20250601", "time": "120000",
  "series": [{"modality": "CT", "count": 1}]},
 {"key": "d", "name": "Müller^Jürgen", "id": "PID4", "accession": "ACC4", "date": "20260301", "time": "090000",
  "series": [{"modality": "CR", "count": 1}]}
])");
        f.close();
        const ToolResult made = run(python(), {sourceDir() + "/tests/tools/make_studies.py", spec, studiesDir()});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        for (const QString &line : QString::fromUtf8(made.out).split('\n', Qt::SkipEmptyParts))
            m_studyUid.insert(line.section(' ', 0, 0), line.section(' ', 1, 1));
        QCOMPARE(m_studyUid.size(), 4);
        for (const QString &file : dicomFilesUnder(studiesDir()))
            m_sourceBySop.insert(sopInstanceUidOf(file), file);
        QCOMPARE(m_sourceBySop.size(), 9);

        // Peers first: Lightbox's destinations name their ports, Orthanc's modalities name Lightbox's.
        QVERIFY(m_destination.start());
        const quint16 lightboxPort = freePort();
        m_lightbox.setPort(lightboxPort);
        QVERIFY(m_orthanc.start());
        QVERIFY(m_orthanc.addModality("lightbox", "LIGHTBOX", lightboxPort));
        {
            QSettings settings(m_lightbox.configHome() + "/lightbox/lightbox.ini", QSettings::IniFormat);
            Destination ref;
            ref.name = "Reference";
            ref.node = {"REFSCP", "127.0.0.1", m_destination.port()};
            Destination orthanc;
            orthanc.name = "Orthanc";
            orthanc.node = {"ORTHANC", "127.0.0.1", m_orthanc.dicomPort()};
            orthanc.roles = Destination::Send | Destination::QueryRetrieve;
            destinations::save(settings, {ref, orthanc});
        }
        QVERIFY2(m_lightbox.start(), qPrintable(m_lightbox.log()));
        const ToolResult sent
            = run("storescu",
                  {"-aec", "LIGHTBOX", "+sd", "+r", "127.0.0.1", QString::number(m_lightbox.port()), studiesDir()});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
        const ToolResult stats = m_lightbox.command({"stats"});
        QCOMPARE(QJsonDocument::fromJson(stats.out).object()["instances"].toInt(), 9);
    }

    void find_studyRoot_wildcardName_returnsOnlyMatchesWithRequestedKeys()
    {
        const FindResult r = findscu(m_lightbox.port(), "-S",
                                     {"QueryRetrieveLevel=STUDY", "PatientName=doe*", "StudyInstanceUID",
                                      "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
                                      "NumberOfStudyRelatedInstances", "StudyDate", "InstanceAvailability"});
        QVERIFY2(r.tool.exitCode == 0, qPrintable(r.tool.all()));
        QCOMPARE(r.answers.size(), 2);
        QStringList doeStudies {m_studyUid["a"], m_studyUid["b"]};
        doeStudies.sort();
        QCOMPARE(valuesOf(r.answers, "StudyInstanceUID"), doeStudies);
        for (const Answer &a : r.answers) {
            // Exactly the requested keys, plus level and Retrieve AE Title.
            QCOMPARE(QStringList(a.keys()),
                     (QStringList {"InstanceAvailability", "ModalitiesInStudy", "NumberOfStudyRelatedInstances",
                                   "NumberOfStudyRelatedSeries", "PatientName", "QueryRetrieveLevel", "RetrieveAETitle",
                                   "StudyDate", "StudyInstanceUID"}));
            QCOMPARE(a["InstanceAvailability"], QString("ONLINE"));
            QCOMPARE(a["QueryRetrieveLevel"], QString("STUDY"));
            QCOMPARE(a["RetrieveAETitle"], QString("LIGHTBOX"));
            if (a["StudyInstanceUID"] == m_studyUid["a"]) {
                QCOMPARE(a["PatientName"], QString("Doe^John"));
                QCOMPARE(a["ModalitiesInStudy"], QString("CT\\PT"));
                QCOMPARE(a["NumberOfStudyRelatedSeries"], QString("2"));
                QCOMPARE(a["NumberOfStudyRelatedInstances"], QString("5"));
                QCOMPARE(a["StudyDate"], QString("20260110"));
            } else {
                QCOMPARE(a["PatientName"], QString("Doe^Jane"));
                QCOMPARE(a["ModalitiesInStudy"], QString("MR"));
                QCOMPARE(a["NumberOfStudyRelatedInstances"], QString("2"));
            }
        }
    }

    void find_dateRanges_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("closed") << "20260101-20261231" << QStringList {"a", "b", "d"};
        QTest::newRow("open end") << "20260201-" << QStringList {"b", "d"};
        QTest::newRow("open start") << "-20251231" << QStringList {"c"};
        QTest::newRow("single date") << "20260215" << QStringList {"b"};
    }
    void find_dateRanges()
    {
        QFETCH(QString, range);
        QFETCH(QStringList, keys);
        const FindResult r
            = findscu(m_lightbox.port(), "-S", {"QueryRetrieveLevel=STUDY", "StudyDate=" + range, "StudyInstanceUID"});
        QVERIFY2(r.tool.exitCode == 0, qPrintable(r.tool.all()));
        QStringList expected;
        for (const QString &k : keys)
            expected << m_studyUid[k];
        expected.sort();
        QCOMPARE(valuesOf(r.answers, "StudyInstanceUID"), expected);
    }

    void find_uidList_andNonAsciiName()
    {
        const FindResult list = findscu(
            m_lightbox.port(), "-S",
            {"QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + m_studyUid["a"] + "\\" + m_studyUid["c"], "PatientID"});
        QCOMPARE(valuesOf(list.answers, "PatientID"), (QStringList {"PID1", "PID3"}));

        const FindResult name
            = findscu(m_lightbox.port(), "-S", {"QueryRetrieveLevel=STUDY", "PatientName=m?ller*", "AccessionNumber"});
        QCOMPARE(name.answers.size(), 1);
        QCOMPARE(name.answers[0]["PatientName"], QString("Müller^Jürgen"));
        QCOMPARE(name.answers[0]["SpecificCharacterSet"], QString("ISO_IR 192"));
        QCOMPARE(name.answers[0]["AccessionNumber"], QString("ACC4"));
    }

    void find_seriesLevel_byModality()
    {
        const FindResult r = findscu(m_lightbox.port(), "-S",
                                     {"QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + m_studyUid["a"], "Modality=PT",
                                      "SeriesInstanceUID", "SeriesNumber", "NumberOfSeriesRelatedInstances"});
        QVERIFY2(r.tool.exitCode == 0, qPrintable(r.tool.all()));
        QCOMPARE(r.answers.size(), 1);
        QCOMPARE(r.answers[0]["Modality"], QString("PT"));
        QCOMPARE(r.answers[0]["SeriesNumber"], QString("2"));
        QCOMPARE(r.answers[0]["NumberOfSeriesRelatedInstances"], QString("2"));
        const QString seriesUid = r.answers[0]["SeriesInstanceUID"];
        QCOMPARE(seriesUid.isEmpty(), false);

        // Every series of every CT study (modality matching across studies).
        const FindResult ct
            = findscu(m_lightbox.port(), "-S", {"QueryRetrieveLevel=SERIES", "Modality=CT", "StudyInstanceUID"});
        QStringList ctStudies {m_studyUid["a"], m_studyUid["c"]};
        ctStudies.sort();
        QCOMPARE(valuesOf(ct.answers, "StudyInstanceUID"), ctStudies);
    }

    void find_patientRoot_patientAndImageLevels()
    {
        const FindResult patients
            = findscu(m_lightbox.port(), "-P",
                      {"QueryRetrieveLevel=PATIENT", "PatientID=PID1", "PatientName", "PatientBirthDate",
                       "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedInstances"});
        QVERIFY2(patients.tool.exitCode == 0, qPrintable(patients.tool.all()));
        QCOMPARE(patients.answers.size(), 1);
        QCOMPARE(patients.answers[0]["PatientName"], QString("Doe^John"));
        QCOMPARE(patients.answers[0]["PatientBirthDate"], QString("19700102"));
        QCOMPARE(patients.answers[0]["NumberOfPatientRelatedStudies"], QString("1"));
        QCOMPARE(patients.answers[0]["NumberOfPatientRelatedInstances"], QString("5"));

        const FindResult all = findscu(m_lightbox.port(), "-P", {"QueryRetrieveLevel=PATIENT", "PatientID"});
        QCOMPARE(valuesOf(all.answers, "PatientID"), (QStringList {"PID1", "PID2", "PID3", "PID4"}));

        // Image level under study b in the patient root: its two instances, SOP UIDs as in the files.
        const FindResult images
            = findscu(m_lightbox.port(), "-P",
                      {"QueryRetrieveLevel=IMAGE", "PatientID=PID2", "StudyInstanceUID=" + m_studyUid["b"],
                       "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID", "InstanceNumber", "Rows"});
        QVERIFY2(images.tool.exitCode == 0, qPrintable(images.tool.all()));
        QCOMPARE(images.answers.size(), 2);
        QStringList expected;
        for (const QString &file : dicomFilesUnder(filesOf("b", "s00")))
            expected << sopInstanceUidOf(file);
        expected.sort();
        QCOMPARE(valuesOf(images.answers, "SOPInstanceUID"), expected);
        QCOMPARE(valuesOf(images.answers, "InstanceNumber"), (QStringList {"1", "2"}));
        QCOMPARE(images.answers[0]["SOPClassUID"], QString("1.2.840.10008.5.1.4.1.1.4"));
        QCOMPARE(images.answers[0]["Rows"], QString("16"));
    }

    void find_withoutLevel_failsAndListenerKeepsServing()
    {
        const FindResult r = findscu(m_lightbox.port(), "-S", {"PatientName=Doe*"});
        QCOMPARE(r.answers.size(), 0);
        QVERIFY2(r.tool.all().contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)"),
                 qPrintable(r.tool.all()));
        QVERIFY(m_lightbox.log().contains("Query/Retrieve Level"));
        QCOMPARE(run("echoscu", {"-aec", "LIGHTBOX", "127.0.0.1", QString::number(m_lightbox.port())}).exitCode, 0);
        const FindResult next = findscu(m_lightbox.port(), "-S", {"QueryRetrieveLevel=STUDY", "PatientID=PID3"});
        QCOMPARE(next.answers.size(), 1);
    }

    void find_cancel_stopsPendingResponses()
    {
        // A Lightbox of its own with 1,500 instances: more image-level answers than are sent in the moment the
        // C-CANCEL takes to arrive.
        QTemporaryDir dir;
        QFile spec(dir.path() + "/spec.json");
        QVERIFY(spec.open(QIODevice::WriteOnly));
        spec.write(R"([{"key": "bulk", "name": "Bulk^Cancel", "id": "PID9", "date": "20260401",
                        "series": [{"modality": "CT", "count": 1500}]}])");
        spec.close();
        const ToolResult made
            = run(python(), {sourceDir() + "/tests/tools/make_studies.py", spec.fileName(), dir.path() + "/files"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        LightboxProcess lightbox;
        QVERIFY2(lightbox.start(), qPrintable(lightbox.log()));
        const ToolResult sent = run(
            "storescu",
            {"-aec", "LIGHTBOX", "+sd", "+r", "127.0.0.1", QString::number(lightbox.port()), dir.path() + "/files"});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));

        QTemporaryDir out;
        const ToolResult r = run("findscu",
                                 {"-v",
                                  "-S",
                                  "-aec",
                                  "LIGHTBOX",
                                  "--cancel",
                                  "5",
                                  "-X",
                                  "-od",
                                  out.path(),
                                  "-k",
                                  "QueryRetrieveLevel=IMAGE",
                                  "-k",
                                  "PatientID=PID9",
                                  "-k",
                                  "StudyInstanceUID",
                                  "-k",
                                  "SeriesInstanceUID",
                                  "-k",
                                  "SOPInstanceUID",
                                  "127.0.0.1",
                                  QString::number(lightbox.port())});
        const int answers = int(QDir(out.path()).entryList({"rsp*.dcm"}, QDir::Files).size());
        QVERIFY2(r.all().contains("Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)"),
                 qPrintable(r.all().right(2000)));
        QVERIFY2(answers >= 5 && answers < 1500, qPrintable(QString::number(answers)));
        QVERIFY(lightbox.log().contains("cancelled by the peer"));
        qInfo() << "answers before the cancel took effect:" << answers;
        // The same query without a cancel returns them all.
        const FindResult all
            = findscu(lightbox.port(), "-S", {"QueryRetrieveLevel=IMAGE", "PatientID=PID9", "SOPInstanceUID"});
        QCOMPARE(all.answers.size(), 1500);
    }

    void move_study_arrivesByteIdentical()
    {
        m_destination.clear();
        const ToolResult r
            = run("movescu",
                  {"-S", "-aec", "LIGHTBOX", "-aem", "REFSCP", "-k", "QueryRetrieveLevel=STUDY", "-k",
                   "StudyInstanceUID=" + m_studyUid["a"], "127.0.0.1", QString::number(m_lightbox.port())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QStringList received = dicomFilesUnder(m_destination.outputDir());
        QCOMPARE(received.size(), 5);
        for (const QString &file : received) {
            const QString sop = sopInstanceUidOf(file);
            QVERIFY2(m_sourceBySop.contains(sop), qPrintable(sop));
            const QByteArray sent = datasetBytes(m_sourceBySop[sop]);
            QVERIFY(!sent.isEmpty());
            QVERIFY2(datasetBytes(file) == sent, qPrintable(file));
        }
        QVERIFY(m_lightbox.log().contains("C-MOVE from MOVESCU to REFSCP"));
    }

    void move_unknownDestination_isRefusedA801AndLogged()
    {
        m_destination.clear();
        const ToolResult r
            = run("movescu",
                  {"-v", "-S", "-aec", "LIGHTBOX", "-aem", "NOSUCHAE", "-k", "QueryRetrieveLevel=STUDY", "-k",
                   "StudyInstanceUID=" + m_studyUid["b"], "127.0.0.1", QString::number(m_lightbox.port())});
        QVERIFY2(r.all().contains("Final Move Response (Refused: MoveDestinationUnknown)"), qPrintable(r.all()));
        QVERIFY(dicomFilesUnder(m_destination.outputDir()).isEmpty());
        QVERIFY2(m_lightbox.log().contains("NOSUCHAE"), qPrintable(m_lightbox.log()));
    }

    void move_toDestinationAddedWhileRunning_noRestart()
    {
        // A technician adds a workstation from the command line beside the running Lightbox: its next C-MOVE
        // there works without a restart, and after `destination remove` it is unknown again.
        ReferenceStoreScp late;
        QVERIFY(late.start());
        auto move = [&] {
            return run("movescu",
                       {"-v", "-S", "-aec", "LIGHTBOX", "-aem", "LATEWS", "-k", "QueryRetrieveLevel=STUDY", "-k",
                        "StudyInstanceUID=" + m_studyUid["c"], "127.0.0.1", QString::number(m_lightbox.port())});
        };
        QVERIFY(move().all().contains("MoveDestinationUnknown"));
        const ToolResult added = m_lightbox.command(
            {"destination", "add", "Late workstation", QString("LATEWS@127.0.0.1:%1").arg(late.port())});
        QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
        QTRY_VERIFY_WITH_TIMEOUT(move().exitCode == 0 && dicomFilesUnder(late.outputDir()).size() == 1, 10000);
        const ToolResult removed = m_lightbox.command({"destination", "remove", "Late workstation"});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.all()));
        QTRY_VERIFY_WITH_TIMEOUT(move().all().contains("MoveDestinationUnknown"), 10000);
    }

    void get_series_filesArrive()
    {
        QTemporaryDir out;
        const ToolResult r
            = run("getscu",
                  {"-S", "-aec", "LIGHTBOX", "-od", out.path(), "-k", "QueryRetrieveLevel=STUDY", "-k",
                   "StudyInstanceUID=" + m_studyUid["b"], "127.0.0.1", QString::number(m_lightbox.port())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QStringList received = dicomFilesUnder(out.path());
        QCOMPARE(received.size(), 2);
        for (const QString &file : received) {
            const QString sop = sopInstanceUidOf(file);
            QVERIFY2(m_sourceBySop.contains(sop), qPrintable(sop));
            QVERIFY(datasetBytes(file) == datasetBytes(m_sourceBySop[sop]));
        }
    }

    void orthanc_queriesAndRetrievesFromLightbox()
    {
        const QByteArray created = m_orthanc.post(
            "/modalities/lightbox/query",
            R"({"Level": "Study", "Query": {"PatientName": "Doe*", "StudyInstanceUID": "", "ModalitiesInStudy": ""}})");
        QVERIFY2(!created.isEmpty(), "Orthanc's C-FIND to Lightbox failed");
        const QString queryId = QJsonDocument::fromJson(created).object()["ID"].toString();
        QVERIFY(!queryId.isEmpty());
        const QJsonArray answers
            = QJsonDocument::fromJson(m_orthanc.get("/queries/" + queryId + "/answers?expand&simplify")).array();
        QCOMPARE(answers.size(), 2);
        QStringList uids;
        for (const QJsonValue &a : answers)
            uids << a.toObject()["StudyInstanceUID"].toString();
        uids.sort();
        QStringList expected {m_studyUid["a"], m_studyUid["b"]};
        expected.sort();
        QCOMPARE(uids, expected);

        // Retrieve answer for study a: Orthanc sends C-MOVE to Lightbox with itself as destination.
        int index = -1;
        for (int i = 0; i < answers.size(); ++i) {
            if (answers[i].toObject()["StudyInstanceUID"].toString() == m_studyUid["a"])
                index = i;
        }
        const QByteArray moved = m_orthanc.post(QString("/queries/%1/answers/%2/retrieve").arg(queryId).arg(index),
                                                R"({"TargetAet": "ORTHANC", "Synchronous": true})");
        QVERIFY2(!moved.isEmpty(), qPrintable(m_lightbox.log().right(2000)));
        const QJsonArray instances = QJsonDocument::fromJson(m_orthanc.get("/instances?expand")).array();
        QCOMPARE(instances.size(), 5);
        QStringList sops;
        for (const QJsonValue &i : instances)
            sops << i.toObject()["MainDicomTags"].toObject()["SOPInstanceUID"].toString();
        sops.sort();
        QStringList wanted;
        for (auto it = m_sourceBySop.cbegin(); it != m_sourceBySop.cend(); ++it) {
            if (it.value().startsWith(studiesDir() + "/a/"))
                wanted << it.key();
        }
        wanted.sort();
        QCOMPARE(sops, wanted);
    }

    void cleanupTestCase()
    {
        m_lightbox.stop();
        m_orthanc.stop();
        m_destination.stop();
    }
};

QTEST_GUILESS_MAIN(TestQueryRetrieve)
#include "tst_queryretrieve.moc"
