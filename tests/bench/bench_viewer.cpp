// The viewer on a large series, in one process on real GL (Mesa llvmpipe under xvfb-run):
//   bench_viewer CT_DIR WARM_DIR RUNS
// Warms up once (opens and closes WARM_DIR, a small series, so libraries, fonts and GL are initialised), reads the
// CT study with viewerstudy::fromPaths (timed, not part of "from open": the browser gets the study from the index),
// renders its strip thumbnail once (the browser's series panel has cached it by the time a user opens the study),
// then RUNS times: a ViewerWindow on the study, shown; ms to ViewerWindow::firstImageShown ("from open"), to the
// first frame painted after it (the image really in the framebuffer) and to the pane's loadFinished (whole
// volume); then one step per frame through every slice (setSlice, wait for framePainted) for frames per second;
// peak RSS of the run (VmHWM, reset per run through /proc/self/clear_refs) and VmRSS before, loaded and after
// close. Then RUNS more opens with an empty thumbnail folder (what `lightbox --view` does), timed to the same
// points without scrolling. Prints one key=value line per run; bench_viewer.sh takes the medians.

#include "core/dicom/DcmtkSetup.h"
#include "core/imaging/ThumbnailCache.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/ViewerStudy.h"
#include "ui/viewer/ViewerWindow.h"
#include "ui/viewer/ViewportPane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace lightbox;

namespace {

long statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Resident kB of the mappings of the software GL driver (Mesa llvmpipe: libLLVM and the swrast/gallium driver),
// code and relocated data: memory the process holds only because it renders on the CPU.
long glDriverKb()
{
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly))
        return -1;
    long total = 0;
    bool driver = false;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 5 && fields[0].contains('-') && !line.endsWith(':')) {
            const QByteArray path = fields.size() >= 6 ? fields.last() : QByteArray();
            driver = path.contains("libLLVM") || path.contains("swrast_dri") || path.contains("libgallium");
        } else if (driver && line.startsWith("Rss:")) {
            total += fields.value(1).toLong();
        }
    }
    return total;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0), so each run's peak is its own.
void resetPeakRss()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

// Runs the event loop until @p done() holds or @p timeoutMs passes. @return whether done() holds.
// The wait blocks between events as QApplication::exec() does (processEvents(flags, ms) would not: it drops
// WaitForMoreEvents and spins, which took a whole core from the decoders while a volume loaded); a timer wakes it
// at least every 10 ms to check done() and the timeout.
template<typename Done> bool waitFor(Done done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake;
    wake.start(10);
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return done();
}

struct RunResult
{
    double firstMs = -1; // ViewerWindow::firstImageShown
    double paintedMs = -1; // the first frame painted after it
    double loadedMs = -1; // ViewportPane::loadFinished
    double constructedMs = -1; // ViewerWindow constructed (the loader has started)
    double showReturnedMs = -1; // show() returned
    double firstPaintMs = -1; // the viewport's first frame of any kind (GL initialised, still empty)
    double maxStallMs = 0; // longest time the GUI thread did not run a 5 ms timer, open to whole volume
    int framesDuringLoad = 0; // frames painted from open to the whole volume (each competes with the decoders)
    double fps = -1;
    int slices = 0;
    qint64 voxelBytes = 0;
    long rssBeforeKb = 0;
    long rssLoadedKb = 0;
    long anonLoadedKb = 0; // RssAnon when loaded (the rest of VmRSS is mapped files: libraries, fonts)
    long glDriverKb = 0; // of VmRSS when loaded: the software GL driver's mappings (glDriverKb())
    long hwmKb = 0;
    long rssClosedKb = 0;
    bool ok = false;
};

// Scrolls @p viewport through every slice, one step per painted frame. @return frames per second.
double scrollAll(ImageViewport *viewport)
{
    const int count = viewport->sliceCount();
    if (count < 2)
        return -1;
    bool painted = false;
    auto once = QObject::connect(viewport, &VtkOpenGLWidget::framePainted, viewport, [&] { painted = true; });
    viewport->setSlice(0);
    if (viewport->slice() != 0 || !waitFor([&] { return painted; }, 10000)) {
        QObject::disconnect(once);
        return -1;
    }
    QObject::disconnect(once);

    int slice = 0;
    bool done = false;
    QElapsedTimer clock;
    // Queued: the next step starts after this frame's whole repaint (paintGL, then the window's composition).
    auto step = QObject::connect(
        viewport, &VtkOpenGLWidget::framePainted, viewport,
        [&] {
            if (slice + 1 >= count) {
                done = true;
                return;
            }
            viewport->setSlice(++slice);
        },
        Qt::QueuedConnection);
    clock.start();
    viewport->setSlice(++slice);
    const bool finished = waitFor([&] { return done; }, 120000);
    const double seconds = clock.nsecsElapsed() / 1e9;
    QObject::disconnect(step);
    return finished ? (count - 1) / seconds : -1;
}

RunResult openOnce(const ViewerStudy &study, const QString &thumbnailDir, bool scroll)
{
    RunResult r;
    waitFor([] { return false; }, 300); // let the previous window's deferred deletes and thumbnails settle
    QThreadPool::globalInstance()->waitForDone();
    resetPeakRss();
    r.rssBeforeKb = statusKb("VmRSS:");

    QElapsedTimer clock;
    clock.start();
    QPointer<ViewerWindow> window = new ViewerWindow(study, thumbnailDir);
    r.constructedMs = clock.nsecsElapsed() / 1e6;
    ViewportPane *pane = window->panes().value(0);
    if (!pane)
        return r;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    qint64 lastTick = clock.nsecsElapsed();
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        const qint64 now = clock.nsecsElapsed();
        r.maxStallMs = std::max(r.maxStallMs, (now - lastTick) / 1e6);
        lastTick = now;
    });
    ticker.start(5);
    bool shown = false;
    QObject::connect(window, &ViewerWindow::firstImageShown, window, [&] {
        r.firstMs = clock.nsecsElapsed() / 1e6;
        shown = true;
    });
    QObject::connect(pane->viewport(), &VtkOpenGLWidget::framePainted, window, [&] {
        if (r.firstPaintMs < 0)
            r.firstPaintMs = clock.nsecsElapsed() / 1e6;
        if (r.loadedMs < 0)
            ++r.framesDuringLoad;
        if (shown && r.paintedMs < 0)
            r.paintedMs = clock.nsecsElapsed() / 1e6;
    });
    QObject::connect(pane, &ViewportPane::loadFinished, window, [&] {
        if (r.loadedMs < 0)
            r.loadedMs = clock.nsecsElapsed() / 1e6;
    });
    // Diagnostic knob: LIGHTBOX_BENCH_WINDOW=WxH (default: the window's own 1200x820).
    const QList<QByteArray> size = qgetenv("LIGHTBOX_BENCH_WINDOW").split('x');
    if (size.size() == 2)
        window->resize(size[0].toInt(), size[1].toInt());
    window->show();
    r.showReturnedMs = clock.nsecsElapsed() / 1e6;
    const bool loaded = waitFor([&] { return r.paintedMs >= 0 && r.loadedMs >= 0; }, 120000);
    ticker.stop();
    r.rssLoadedKb = statusKb("VmRSS:");
    r.anonLoadedKb = statusKb("RssAnon:");
    r.glDriverKb = glDriverKb();
    const ViewportImage &image = pane->viewport()->image();
    r.slices = image.slices;
    r.voxelBytes = qint64(image.width) * image.height * image.slices * ViewportImage::bytesPerVoxel(image.type);
    if (loaded && scroll)
        r.fps = scrollAll(pane->viewport());
    r.hwmKb = statusKb("VmHWM:");

    window->close(); // WA_DeleteOnClose
    waitFor([&] { return window.isNull(); }, 10000);
    QThreadPool::globalInstance()->waitForDone();
    waitFor([] { return false; }, 200);
    r.rssClosedKb = statusKb("VmRSS:");
    r.ok = loaded && window.isNull();
    return r;
}

void print(const char *mode, int run, const RunResult &r)
{
    std::printf("mode=%s run=%d ok=%d slices=%d first_ms=%.1f painted_ms=%.1f loaded_ms=%.1f fps=%.1f "
                "voxel_bytes=%lld vmhwm_kb=%ld rss_before_kb=%ld rss_loaded_kb=%ld anon_loaded_kb=%ld "
                "rss_closed_kb=%ld constructed_ms=%.1f show_returned_ms=%.1f first_paint_ms=%.1f max_stall_ms=%.1f "
                "frames_during_load=%d gl_driver_kb=%ld\n",
                mode, run, r.ok ? 1 : 0, r.slices, r.firstMs, r.paintedMs, r.loadedMs, r.fps,
                static_cast<long long>(r.voxelBytes), r.hwmKb, r.rssBeforeKb, r.rssLoadedKb, r.anonLoadedKb,
                r.rssClosedKb, r.constructedMs, r.showReturnedMs, r.firstPaintMs, r.maxStallMs, r.framesDuringLoad,
                r.glDriverKb);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    VtkOpenGLWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    initializeDcmtk();
    const QStringList args = QApplication::arguments();
    if (args.size() != 4 || args[3].toInt() < 1) {
        std::fprintf(stderr, "usage: bench_viewer CT_DIR WARM_DIR RUNS\n");
        return 2;
    }
    const int runs = args[3].toInt();
    QTemporaryDir thumbs;
    if (!thumbs.isValid())
        return std::fprintf(stderr, "no temporary folder\n"), 2;

    const QList<ViewerStudy> warm = viewerstudy::fromPaths({args[2]});
    if (warm.isEmpty())
        return std::fprintf(stderr, "no DICOM images in %s\n", qPrintable(args[2])), 2;
    const RunResult w = openOnce(warm.first(), thumbs.filePath(QStringLiteral("warm")), true);
    print("warmup", 0, w);

    QElapsedTimer clock;
    clock.start();
    const QList<ViewerStudy> studies = viewerstudy::fromPaths({args[1]});
    const double fromPathsMs = clock.nsecsElapsed() / 1e6;
    if (studies.isEmpty() || studies.first().series.isEmpty())
        return std::fprintf(stderr, "no DICOM images in %s\n", qPrintable(args[1])), 2;
    const ViewerStudy &study = studies.first();
    std::printf("mode=frompaths files=%d ms=%.1f\n", study.imageCount(), fromPathsMs);

    // The browser's series panel has rendered the thumbnail before the user opens the study.
    const QString cached = thumbs.filePath(QStringLiteral("cached"));
    const ViewerSeries &series = study.series.first();
    if (ThumbnailCache(cached).cachedOrRender(series.seriesInstanceUid, series.files, 96).isNull())
        return std::fprintf(stderr, "no thumbnail for the series\n"), 2;

    int failures = 0;
    for (int run = 1; run <= runs; ++run) {
        const RunResult r = openOnce(study, cached, true);
        print("open", run, r);
        failures += r.ok ? 0 : 1;
    }
    for (int run = 1; run <= runs; ++run) {
        const RunResult r = openOnce(study, thumbs.filePath(QStringLiteral("fresh%1").arg(run)), false);
        print("open-fresh-thumbs", run, r);
        failures += r.ok ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}
