// The study browser on a real Workstation: studies sent with storescu appear (and grow) in place without
// losing the selection or the scroll position, the search and its presets return exactly the matching studies,
// deleting removes files and rows together, and a DICOMDIR import shows every study it references.
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/imaging/ThumbnailCache.h"
#include "core/index/IndexReader.h"
#include "core/service/Workstation.h"
#include "tests/support/TestSupport.h"
#include "ui/browser/SeriesListModel.h"
#include "ui/browser/SeriesPanel.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/browser/StudyFilterBar.h"
#include "ui/browser/StudyListModel.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QDirIterator>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QString day(int daysAgo)
{
    return QDate::currentDate().addDays(-daysAgo).toString("yyyyMMdd");
}

QJsonObject study(const QString &key, const QString &name, const QString &id, const QString &accession,
                  const QString &date, const QList<QPair<QString, int>> &series)
{
    QJsonArray s;
    for (const auto &[modality, count] : series)
        s.append(
            QJsonObject {{"modality", modality}, {"count", count}, {"description", QString(modality + " series")}});
    return {{"key", key},
            {"name", name},
            {"id", id},
            {"accession", accession},
            {"date", date},
            {"time", "101500"},
            {"birth", "19700102"},
            {"sex", "O"},
            {"description", QString("Study " + key)},
            {"series", s}};
}

} // namespace

class TestBrowser : public QObject
{
    Q_OBJECT

private:
    QSet<QString> shownKeys() const;
    void send(const QStringList &paths);
    void setFilters(const QString &text, int preset, const QString &modality);

    QTemporaryDir m_storage;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Workstation> m_workstation;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, QString> m_uid; ///< key -> Study Instance UID
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase();
    void arrival_appearsWhileAnotherRowStaysSelected();
    void growingStudy_updatesCountsInPlace();
    void arrivalAboveTheView_keepsScrollPosition();
    void filters_returnExactlyTheMatchingStudies_data();
    void filters_returnExactlyTheMatchingStudies();
    void seriesPanel_listsSeriesWithThumbnails();
    void delete_removesFilesAndRowsTogether();
    void deleteSeries_keepsTheOtherSeries();
    void importDicomdir_showsEveryReferencedInstance();
    void portInUse_windowStillBrowsesAndSaysWhy();
    void columnLayoutAndGeometry_areRemembered();
    void cleanupTestCase();
};

void TestBrowser::initTestCase()
{
    QVERIFY(m_storage.isValid() && m_data.isValid() && m_config.isValid());
    QJsonArray specs;
    specs.append(study("a", "Doe^John", "PID001", "ACC100", day(0), {{"CT", 3}}));
    specs.append(study("b", "Doe^Jane", "PID002", "ACC200", day(1), {{"MR", 2}}));
    specs.append(study("c", "Müller^Jürgen", "PID003", "ACC300", day(5), {{"CT", 1}, {"PT", 1}}));
    specs.append(study("d", "Smith^Anna", "PID004", "ACC-XYZ", day(20), {{"CR", 1}}));
    specs.append(study("e", "Smythe^Bob", "PID005", "", "20200101", {{"MR", 1}}));
    specs.append(study("f", "Late^Arrival", "PID006", "ACC600", day(0), {{"CT", 2}}));
    specs.append(study("g", "Gone^Soon", "PID007", "ACC700", "20250101", {{"CT", 2}, {"MR", 1}}));
    specs.append(study("h", "Top^Newcomer", "PID008", "ACC800", day(0), {{"CT", 1}}));
    for (int i = 0; i < 60; ++i)
        specs.append(study(QString("bulk%1").arg(i, 2, 10, QLatin1Char('0')), QString("Bulk^Patient%1").arg(i),
                           QString("BULK%1").arg(i), QString(),
                           QString("2019%1").arg(101 + i % 28, 4, 10, QLatin1Char('0')), {{"CT", 1}}));
    QFile spec(m_data.filePath("spec.json"));
    QVERIFY(spec.open(QIODevice::WriteOnly));
    spec.write(QJsonDocument(specs).toJson());
    spec.close();
    const ToolResult made
        = run(python(), {sourceDir() + "/tests/tools/make_studies.py", spec.fileName(), m_data.filePath("studies")});
    QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
    for (const QByteArray &line : made.out.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2)
            m_uid.insert(QString::fromUtf8(parts[0]), QString::fromUtf8(parts[1]));
    }
    QCOMPARE(m_uid.size(), specs.size());

    m_settings = std::make_unique<QSettings>(m_config.filePath("lightbox.ini"), QSettings::IniFormat);
    NodeSettings node;
    m_port = freePort();
    node.port = m_port;
    node.storageDir = m_storage.path();
    m_workstation = std::make_unique<Workstation>(StorageLocation(m_storage.path()), node);
    m_window = std::make_unique<MainWindow>(*m_workstation, *m_settings);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QString error;
    QVERIFY2(m_window->startService(&error), qPrintable(error));

    // Everything but the arrivals, in one association.
    QStringList initial;
    for (auto it = m_uid.cbegin(); it != m_uid.cend(); ++it)
        if (it.key() != "f" && it.key() != "h")
            initial << m_data.filePath("studies/" + it.key());
    send(initial);
    StudyListModel *model = m_window->browser()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), int(m_uid.size()) - 2, 10000);
}

void TestBrowser::send(const QStringList &paths)
{
    const ToolResult r = run(
        "storescu",
        QStringList {"-aec", "LIGHTBOX", "-aet", "MODALITY", "+sd", "+r", "-nh", "127.0.0.1", QString::number(m_port)}
            + paths);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
}

QSet<QString> TestBrowser::shownKeys() const
{
    const StudyListModel *model = m_window->browser()->model();
    QSet<QString> keys;
    for (int row = 0; row < model->rowCount(); ++row)
        keys.insert(m_uid.key(model->studyAt(row).studyInstanceUid));
    return keys;
}

void TestBrowser::arrival_appearsWhileAnotherRowStaysSelected()
{
    StudyBrowser *browser = m_window->browser();
    StudyListModel *model = browser->model();
    QVERIFY(browser->selectStudy(m_uid["b"]));
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy shown(model, &StudyListModel::arrivalsShown);

    send({m_data.filePath("studies/f/s00/i000.dcm")});
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(m_uid["f"]) >= 0, 5000);

    // In the model and on screen, while the other study stays selected.
    const int row = model->rowOf(m_uid["f"]);
    QCOMPARE(model->studyAt(row).instanceCount, 1);
    QCOMPARE(model->studyAt(row).patientName, QString("Late^Arrival"));
    QTableView *view = browser->studyView();
    view->scrollTo(model->index(row, 0));
    QVERIFY(view->visualRect(model->index(row, StudyListModel::PatientName)).isValid());
    QCOMPARE(model->index(row, StudyListModel::PatientName).data().toString(), QString("LATE, Arrival"));
    QCOMPARE(browser->selectedStudyUids(), QStringList {m_uid["b"]});
    QCOMPARE(resets.count(), 0);
    QVERIFY(shown.count() >= 1);
    // The status bar tells the arrival and its latency.
    auto *arrival = m_window->findChild<QLabel *>("arrivalStatus");
    QVERIFY(arrival);
    QTRY_VERIFY(arrival->text().contains("LATE, Arrival"));
}

void TestBrowser::growingStudy_updatesCountsInPlace()
{
    StudyBrowser *browser = m_window->browser();
    StudyListModel *model = browser->model();
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    const int before = model->totalCount();
    send({m_data.filePath("studies/f/s00/i001.dcm")});
    QTRY_COMPARE_WITH_TIMEOUT(model->studyAt(model->rowOf(m_uid["f"])).instanceCount, 2, 5000);
    QCOMPARE(model->totalCount(), before);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(browser->selectedStudyUids(), QStringList {m_uid["b"]});
}

void TestBrowser::arrivalAboveTheView_keepsScrollPosition()
{
    StudyBrowser *browser = m_window->browser();
    StudyListModel *model = browser->model();
    QTableView *view = browser->studyView();
    // Scroll to the bulk of old studies at the bottom; a study of today lands at the top, above the view.
    view->scrollToBottom();
    QCoreApplication::processEvents();
    QVERIFY(view->verticalScrollBar()->value() > 0);
    const int topRow = view->rowAt(0);
    QVERIFY(topRow > 0);
    const QString topUid = model->studyAt(topRow).studyInstanceUid;
    send({m_data.filePath("studies/h")});
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(m_uid["h"]) >= 0, 5000);
    QVERIFY(model->rowOf(m_uid["h"]) < topRow);
    QCoreApplication::processEvents();
    QCOMPARE(model->studyAt(view->rowAt(0)).studyInstanceUid, topUid);
    QCOMPARE(browser->selectedStudyUids(), QStringList {m_uid["b"]});
    view->scrollToTop();
}

void TestBrowser::filters_returnExactlyTheMatchingStudies_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QStringList>("expected");
    const int any = StudyFilterBar::AnyDate;
    QTest::newRow("name prefix") << "doe" << any << "" << QStringList {"a", "b"};
    QTest::newRow("name two words") << "doe jo" << any << "" << QStringList {"a"};
    QTest::newRow("name wildcard") << "sm*" << any << "" << QStringList {"d", "e"};
    QTest::newRow("accent-insensitive") << "muller" << any << "" << QStringList {"c"};
    QTest::newRow("accented upper case") << "MÜLLER" << any << "" << QStringList {"c"};
    QTest::newRow("patient id, case") << "pid004" << any << "" << QStringList {"d"};
    QTest::newRow("accession") << "ACC-XYZ" << any << "" << QStringList {"d"};
    QTest::newRow("accession wildcard") << "acc?00" << any << "" << QStringList {"a", "b", "c", "f", "g", "h"};
    QTest::newRow("no match") << "nobody" << any << "" << QStringList {};
    QTest::newRow("today") << "" << int(StudyFilterBar::Today) << "" << QStringList {"a", "f", "h"};
    QTest::newRow("yesterday") << "" << int(StudyFilterBar::Yesterday) << "" << QStringList {"b"};
    QTest::newRow("last 7 days") << "" << int(StudyFilterBar::Last7Days) << "" << QStringList {"a", "b", "c", "f", "h"};
    QTest::newRow("last 30 days") << "" << int(StudyFilterBar::Last30Days) << ""
                                  << QStringList {"a", "b", "c", "d", "f", "h"};
    QTest::newRow("modality MR") << "" << any << "MR" << QStringList {"b", "e", "g"};
    QTest::newRow("modality PT") << "" << any << "PT" << QStringList {"c"};
    QTest::newRow("name and modality") << "doe" << any << "MR" << QStringList {"b"};
    QTest::newRow("date and modality") << "" << int(StudyFilterBar::Last7Days) << "CT"
                                       << QStringList {"a", "c", "f", "h"};
}

void TestBrowser::setFilters(const QString &text, int preset, const QString &modality)
{
    StudyBrowser *browser = m_window->browser();
    QSignalSpy done(browser->model(), &StudyListModel::queryFinished);
    StudyFilterBar *bar = browser->filterBar();
    bar->setModality(modality);
    bar->setDatePreset(StudyFilterBar::DatePreset(preset));
    bar->setSearchText(text);
    QVERIFY(done.wait(5000));
    // Later answers replace earlier ones; wait for the last to land.
    while (done.wait(300)) { }
}

void TestBrowser::filters_returnExactlyTheMatchingStudies()
{
    QFETCH(QString, text);
    QFETCH(int, preset);
    QFETCH(QString, modality);
    QFETCH(QStringList, expected);
    setFilters(text, preset, modality);
    const StudyListModel *model = m_window->browser()->model();
    QCOMPARE(model->totalCount(), int(expected.size()));
    QCOMPARE(shownKeys(), QSet<QString>(expected.begin(), expected.end()));
}

void TestBrowser::seriesPanel_listsSeriesWithThumbnails()
{
    setFilters("", StudyFilterBar::AnyDate, "");
    StudyBrowser *browser = m_window->browser();
    SeriesPanel *panel = browser->seriesPanel();
    QSignalSpy ready(panel, &SeriesPanel::thumbnailsReady);
    QVERIFY(browser->selectStudy(m_uid["c"]));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, 5000);
    QCOMPARE(panel->model()->seriesAt(0).modality, QString("CT"));
    QCOMPARE(panel->model()->seriesAt(1).modality, QString("PT"));
    QVERIFY(ready.count() > 0 || ready.wait(10000));
    // The thumbnail is the image, not the placeholder: its pixels are not all one grey.
    const QPixmap thumb = panel->model()->index(0, SeriesListModel::Number).data(Qt::DecorationRole).value<QPixmap>();
    QVERIFY(!thumb.isNull());
    const QImage image = thumb.toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, "thumbnail looks empty");
    // Cached on disk, named by a hash.
    int cached = 0;
    for (QDirIterator it(m_storage.filePath("thumbnails"), {"*.png"}, QDir::Files); it.hasNext(); it.next())
        ++cached;
    QVERIFY(cached >= 2);
}

void TestBrowser::delete_removesFilesAndRowsTogether()
{
    StudyListModel *model = m_window->browser()->model();
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    const QList<InstanceFile> files = reader.filesOfStudy(m_uid["g"]);
    QCOMPARE(files.size(), 3);
    const QString filesDir = StorageLocation(m_storage.path()).filesDir();
    for (const InstanceFile &f : files)
        QVERIFY(QFile::exists(filesDir + "/" + f.filePath));
    const QList<InstanceFile> otherFiles = reader.filesOfStudy(m_uid["a"]);

    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->deleteStudies({m_uid["g"]});
    QVERIFY(finished.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(m_uid["g"]) < 0, 5000);
    for (const InstanceFile &f : files)
        QVERIFY2(!QFile::exists(filesDir + "/" + f.filePath), qPrintable(f.filePath));
    StudyQuery q;
    q.studyInstanceUid = m_uid["g"];
    QCOMPARE(reader.findStudies(q).size(), 0);
    QCOMPARE(reader.filesOfStudy(m_uid["g"]).size(), 0);
    for (const InstanceFile &f : otherFiles)
        QVERIFY(QFile::exists(filesDir + "/" + f.filePath));
    QCOMPARE(reader.filesOfStudy(m_uid["a"]).size(), otherFiles.size());
}

void TestBrowser::deleteSeries_keepsTheOtherSeries()
{
    StudyListModel *model = m_window->browser()->model();
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    const QList<SeriesRow> series = reader.seriesOf(m_uid["c"]);
    QCOMPARE(series.size(), 2);
    const QString pet = series.at(1).seriesInstanceUid;
    const QList<InstanceFile> petFiles = reader.filesOfSeries(pet);
    // The series panel test rendered this study's thumbnails: the deleted series' one must go too.
    const ThumbnailCache cache(m_storage.filePath("thumbnails"));
    QVERIFY(QFile::exists(cache.pathFor(pet, 96)));
    QVERIFY(QFile::exists(cache.pathFor(series.at(0).seriesInstanceUid, 96)));
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->deleteSeries({pet});
    QVERIFY(finished.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model->studyAt(model->rowOf(m_uid["c"])).seriesCount, 1, 5000);
    QCOMPARE(model->studyAt(model->rowOf(m_uid["c"])).instanceCount, 1);
    QCOMPARE(reader.seriesOf(m_uid["c"]).size(), 1);
    const QString filesDir = StorageLocation(m_storage.path()).filesDir();
    for (const InstanceFile &f : petFiles)
        QVERIFY(!QFile::exists(filesDir + "/" + f.filePath));
    for (const InstanceFile &f : reader.filesOfStudy(m_uid["c"]))
        QVERIFY(QFile::exists(filesDir + "/" + f.filePath));
    QTRY_VERIFY(!QFile::exists(cache.pathFor(pet, 96)));
    QVERIFY(QFile::exists(cache.pathFor(series.at(0).seriesInstanceUid, 96)));
}

void TestBrowser::importDicomdir_showsEveryReferencedInstance()
{
    const QString dicomdir = pydicomTestFiles() + "/dicomdirtests/DICOMDIR";
    QVERIFY(QFile::exists(dicomdir));
    // What pydicom says the DICOMDIR references.
    const ToolResult expected
        = run(python(),
              {"-c",
               "import sys,pydicom\n"
               "d=pydicom.dcmread(sys.argv[1])\n"
               "refs=[r for r in d.DirectoryRecordSequence if 'ReferencedFileID' in r]\n"
               "studies=set()\n"
               "import os\n"
               "base=os.path.dirname(sys.argv[1])\n"
               "for r in refs:\n"
               "  ds=pydicom.dcmread(os.path.join(base,*r.ReferencedFileID),stop_before_pixels=True)\n"
               "  studies.add(ds.StudyInstanceUID)\n"
               "print(len(refs), len(studies))",
               dicomdir});
    QVERIFY2(expected.exitCode == 0, qPrintable(expected.all()));
    const QList<QByteArray> counts = expected.out.trimmed().split(' ');
    const int instances = counts.value(0).toInt();
    const int studies = counts.value(1).toInt();
    QVERIFY(instances > 0 && studies > 0);

    setFilters("", StudyFilterBar::AnyDate, "");
    StudyListModel *model = m_window->browser()->model();
    const int before = model->totalCount();
    IndexReader reader(StorageLocation(m_storage.path()).indexPath());
    QVERIFY(reader.open());
    const qint64 instancesBefore = reader.stats().instances;
    QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
    m_window->importPaths({dicomdir});
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().first().toString().startsWith(QString::number(instances) + " imported"),
             qPrintable(finished.first().first().toString()));
    QCOMPARE(reader.stats().instances, instancesBefore + instances);
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), before + studies, 5000);
}

void TestBrowser::portInUse_windowStillBrowsesAndSaysWhy()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::Any, 0));
    QTemporaryDir storage;
    QSettings settings(m_config.filePath("other.ini"), QSettings::IniFormat);
    NodeSettings node;
    node.port = squatter.serverPort();
    node.storageDir = storage.path();
    Workstation workstation(StorageLocation(storage.path()), node);
    MainWindow window(workstation, settings);
    window.show();
    QSignalSpy done(window.browser()->model(), &StudyListModel::queryFinished);
    QString error;
    QVERIFY2(window.startService(&error), qPrintable(error));
    QVERIFY(!workstation.isListening());
    auto *status = window.findChild<QLabel *>("listenerStatus");
    QVERIFY(status->text().contains("Not receiving"));
    QVERIFY(status->text().contains(QString::number(node.port)));
    // Browsing and importing still work.
    QVERIFY(done.wait(5000));
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    window.importPaths({m_data.filePath("studies/a")});
    QVERIFY(finished.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(window.browser()->model()->totalCount(), 1, 5000);
    window.close();
    workstation.stop();
}

void TestBrowser::columnLayoutAndGeometry_areRemembered()
{
    QTemporaryDir storage;
    const QString ini = m_config.filePath("layout.ini");
    NodeSettings node;
    node.port = freePort();
    node.storageDir = storage.path();
    int movedTo = -1;
    QRect geometry;
    {
        QSettings settings(ini, QSettings::IniFormat);
        Workstation workstation(StorageLocation(storage.path()), node);
        MainWindow window(workstation, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setGeometry(60, 50, 900, 640);
        QHeaderView *header = window.browser()->studyView()->horizontalHeader();
        header->moveSection(header->visualIndex(StudyListModel::Accession), 1);
        header->resizeSection(StudyListModel::Description, 333);
        window.browser()->studyView()->sortByColumn(StudyListModel::PatientName, Qt::AscendingOrder);
        movedTo = header->visualIndex(StudyListModel::Accession);
        QCoreApplication::processEvents();
        geometry = window.geometry();
        window.close();
    }
    QSettings settings(ini, QSettings::IniFormat);
    Workstation workstation(StorageLocation(storage.path()), node);
    MainWindow window(workstation, settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QHeaderView *header = window.browser()->studyView()->horizontalHeader();
    QCOMPARE(header->visualIndex(StudyListModel::Accession), movedTo);
    QCOMPARE(header->sectionSize(StudyListModel::Description), 333);
    QCOMPARE(header->sortIndicatorSection(), int(StudyListModel::PatientName));
    QCOMPARE(window.browser()->model()->query().sort, StudySort::PatientName);
    QCOMPARE(window.size(), geometry.size());
    window.close();
}

void TestBrowser::cleanupTestCase()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    if (m_workstation)
        m_workstation->stop();
    m_workstation.reset();
}

int main(int argc, char *argv[])
{
    // Under xvfb-run the real X platform is used; elsewhere offscreen.
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    QApplication app(argc, argv);
    initializeDcmtk();
    TestBrowser test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_browser.moc"
