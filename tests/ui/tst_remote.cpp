// The browser's outbound side against a real Orthanc: a remote source lists Orthanc's studies beside the local
// ones (marking those already here), the search filters narrow it, a remote study's series come from a series
// query, C-GET and C-MOVE bring a study in and its row turns "Both", "Send to" puts every instance of a local
// study into Orthanc, and an unreachable remote says "connection refused" in the browser instead of a dialog.
#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/index/IndexReader.h"
#include "core/service/Workstation.h"
#include "tests/support/TestSupport.h"
#include "ui/browser/RemoteSearch.h"
#include "ui/browser/RemoteSeriesPanel.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/browser/UnifiedStudyModel.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/OutboundController.h"

#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QString day(int daysAgo)
{
    return QDate::currentDate().addDays(-daysAgo).toString("yyyyMMdd");
}

QJsonObject study(const QString &key, const QString &name, const QString &id, const QString &accession,
                  const QString &date, const QString &modality, int count)
{
    return {{"key", key},
            {"name", name},
            {"id", id},
            {"accession", accession},
            {"date", date},
            {"time", "093000"},
            {"birth", "19650304"},
            {"sex", "F"},
            {"description", QString("Study " + key)},
            {"series",
             QJsonArray {QJsonObject {
                 {"modality", modality}, {"count", count}, {"description", QString(modality + " axial")}}}}};
}

QStringList dicomFiles(const QString &dir)
{
    QStringList files;
    for (QDirIterator it(dir, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << it.next();
    files.sort();
    return files;
}

} // namespace

class TestRemote : public QObject
{
    Q_OBJECT

private:
    /// Chooses a source in the search row and waits for the remote search to finish.
    void chooseSource(const QString &destination, bool includeLocal);
    void search(const QString &text, int preset, const QString &modality);
    QSet<QString> listedKeys() const;
    UnifiedStudyModel::Presence presence(const QString &key) const;
    QString waitForJob(QSignalSpy &finished, int timeoutMs);
    QStringList localInstances(const QString &key) const;

    QTemporaryDir m_storage;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Workstation> m_workstation;
    std::unique_ptr<MainWindow> m_window;
    OrthancProcess m_orthanc;
    QHash<QString, QString> m_uid; ///< key -> Study Instance UID
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase();
    void searchText_becomesNameIdAndAccessionQueries();
    void sendMenu_listsTheSendDestinations();
    void remoteQuery_listsOrthancStudiesAndMarksTheLocalOne();
    void remoteFilters_narrowTheList_data();
    void remoteFilters_narrowTheList();
    void localPlusRemote_listsLocalStudiesToo();
    void remoteStudy_listsItsSeries();
    void retrieveGet_bringsTheStudyAndTheRowBecomesBoth();
    void retrieveMove_bringsTheStudyAndTheRowBecomesBoth();
    void retrieveSeries_bringsOnlyThatSeries();
    void activatingARemoteRow_offersToRetrieveIt();
    void send_putsEveryInstanceIntoOrthanc();
    void unreachableRemote_saysConnectionRefusedInTheList();
    void sendToUnreachable_saysConnectionRefused();
    void sendSeries_putsThatSeriesIntoOrthanc();
    void reloadDestinations_updatesMenusAndSources();
    void deletingTheLocalCopy_leavesTheRemoteRow();
    void cleanupTestCase();
};

void TestRemote::initTestCase()
{
    QVERIFY(m_storage.isValid() && m_data.isValid() && m_config.isValid());
    QJsonArray specs;
    specs.append(study("r1", "Remote^Alpha", "R001", "RA100", day(0), "CT", 3));
    specs.append(study("r2", "Remote^Beta", "R002", "RB200", "20200101", "MR", 2));
    specs.append(study("both", "Shared^Gamma", "S003", "SG300", day(3), "CT", 2));
    specs.append(study("move", "Moved^Epsilon", "M005", "ME500", day(10), "CR", 2));
    specs.append(study("local", "Local^Delta", "L004", "LD400", day(1), "CT", 4));
    QJsonObject two = study("two", "Pair^Series", "P006", "PS600", "20190505", "CT", 2);
    two["series"] = QJsonArray {QJsonObject {{"modality", "CT"}, {"count", 2}, {"description", "CT axial"}},
                                QJsonObject {{"modality", "MR"}, {"count", 1}, {"description", "MR localizer"}}};
    specs.append(two);
    specs.append(study("late", "Late^Zeta", "Z007", "LZ700", "20180101", "CT", 1));
    QString error;
    m_uid = makeStudies(QJsonDocument(specs).toJson(), m_data.filePath("studies"), &error);
    QVERIFY2(m_uid.size() == specs.size(), qPrintable(error));

    // Lightbox, with Orthanc knowing it as a modality (for C-MOVE to it).
    m_port = freePort();
    QVERIFY(m_orthanc.start());
    QVERIFY(m_orthanc.addModality("lightbox", "LIGHTBOX", m_port));
    for (const char *key : {"r1", "r2", "both", "move", "two"}) {
        const QStringList files = dicomFiles(m_data.filePath("studies/" + QString(key)));
        QCOMPARE(m_orthanc.upload(files), int(files.size()));
    }

    m_settings = std::make_unique<QSettings>(m_config.filePath("lightbox.ini"), QSettings::IniFormat);
    const auto destination = [](const QString &name, quint16 port, const QString &roles, const QString &retrieve) {
        Destination d;
        d.name = name;
        d.node = DicomNode {"ORTHANC", "127.0.0.1", port};
        d.roles = *parseRoles(roles);
        d.retrieve = *parseRetrieveMethod(retrieve);
        return d;
    };
    destinations::save(*m_settings,
                       {destination("PACS", m_orthanc.dicomPort(), "send,query", "get"),
                        destination("PACS by move", m_orthanc.dicomPort(), "query", "move"),
                        destination("Down", freePort(), "send,query", "get")});
    m_settings->sync();

    NodeSettings node;
    node.port = m_port;
    node.storageDir = m_storage.path();
    m_workstation = std::make_unique<Workstation>(StorageLocation(m_storage.path()), node);
    m_window = std::make_unique<MainWindow>(*m_workstation, *m_settings);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY2(m_window->startService(&error), qPrintable(error));

    const ToolResult sent
        = run("storescu",
              {"-aec", "LIGHTBOX", "-aet", "MODALITY", "+sd", "+r", "-nh", "127.0.0.1", QString::number(m_port),
               m_data.filePath("studies/both"), m_data.filePath("studies/local")});
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("both").size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("local").size(), 4, 10000);
}

QStringList TestRemote::localInstances(const QString &key) const
{
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QStringList uids;
    if (!reader.open())
        return uids;
    for (const InstanceFile &f : reader.filesOfStudy(m_uid.value(key)))
        uids << f.sopInstanceUid;
    uids.sort();
    return uids;
}

void TestRemote::chooseSource(const QString &destination, bool includeLocal)
{
    UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QSignalSpy finished(model, &UnifiedStudyModel::searchFinished);
    StudyFilterBar *bar = m_window->browser()->filterBar();
    if (bar->remoteSource() == destination && bar->includeLocal() == includeLocal)
        model->reload(); // Already chosen: search again.
    else
        QVERIFY(bar->setSource(destination, includeLocal));
    QVERIFY(m_window->browser()->isRemote());
    QVERIFY(finished.wait(30000));
    while (finished.wait(300)) { }
}

void TestRemote::search(const QString &text, int preset, const QString &modality)
{
    UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QSignalSpy finished(model, &UnifiedStudyModel::searchFinished);
    StudyFilterBar *bar = m_window->browser()->filterBar();
    bar->setModality(modality);
    bar->setDatePreset(StudyFilterBar::DatePreset(preset));
    bar->setSearchText(text);
    QVERIFY(finished.wait(30000));
    // Later answers replace earlier ones; wait for the last to land.
    while (finished.wait(500)) { }
    QVERIFY(!model->isSearching());
}

QSet<QString> TestRemote::listedKeys() const
{
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QSet<QString> keys;
    for (int row = 0; row < model->rowCount(); ++row)
        keys.insert(m_uid.key(model->studyAt(row).studyInstanceUid, "?"));
    return keys;
}

UnifiedStudyModel::Presence TestRemote::presence(const QString &key) const
{
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    const int row = model->rowOf(m_uid.value(key));
    return row < 0 ? UnifiedStudyModel::Presence(-1) : UnifiedStudyModel::presenceOf(model->studyAt(row));
}

QString TestRemote::waitForJob(QSignalSpy &finished, int timeoutMs)
{
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return {};
    return finished.takeFirst().first().toString();
}

void TestRemote::searchText_becomesNameIdAndAccessionQueries()
{
    StudyQuery filters;
    filters.anyText = "doe jo";
    filters.modality = "CT";
    filters.dateFrom = "20261101";
    filters.dateTo = "20261130";
    const QList<RemoteStudyQuery> queries = remotesearch::queriesFor(filters);
    QCOMPARE(queries.size(), 3);
    QCOMPARE(queries[0].patientName, QString("*doe*jo*"));
    QCOMPARE(queries[1].patientId, QString("doe jo"));
    QCOMPARE(queries[2].accessionNumber, QString("doe jo"));
    for (const RemoteStudyQuery &q : queries) {
        QCOMPARE(q.modality, QString("CT"));
        QCOMPARE(q.dateFrom, QString("20261101"));
        QCOMPARE(q.dateTo, QString("20261130"));
    }
    filters.anyText = "sm?th*";
    QCOMPARE(remotesearch::queriesFor(filters).first().patientName, QString("sm?th*"));
    filters.anyText.clear();
    QCOMPARE(remotesearch::queriesFor(filters).size(), 1);
}

void TestRemote::sendMenu_listsTheSendDestinations()
{
    QStringList names;
    for (QAction *action : m_window->outbound()->sendMenu()->actions())
        names << action->text();
    QCOMPARE(names, (QStringList {"PACS", "Down"}));
    // The sources offered: Local, then Remote and Local + for each query/retrieve destination.
    auto *selector = m_window->browser()->filterBar()->findChild<QComboBox *>("sourceSelector");
    QVERIFY(selector && selector->isVisible());
    QStringList sources;
    for (int i = 0; i < selector->count(); ++i)
        sources << selector->itemText(i);
    QCOMPARE(sources,
             (QStringList {"Local", "Remote: PACS", "Local + PACS", "Remote: PACS by move", "Local + PACS by move",
                           "Remote: Down", "Local + Down"}));
}

void TestRemote::remoteQuery_listsOrthancStudiesAndMarksTheLocalOne()
{
    chooseSource("PACS", false);
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    // An empty search is not sent to a PACS (it would ask for every study it holds): the list says how to search.
    QVERIFY(model->remoteSkipped());
    QCOMPARE(model->rowCount(), 0);
    auto *hint = m_window->browser()->findChild<QLabel *>("remoteEmptyHint");
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains("search for *"), qPrintable(hint->text()));
    search("*", StudyFilterBar::AnyDate, "");
    QVERIFY(!model->remoteSkipped());
    QVERIFY2(model->error().isEmpty(), qPrintable(model->error()));
    QCOMPARE(listedKeys(), (QSet<QString> {"r1", "r2", "both", "move", "two"}));
    QCOMPARE(presence("both"), UnifiedStudyModel::Both);
    QCOMPARE(presence("r1"), UnifiedStudyModel::RemoteOnly);
    QCOMPARE(presence("r2"), UnifiedStudyModel::RemoteOnly);
    QCOMPARE(presence("move"), UnifiedStudyModel::RemoteOnly);
    // The fields Orthanc returned, as the list shows them.
    const int row = model->rowOf(m_uid["r1"]);
    const RemoteStudy &r1 = *model->studyAt(row).remote;
    QCOMPARE(r1.patientName, QString("Remote^Alpha"));
    QCOMPARE(r1.patientId, QString("R001"));
    QCOMPARE(r1.accessionNumber, QString("RA100"));
    QCOMPARE(r1.studyDate, day(0));
    QCOMPARE(r1.modalities, QStringList {"CT"});
    QCOMPARE(model->index(row, UnifiedStudyModel::PatientName).data().toString(), QString("REMOTE, Alpha"));
    QCOMPARE(model->index(row, UnifiedStudyModel::Description).data().toString(), QString("Study r1"));
    QCOMPARE(model->index(row, UnifiedStudyModel::InstanceCount).data().toInt(), 3);
    QCOMPARE(model->index(row, UnifiedStudyModel::Location).data().toString(), QString("Remote"));
    QCOMPARE(model->index(model->rowOf(m_uid["both"]), UnifiedStudyModel::Location).data().toString(), QString("Both"));
    // The count says what is where.
    auto *count = m_window->browser()->findChild<QLabel *>("studyCount");
    QVERIFY2(count->text().contains("5 on PACS, 1 already here"), qPrintable(count->text()));
}

void TestRemote::remoteFilters_narrowTheList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QStringList>("expected");
    const int any = StudyFilterBar::AnyDate;
    QTest::newRow("name part") << "beta" << any << "" << QStringList {"r2"};
    QTest::newRow("name, two words") << "remote al" << any << "" << QStringList {"r1"};
    QTest::newRow("family name") << "remote" << any << "" << QStringList {"r1", "r2"};
    QTest::newRow("name wildcard") << "sh*" << any << "" << QStringList {"both"};
    QTest::newRow("patient id") << "M005" << any << "" << QStringList {"move"};
    QTest::newRow("accession") << "SG300" << any << "" << QStringList {"both"};
    QTest::newRow("modality MR") << "" << any << "MR" << QStringList {"r2", "two"};
    QTest::newRow("modality CT") << "" << any << "CT" << QStringList {"r1", "both", "two"};
    QTest::newRow("today") << "" << int(StudyFilterBar::Today) << "" << QStringList {"r1"};
    QTest::newRow("last 7 days") << "" << int(StudyFilterBar::Last7Days) << "" << QStringList {"r1", "both"};
    QTest::newRow("last 30 days, CR") << "" << int(StudyFilterBar::Last30Days) << "CR" << QStringList {"move"};
    QTest::newRow("no match") << "nobody" << any << "" << QStringList {};
}

void TestRemote::remoteFilters_narrowTheList()
{
    QFETCH(QString, text);
    QFETCH(int, preset);
    QFETCH(QString, modality);
    QFETCH(QStringList, expected);
    if (!m_window->browser()->isRemote())
        chooseSource("PACS", false);
    search(text, preset, modality);
    QVERIFY2(m_window->browser()->unifiedModel()->error().isEmpty(),
             qPrintable(m_window->browser()->unifiedModel()->error()));
    QCOMPARE(listedKeys(), QSet<QString>(expected.begin(), expected.end()));
    if (expected.isEmpty()) {
        auto *hint = m_window->browser()->findChild<QLabel *>("remoteEmptyHint");
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains("No studies on PACS match"), qPrintable(hint->text()));
    }
}

void TestRemote::localPlusRemote_listsLocalStudiesToo()
{
    search("*", StudyFilterBar::AnyDate, "");
    chooseSource("PACS", true);
    QCOMPARE(listedKeys(), (QSet<QString> {"r1", "r2", "both", "move", "two", "local"}));
    QCOMPARE(presence("local"), UnifiedStudyModel::LocalOnly);
    QCOMPARE(presence("both"), UnifiedStudyModel::Both);
    // A local arrival matching the search joins the list live.
    const ToolResult sent = run("storescu",
                                {"-aec", "LIGHTBOX", "-aet", "MODALITY", "+sd", "+r", "-nh", "127.0.0.1",
                                 QString::number(m_port), m_data.filePath("studies/late")});
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
    QTRY_COMPARE_WITH_TIMEOUT(presence("late"), UnifiedStudyModel::LocalOnly, 5000);
    // The same search narrows both sides.
    search("delta", StudyFilterBar::AnyDate, "");
    QCOMPARE(listedKeys(), QSet<QString> {"local"});
    search("*", StudyFilterBar::AnyDate, "");
    // Back to Local: the paged local list, as before.
    QVERIFY(m_window->browser()->filterBar()->setSource({}));
    QVERIFY(!m_window->browser()->isRemote());
    QVERIFY(m_window->browser()->studyView()->isVisible());
}

void TestRemote::remoteStudy_listsItsSeries()
{
    chooseSource("PACS", false);
    StudyBrowser *browser = m_window->browser();
    RemoteSeriesPanel *panel = browser->remoteSeriesPanel();
    QSignalSpy listed(panel, &RemoteSeriesPanel::seriesListed);
    QVERIFY(browser->selectStudy(m_uid["r1"]));
    QVERIFY(listed.wait(20000));
    QVERIFY2(panel->error().isEmpty(), qPrintable(panel->error()));
    QVERIFY(panel->isVisible());
    QTreeWidget *view = panel->view();
    QCOMPARE(view->topLevelItemCount(), 1);
    QCOMPARE(view->topLevelItem(0)->text(RemoteSeriesPanel::Modality), QString("CT"));
    QCOMPARE(view->topLevelItem(0)->text(RemoteSeriesPanel::Images), QString("3"));
    QCOMPARE(view->topLevelItem(0)->text(RemoteSeriesPanel::Description), QString("CT axial"));
    // A study stored here shows its local series with thumbnails instead.
    QVERIFY(browser->selectStudy(m_uid["both"]));
    QTRY_VERIFY(browser->seriesPanel()->isVisible());
}

void TestRemote::retrieveGet_bringsTheStudyAndTheRowBecomesBoth()
{
    chooseSource("PACS", false);
    QCOMPARE(presence("r1"), UnifiedStudyModel::RemoteOnly);
    QVERIFY(localInstances("r1").isEmpty());
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->retrieveStudies({m_uid["r1"]});
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Retrieved 3 images from PACS in "), qPrintable(line));
    QStringList remote = m_orthanc.instancesOfStudy(m_uid["r1"]);
    remote.sort();
    QCOMPARE(remote.size(), 3);
    QCOMPARE(localInstances("r1"), remote);
    QTRY_COMPARE_WITH_TIMEOUT(presence("r1"), UnifiedStudyModel::Both, 5000);
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QCOMPARE(model->studyAt(model->rowOf(m_uid["r1"])).local->instanceCount, 3);
    // And in the local list.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->browser()->model()->rowOf(m_uid["r1"]) >= 0, 5000);
}

void TestRemote::retrieveMove_bringsTheStudyAndTheRowBecomesBoth()
{
    chooseSource("PACS by move", false);
    QCOMPARE(presence("move"), UnifiedStudyModel::RemoteOnly);
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->retrieveStudies({m_uid["move"]});
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Retrieved 2 images from PACS by move in "), qPrintable(line));
    QStringList remote = m_orthanc.instancesOfStudy(m_uid["move"]);
    remote.sort();
    QCOMPARE(remote.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(localInstances("move"), remote, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(presence("move"), UnifiedStudyModel::Both, 5000);
}

void TestRemote::retrieveSeries_bringsOnlyThatSeries()
{
    chooseSource("PACS", false);
    StudyBrowser *browser = m_window->browser();
    RemoteSeriesPanel *panel = browser->remoteSeriesPanel();
    QSignalSpy listed(panel, &RemoteSeriesPanel::seriesListed);
    QVERIFY(browser->selectStudy(m_uid["two"]));
    QVERIFY(listed.wait(20000));
    QCOMPARE(panel->view()->topLevelItemCount(), 2);
    QTreeWidgetItem *mr = panel->view()->topLevelItem(1);
    QCOMPARE(mr->text(RemoteSeriesPanel::Modality), QString("MR"));
    const QString mrUid = mr->data(RemoteSeriesPanel::Number, RemoteSeriesPanel::SeriesUidRole).toString();
    QVERIFY(!mrUid.isEmpty());

    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->retrieveSeries(m_uid["two"], {mrUid});
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Retrieved 1 image from PACS in "), qPrintable(line));
    QTRY_COMPARE_WITH_TIMEOUT(presence("two"), UnifiedStudyModel::Both, 5000);
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    const QList<SeriesRow> series = reader.seriesOf(m_uid["two"]);
    QCOMPARE(series.size(), 1);
    QCOMPARE(series.first().seriesInstanceUid, mrUid);
    // The row says the copy here is partial.
    const UnifiedStudyModel *model = browser->unifiedModel();
    QCOMPARE(model->index(model->rowOf(m_uid["two"]), UnifiedStudyModel::InstanceCount).data().toString(),
             QString("1 of 3"));
}

void TestRemote::activatingARemoteRow_offersToRetrieveIt()
{
    chooseSource("PACS", false);
    QCOMPARE(presence("r2"), UnifiedStudyModel::RemoteOnly);
    QString asked;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->text();
        box->button(QMessageBox::Yes)->click();
        answer.stop();
    });
    answer.start(50);
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    Q_EMIT m_window->browser()->remoteView()->activated(model->index(model->rowOf(m_uid["r2"]), 0));
    QVERIFY2(asked.contains("on PACS only"), qPrintable(asked));
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Retrieved 2 images from PACS in "), qPrintable(line));
    QTRY_COMPARE_WITH_TIMEOUT(presence("r2"), UnifiedStudyModel::Both, 5000);
    QCOMPARE(localInstances("r2").size(), 2);
}

void TestRemote::send_putsEveryInstanceIntoOrthanc()
{
    QVERIFY(m_orthanc.instancesOfStudy(m_uid["local"]).isEmpty());
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->sendStudies({m_uid["local"]}, "PACS");
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Sent 4 of 4 images to PACS in "), qPrintable(line));
    QStringList inOrthanc = m_orthanc.instancesOfStudy(m_uid["local"]);
    inOrthanc.sort();
    QCOMPARE(inOrthanc, localInstances("local"));
    // Every dataset arrived unchanged (pydicom compares the data elements; the meta header names the sender).
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    for (const InstanceFile &f : reader.filesOfStudy(m_uid["local"])) {
        const QString id = m_orthanc.instanceId(f.sopInstanceUid);
        QVERIFY(!id.isEmpty());
        QFile copy(m_data.filePath("fromorthanc.dcm"));
        QVERIFY(copy.open(QIODevice::WriteOnly | QIODevice::Truncate));
        copy.write(m_orthanc.get("/instances/" + id + "/file"));
        copy.close();
        const ToolResult same = run(python(),
                                    {"-c",
                                     "import sys,pydicom\n"
                                     "a=pydicom.dcmread(sys.argv[1]);b=pydicom.dcmread(sys.argv[2])\n"
                                     "print(a==b and a.PixelData==b.PixelData)",
                                     StorageLocation(m_storage.path()).filesDir() + "/" + f.filePath, copy.fileName()});
        QVERIFY2(same.exitCode == 0, qPrintable(same.all()));
        QCOMPARE(same.out.trimmed(), QByteArray("True"));
    }
}

void TestRemote::unreachableRemote_saysConnectionRefusedInTheList()
{
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    chooseSource("Down", false);
    const UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QVERIFY2(model->error().contains("connection refused", Qt::CaseInsensitive), qPrintable(model->error()));
    QCOMPARE(model->rowCount(), 0);
    auto *banner = m_window->browser()->findChild<QLabel *>("remoteBanner");
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains("connection refused", Qt::CaseInsensitive), qPrintable(banner->text()));
    auto *hint = m_window->browser()->findChild<QLabel *>("remoteEmptyHint");
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains("Down did not answer"), qPrintable(hint->text()));
    // Never a blocking dialog.
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(finished.count(), 0);
}

void TestRemote::sendToUnreachable_saysConnectionRefused()
{
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->sendStudies({m_uid["local"]}, "Down");
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Sending to Down failed: ") && line.contains("connection refused", Qt::CaseInsensitive),
             qPrintable(line));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
}

void TestRemote::sendSeries_putsThatSeriesIntoOrthanc()
{
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    const QList<SeriesRow> series = reader.seriesOf(m_uid["late"]);
    QCOMPARE(series.size(), 1);
    QVERIFY(m_orthanc.instancesOfStudy(m_uid["late"]).isEmpty());
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->sendSeries({series.first().seriesInstanceUid}, "PACS");
    const QString line = waitForJob(finished, 60000);
    QVERIFY2(line.startsWith("Sent 1 of 1 image to PACS in "), qPrintable(line));
    QCOMPARE(m_orthanc.instancesOfStudy(m_uid["late"]), localInstances("late"));
}

void TestRemote::reloadDestinations_updatesMenusAndSources()
{
    chooseSource("PACS", false);
    QList<Destination> list = destinations::load(*m_settings);
    Destination extra;
    extra.name = "Second PACS";
    extra.node = DicomNode {"ORTHANC", "127.0.0.1", m_orthanc.dicomPort()};
    extra.roles = Destination::Send | Destination::QueryRetrieve;
    list << extra;
    destinations::save(*m_settings, list);
    UnifiedStudyModel *model = m_window->browser()->unifiedModel();
    QSignalSpy searched(model, &UnifiedStudyModel::searchFinished);
    m_window->reloadDestinations();
    QStringList names;
    for (QAction *action : m_window->outbound()->sendMenu()->actions())
        names << action->text();
    QCOMPARE(names, (QStringList {"PACS", "Down", "Second PACS"}));
    QVERIFY(m_window->browser()->filterBar()->setSource("Second PACS"));
    QVERIFY(searched.wait(30000));
    QCOMPARE(m_window->browser()->remoteSource()->name, QString("Second PACS"));
    // A source that lost its query role falls back to Local.
    list.last().roles = Destination::Send;
    destinations::save(*m_settings, list);
    m_window->reloadDestinations();
    QVERIFY(!m_window->browser()->isRemote());
    QVERIFY(!m_window->browser()->remoteSource());
    list.removeLast();
    destinations::save(*m_settings, list);
    m_window->reloadDestinations();
}

void TestRemote::deletingTheLocalCopy_leavesTheRemoteRow()
{
    chooseSource("PACS", false);
    QCOMPARE(presence("both"), UnifiedStudyModel::Both);
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->deleteStudies({m_uid["both"]});
    QVERIFY(!waitForJob(finished, 10000).isEmpty());
    QVERIFY(localInstances("both").isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(presence("both"), UnifiedStudyModel::RemoteOnly, 5000);
}

void TestRemote::cleanupTestCase()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    if (m_workstation)
        m_workstation->stop();
    m_workstation.reset();
    m_orthanc.stop();
}

int main(int argc, char *argv[])
{
    // Under xvfb-run the real X platform is used; elsewhere offscreen.
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    QApplication app(argc, argv);
    initializeDcmtk();
    TestRemote test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_remote.moc"
