// The viewer window on real files: a study opens with its first image on screen, layouts fill with the next
// series, series that share a frame of reference scroll together by position, presets set the window, slices that
// arrive later join the open series in place (same slice, zoom and window), `lightbox --view` opens a folder
// without importing it, and a study opened from the browser shows up in a viewer.
#include "core/dicom/DcmtkSetup.h"
#include "tests/support/TestSupport.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/ViewerStudy.h"
#include "ui/viewer/ViewerWindow.h"
#include "ui/viewer/ViewportPane.h"
#include "ui/viewer/VtkOpenGLWidget.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QJsonObject study(const QString &key, const QString &name, const QList<QPair<QString, int>> &series)
{
    QJsonArray s;
    for (const auto &[modality, count] : series)
        s.append(
            QJsonObject {{"modality", modality}, {"count", count}, {"description", QString(modality + " series")}});
    return {{"key", key}, {"name", name}, {"id", QString("ID-" + key)}, {"date", "20260101"}, {"series", s}};
}

bool waitFirstImage(ViewportPane *pane)
{
    if (pane->viewport()->image().isValid())
        return true;
    QSignalSpy spy(pane, &ViewportPane::firstImageShown);
    return spy.wait(15000);
}

bool waitLoaded(ViewportPane *pane)
{
    if (pane->viewport()->image().isValid() && !pane->isLoading())
        return true;
    QSignalSpy spy(pane, &ViewportPane::loadFinished);
    return spy.wait(15000);
}

} // namespace

class TestViewer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    QString m_files;

private Q_SLOTS:
    void initTestCase();
    void study_opensWithFirstImageAndLayoutsFill();
    void sharedFrameOfReference_scrollsTogether();
    void ctPresets_setTheWindow();
    void laterSlices_joinInPlace();
    void viewCommand_opensFolderWithoutImporting();
    void everyPydicomImage_opensOrSaysWhy();
    void droppedSeries_andPriors_showInTheirViewport();
};

void TestViewer::initTestCase()
{
    QJsonArray specs;
    specs.append(study("v", "View^Patient", {{"CT", 12}, {"CT", 6}, {"MR", 4}, {"CT", 3}}));
    QFile spec(m_data.filePath("spec.json"));
    QVERIFY(spec.open(QIODevice::WriteOnly));
    spec.write(QJsonDocument(specs).toJson());
    spec.close();
    m_files = m_data.filePath("files");
    const ToolResult made = run(python(), {sourceDir() + "/tests/tools/make_studies.py", spec.fileName(), m_files});
    QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
}

void TestViewer::study_opensWithFirstImageAndLayoutsFill()
{
    const QList<ViewerStudy> studies = viewerstudy::fromPaths({m_files});
    QCOMPARE(studies.size(), 1);
    QCOMPARE(studies.first().series.size(), 4);
    QCOMPARE(studies.first().series.first().files.size(), 12);
    ViewerWindow window(studies.first(), m_data.filePath("thumbs"));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ViewportPane *first = window.panes().first();
    QVERIFY(waitFirstImage(first));
    QVERIFY(waitLoaded(first));
    QCOMPARE(first->viewport()->sliceCount(), 12);
    QCOMPARE(first->seriesUid(), studies.first().series.at(0).seriesInstanceUid);

    // The image keeps its place and size from loading to loaded: the pane's status line says "loading", then what
    // is shown, and never leaves (the image would jump by its height as a load ends).
    auto settle = [] {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    };
    settle();
    const QRect loadedGeometry = first->viewport()->geometry();
    QVERIFY(loadedGeometry.height() > 100);
    first->showSeries(studies.first(), studies.first().series.at(0));
    QVERIFY(first->isLoading());
    settle();
    QCOMPARE(first->viewport()->geometry(), loadedGeometry);
    QVERIFY(waitLoaded(first));
    settle();
    QCOMPARE(first->viewport()->geometry(), loadedGeometry);

    window.setLayout(2, 2);
    QCOMPARE(window.panes().size(), 4);
    for (int i = 1; i < 4; ++i) {
        QVERIFY(waitLoaded(window.panes().at(i)));
        QCOMPARE(window.panes().at(i)->seriesUid(), studies.first().series.at(i).seriesInstanceUid);
    }
    QCOMPARE(window.panes().at(2)->viewport()->sliceCount(), 4);
}

void TestViewer::sharedFrameOfReference_scrollsTogether()
{
    const ViewerStudy s = viewerstudy::fromPaths({m_files}).first();
    ViewerWindow window(s, {});
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    window.setLayout(1, 2);
    ViewportPane *a = window.panes().at(0);
    ViewportPane *b = window.panes().at(1);
    QVERIFY(waitLoaded(a));
    QVERIFY(waitLoaded(b));
    QCOMPARE(a->info().frameOfReferenceUid, b->info().frameOfReferenceUid);
    // Series 1 has slices at z = 0..11, series 2 at z = 0..5: scrolling series 1 to z = 4 shows z = 4 in series 2.
    a->viewport()->setSlice(4);
    QTRY_COMPARE(b->viewport()->slice(), 4);
    const auto pa = a->slicePosition(a->viewport()->slice());
    const auto pb = b->slicePosition(b->viewport()->slice());
    QVERIFY(pa && pb);
    QCOMPARE((*pa)[2], (*pb)[2]);
    // Beyond series 2's end it stays at its nearest slice.
    a->viewport()->setSlice(10);
    QTRY_COMPARE(b->viewport()->slice(), 5);
    window.setSyncEnabled(false);
    a->viewport()->setSlice(0);
    QTest::qWait(50);
    QCOMPARE(b->viewport()->slice(), 5);
}

void TestViewer::ctPresets_setTheWindow()
{
    const ViewerStudy s = viewerstudy::fromPaths({m_files}).first();
    ViewerWindow window(s, {});
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    ViewportPane *pane = window.panes().first();
    QVERIFY(waitLoaded(pane));
    auto *presets = window.findChild<QComboBox *>("windowPresets");
    QVERIFY(presets);
    int lung = -1;
    for (int i = 0; i < presets->count(); ++i)
        if (presets->itemText(i).startsWith("Lung"))
            lung = i;
    QVERIFY2(lung > 0, "CT presets missing");
    // The file's own window comes first in the list.
    QVERIFY(presets->itemText(1).contains("512"));
    presets->activated(lung);
    QCOMPARE(pane->viewport()->window(), qMakePair(-600.0, 1500.0));
}

void TestViewer::laterSlices_joinInPlace()
{
    // Open the series with half its files, then "receive" the rest.
    ViewerStudy s = viewerstudy::fromPaths({m_files}).first();
    ViewerSeries series = s.series.first();
    const QStringList all = series.files;
    QStringList firstHalf;
    for (int i = 0; i < all.size(); i += 2)
        firstHalf << all.at(i);
    s.series[0].files = firstHalf;
    ViewerWindow window(s, {});
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    ViewportPane *pane = window.panes().first();
    QVERIFY(waitLoaded(pane));
    QCOMPARE(pane->viewport()->sliceCount(), 6);
    pane->viewport()->setSlice(3);
    pane->viewport()->setWindow(100, 300);
    pane->viewport()->setZoom(2.0);
    const auto before = pane->slicePosition(3);
    QVERIFY(before);

    s.series[0].files = all;
    window.updateStudy(s);
    QTRY_COMPARE_WITH_TIMEOUT(pane->viewport()->sliceCount(), 12, 10000);
    QVERIFY(waitLoaded(pane));
    // The same slice (by position), zoom and window as before.
    const auto after = pane->slicePosition(pane->viewport()->slice());
    QVERIFY(after);
    QCOMPARE((*after)[2], (*before)[2]);
    QCOMPARE(pane->viewport()->window(), qMakePair(100.0, 300.0));
    QCOMPARE(pane->viewport()->zoom(), 2.0);
}

void TestViewer::viewCommand_opensFolderWithoutImporting()
{
    QTemporaryDir home;
    // A patient CD carries more than images: its own viewer, autorun and text files. They are passed over quietly.
    QDir(home.path()).mkpath("cd/viewer");
    auto put = [&](const QString &name, const QByteArray &bytes) {
        QFile f(home.filePath("cd/" + name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    put("README.TXT", "Images of the examination. Start viewer/viewer.exe to see them.\r\n");
    put("AUTORUN.INF", "[autorun]\r\nopen=viewer\\viewer.exe\r\n");
    put("viewer/viewer.exe", QByteArray("MZ\x90\x00", 4) + QByteArray(4096, '\x01'));
    QProcess lightbox;
    QProcessEnvironment env = testEnvironment(home.path());
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    lightbox.setProcessEnvironment(env);
    lightbox.setProcessChannelMode(QProcess::MergedChannels);
    lightbox.start(qEnvironmentVariable("LIGHTBOX_BIN"), {"--view", m_files, home.filePath("cd")});
    QVERIFY(lightbox.waitForStarted());
    QByteArray log;
    QElapsedTimer clock;
    clock.start();
    while (!log.contains("first image on screen") && clock.elapsed() < 20000) {
        lightbox.waitForReadyRead(200);
        log += lightbox.readAll();
    }
    QVERIFY2(log.contains("first image on screen"), log.constData());
    QVERIFY2(!log.contains("DCMTK"), log.constData());
    terminateByPid(lightbox, 10000);
    // Nothing was imported: no index was made in the storage folder.
    QVERIFY(!QFile::exists(home.filePath("data/lightbox/index.sqlite")));
}

void TestViewer::everyPydicomImage_opensOrSaysWhy()
{
    // Every pydicom test file: the viewer shows pixels or a plain message in the viewport, never crashes.
    QDirIterator it(pydicomTestFiles(), {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    QVERIFY(files.size() > 50);
    ViewerStudy empty;
    ViewerWindow window(empty, {});
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    ViewportPane *pane = window.panes().first();
    int shown = 0;
    int refused = 0;
    QStringList notOpened;
    for (const QString &file : files) {
        const QList<ViewerStudy> studies = viewerstudy::fromPaths({file});
        if (studies.isEmpty() || studies.first().series.isEmpty()) {
            notOpened << QFileInfo(file).fileName();
            continue; // Not an image (no rows), or not readable as DICOM: nothing to open.
        }
        QSignalSpy finished(pane, &ViewportPane::loadFinished);
        pane->showSeries(studies.first(), studies.first().series.first());
        QVERIFY2(finished.wait(20000), qPrintable(file));
        if (pane->viewport()->image().isValid()) {
            ++shown;
            QCoreApplication::processEvents();
            QVERIFY(!pane->grabImage().isNull());
        } else {
            ++refused;
            QVERIFY2(!pane->warnings().isEmpty(), qPrintable(file + ": nothing shown and no reason given"));
        }
    }
    // What pydicom itself finds: images (Pixel Data with Rows; two test files hide Pixel Data without image
    // attributes, in a private sequence or without a transfer syntax, and are not images to open).
    const ToolResult expected = run(python(),
                                    {"-c",
                                     "import pydicom,glob,sys\n"
                                     "n=0\n"
                                     "for f in glob.glob(sys.argv[1]+'/**/*.dcm',recursive=True):\n"
                                     "  try:\n"
                                     "    d=pydicom.dcmread(f,force=True)\n"
                                     "    n+=('PixelData' in d and 'Rows' in d)\n"
                                     "  except Exception: pass\n"
                                     "print(n)",
                                     pydicomTestFiles()});
    const int withPixels = expected.out.trimmed().toInt();
    qInfo() << "pydicom files with pixel data:" << withPixels << "shown:" << shown
            << "refused with a reason:" << refused << "not opened:" << notOpened;
    QVERIFY(withPixels > 40);
    QCOMPARE(shown + refused, withPixels);
}

void TestViewer::droppedSeries_andPriors_showInTheirViewport()
{
    const ViewerStudy s = viewerstudy::fromPaths({m_files}).first();
    ViewerWindow window(s, {});
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    window.setLayout(1, 2);
    ViewportPane *right = window.panes().at(1);
    QVERIFY(waitLoaded(right));
    // A series dragged from the strip onto the right viewport replaces what it shows.
    const QString mr = s.series.at(2).seriesInstanceUid;
    QMimeData mime;
    mime.setData(ViewportPane::seriesMimeType(), mr.toUtf8());
    const QPointF centre(right->width() / 2.0, right->height() / 2.0);
    QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(right, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(right, &drop);
    QCOMPARE(right->seriesUid(), mr);
    QVERIFY(waitLoaded(right));
    QCOMPARE(right->viewport()->sliceCount(), 4);
    QCOMPARE(window.activePane(), right);

    // A prior study of the patient opens beside the current one, and its series join the strip.
    ViewerStudy prior = s;
    prior.studyInstanceUid = "1.2.3.prior";
    prior.studyDate = "20200101";
    prior.series = {s.series.at(3)};
    prior.series[0].seriesInstanceUid = "1.2.3.prior.1";
    window.addStudy(prior);
    QCOMPARE(window.activePane(), window.panes().at(1));
    QCOMPARE(window.panes().at(1)->seriesUid(), QString("1.2.3.prior.1"));
    QVERIFY(waitLoaded(window.panes().at(1)));
    auto *strip = window.findChild<QListWidget *>("seriesStrip");
    QVERIFY(strip);
    QCOMPARE(strip->count(), 5);
}

int main(int argc, char *argv[])
{
    // VTK on Debian is GLX-only: without an X server there is no GL to test with. Say so instead of crashing.
    if (!qEnvironmentVariableIsSet("DISPLAY")) {
        fprintf(stderr, "This test needs an X server: run it under xvfb-run -a -s \"-screen 0 1280x1024x24\"\n");
        return 1;
    }
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    VtkOpenGLWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    initializeDcmtk();
    TestViewer test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_viewer.moc"
