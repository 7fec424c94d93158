// The image viewport renders what DICOM says it should: grey levels read back from the framebuffer equal the LINEAR
// VOI formula for the window in modality units (any slope sign, MONOCHROME1, invert), the probe returns modality
// values, scrolling shows each slice, rotate/flip move pixels where imageToWidget says and update the orientation
// letters. Needs GL: run under xvfb-run (ctest does on CI).
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/ViewportOverlay.h"
#include "ui/viewer/VtkOpenGLWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLWindow>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkRenderer.h>

using namespace lightbox;

namespace {

constexpr int imageSize = 256;
constexpr int viewSize = 512;

/// DICOM PS3.3 C.11.2.1.2.1, LINEAR, output range 0..255.
double dicomLinear(double x, double c, double w)
{
    if (x <= c - 0.5 - (w - 1) / 2)
        return 0;
    if (x > c - 0.5 + (w - 1) / 2)
        return 255;
    return ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
}

/// An int16 image whose slices are filled by @p modalityAt(column, row, slice), stored as (value − b) / m.
template<typename F> ViewportImage int16Image(int slices, double slope, double intercept, F modalityAt)
{
    auto voxels = std::make_shared<std::vector<std::int16_t>>(static_cast<std::size_t>(imageSize) * imageSize
                                                              * static_cast<std::size_t>(slices));
    for (int k = 0; k < slices; ++k)
        for (int row = 0; row < imageSize; ++row)
            for (int column = 0; column < imageSize; ++column)
                (*voxels)[(static_cast<std::size_t>(k) * imageSize + row) * imageSize + column]
                    = static_cast<std::int16_t>(std::lround((modalityAt(column, row, k) - intercept) / slope));
    ViewportImage image;
    image.keepAlive = voxels;
    image.data = voxels->data();
    image.type = ViewportImage::Type::Int16;
    image.width = imageSize;
    image.height = imageSize;
    image.slices = slices;
    image.columnSpacing = 0.7;
    image.rowSpacing = 0.7;
    image.sliceSpacing = 2.5;
    image.slope = slope;
    image.intercept = intercept;
    image.modality = QStringLiteral("CT");
    return image;
}

/// Quadrants (top-left, top-right, bottom-left, bottom-right) of −1000, 0, 40 and 1000 HU.
const std::array<double, 4> quadrantValues {-1000, 0, 40, 1000};
const std::array<QPointF, 4> quadrantCenters {QPointF(64, 64), QPointF(192, 64), QPointF(64, 192), QPointF(192, 192)};

ViewportImage quadrantImage(double slope = 1, double intercept = -1024)
{
    return int16Image(1, slope, intercept, [](int column, int row, int) {
        return quadrantValues[(row >= imageSize / 2 ? 2 : 0) + (column >= imageSize / 2 ? 1 : 0)];
    });
}

/// A CT-like phantom for the screenshot: air, a body ellipse of soft tissue with fat, a spine and two lungs.
ViewportImage phantomImage()
{
    ViewportImage image = int16Image(40, 1, -1024, [](int column, int row, int k) {
        const double x = (column - 128.0) / 128.0;
        const double y = (row - 128.0) / 128.0;
        auto inEllipse = [&](double cx, double cy, double rx, double ry) {
            return std::pow((x - cx) / rx, 2) + std::pow((y - cy) / ry, 2) <= 1;
        };
        if (!inEllipse(0, 0, 0.9, 0.7))
            return -1000.0;
        if (inEllipse(0, 0.45, 0.12, 0.12))
            return 1200.0; // vertebra
        if (inEllipse(-0.42, -0.05, 0.3, 0.45 - k * 0.004) || inEllipse(0.42, -0.05, 0.3, 0.45 - k * 0.004))
            return -850.0; // lungs
        if (inEllipse(0.05, -0.1, 0.15, 0.15))
            return 45.0; // heart
        if (!inEllipse(0, 0, 0.82, 0.62))
            return -100.0; // fat
        return 30.0;
    });
    image.patientName = QStringLiteral("PHANTOM^CHEST");
    image.patientId = QStringLiteral("LB-0001");
    image.studyDate = QDate(2024, 3, 14);
    image.studyDescription = QStringLiteral("CT Chest");
    image.seriesDescription = QStringLiteral("Axial 2.5 mm");
    image.presetsFromFile = {{40, 400}, {-600, 1500}};
    image.origin = {-89.6, -89.6, -50};
    image.direction = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (int k = 0; k < image.slices; ++k)
        image.sliceInfo.append(SliceInfo {{-89.6, -89.6, -50 + 2.5 * k}, 2.5, k + 1});
    return image;
}

/// The widget pixel that contains @p widgetPoint (pixel x covers [x, x + 1)).
QPoint pixelAt(QPointF widgetPoint, qreal ratio = 1)
{
    return QPoint(static_cast<int>(std::floor(widgetPoint.x() * ratio)),
                  static_cast<int>(std::floor(widgetPoint.y() * ratio)));
}

/// Counts the frames VTK renders in @p viewport (its render window's StartEvent) while it lives.
struct RenderCounter
{
    explicit RenderCounter(VtkOpenGLWidget *viewport)
        : window(viewport->renderWindow())
    {
        callback->SetClientData(&count);
        callback->SetCallback(
            [](vtkObject *, unsigned long, void *counted, void *) { ++*static_cast<int *>(counted); });
        window->AddObserver(vtkCommand::StartEvent, callback);
    }
    ~RenderCounter() { window->RemoveObserver(callback); }
    RenderCounter(const RenderCounter &) = delete;
    RenderCounter &operator=(const RenderCounter &) = delete;

    vtkGenericOpenGLRenderWindow *window;
    vtkNew<vtkCallbackCommand> callback;
    int count = 0;
};

int greyAt(const QImage &shot, QPointF widgetPoint, qreal ratio)
{
    return qRed(shot.pixel(pixelAt(widgetPoint, ratio)));
}

void sendWheel(QWidget *widget, int deltaY, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const QPointF position(widget->width() / 2.0, widget->height() / 2.0);
    QWheelEvent event(position, widget->mapToGlobal(position), QPoint(), QPoint(0, deltaY), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

void sendMouse(QWidget *widget, QEvent::Type type, QPointF position, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, position, widget->mapToGlobal(position), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestViewport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void linearWindow_matchesDicomFormula_data();
    void linearWindow_matchesDicomFormula();
    void linearWindow_rampWithinOneGreyLevel();
    void negativeSlope_rendersLikePositiveSlope();
    void monochrome1_rendersInverted();
    void invertToggle_invertsGreys();
    void probe_returnsModalityValue_data();
    void probe_returnsModalityValue();
    void patientPoint_followsPositionAndDirections();
    void scrolling_showsEachSlice();
    void rotateAndFlip_movePixelsWhereImageToWidgetSays();
    void zoom_oneToOneIsOneImagePixelPerScreenPixel();
    void rightDrag_changesWindow();
    void colorImage_showsColors();
    void orientationLabels_data();
    void orientationLabels();
    void obliqueDirection_hasTwoLetters();
    void rulerLength_isRoundAndFits();
    void screenshot_axialWithOverlays();
    void outlinedText_brightGlyphsInADarkOutlineAtTheBaseline();
    void scrolling_largeVolumeIsInteractive();
    void growingSeries_keepsViewAndShowsNewData();
    void spareSurface_isReusedAndRendersTheNewImage();
    void exposedAgain_showsTheLastPictureWithoutRenderingIt();
    void volumeReplacingItsPreview_isNotRenderedAgainWhenThePictureIsTheSame();
    void rendering_allocatesOnlyTheFramebufferItDrawsInto();

private:
    QImage render(bool overlays = false);
    std::unique_ptr<ImageViewport> m_viewport;
};

void TestViewport::initTestCase()
{
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext context;
    if (!context.create() || !context.makeCurrent(&surface))
        QFAIL("No OpenGL 3.2 context: run under xvfb-run -a -s \"-screen 0 1280x1024x24\"");
}

void TestViewport::init()
{
    m_viewport = std::make_unique<ImageViewport>();
    m_viewport->resize(viewSize, viewSize);
    m_viewport->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_viewport.get()));
}

void TestViewport::cleanup()
{
    m_viewport.reset();
}

QImage TestViewport::render(bool overlays)
{
    m_viewport->setOverlaysVisible(overlays);
    return m_viewport->grabImage();
}

void TestViewport::linearWindow_matchesDicomFormula_data()
{
    QTest::addColumn<double>("center");
    QTest::addColumn<double>("width");
    QTest::newRow("soft tissue 40/400") << 40.0 << 400.0;
    QTest::newRow("bone 500/2000") << 500.0 << 2000.0;
    QTest::newRow("lung -600/1500") << -600.0 << 1500.0;
    QTest::newRow("narrow 20/41") << 20.0 << 41.0;
    QTest::newRow("threshold 1/1") << 1.0 << 1.0;
}

void TestViewport::linearWindow_matchesDicomFormula()
{
    QFETCH(double, center);
    QFETCH(double, width);
    m_viewport->setImage(quadrantImage());
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(center, width);
    QCOMPARE(m_viewport->window(), qMakePair(center, width));
    const QImage shot = render();
    for (int q = 0; q < 4; ++q) {
        const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
        const double expected = dicomLinear(quadrantValues[q], center, width);
        QVERIFY2(std::abs(grey - expected) <= 1.0,
                 qPrintable(QString("%1 HU: grey %2, DICOM %3").arg(quadrantValues[q]).arg(grey).arg(expected)));
    }
}

void TestViewport::linearWindow_rampWithinOneGreyLevel()
{
    // One HU per column from −300: every grey level of the 40/400 window appears.
    m_viewport->setImage(int16Image(1, 1, -1024, [](int column, int, int) { return -300.0 + 2 * column; }));
    m_viewport->setSmoothInterpolation(false);
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    const QImage shot = render();
    double worst = 0;
    for (int column = 0; column < imageSize; ++column) {
        const int grey = greyAt(shot, m_viewport->imageToWidget(QPointF(column, 100)), shot.devicePixelRatio());
        const double expected = dicomLinear(-300.0 + 2 * column, 40, 400);
        worst = std::max(worst, std::abs(grey - expected));
        QVERIFY2(std::abs(grey - expected) <= 1.0,
                 qPrintable(QString("column %1: grey %2, DICOM %3").arg(column).arg(grey).arg(expected)));
    }
    qInfo("largest difference from the DICOM formula: %.2f grey levels", worst);
}

void TestViewport::negativeSlope_rendersLikePositiveSlope()
{
    // Stored values run the other way (stored = (HU − 1000) / −1); the screen must not.
    m_viewport->setImage(quadrantImage(-1, 1000));
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    const QImage shot = render();
    for (int q = 0; q < 4; ++q) {
        const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
        QVERIFY2(std::abs(grey - dicomLinear(quadrantValues[q], 40, 400)) <= 1.0,
                 qPrintable(QString("%1 HU: grey %2").arg(quadrantValues[q]).arg(grey)));
    }
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(quadrantCenters[3]))), 1000.0);
}

void TestViewport::monochrome1_rendersInverted()
{
    ViewportImage image = quadrantImage();
    image.monochrome1 = true;
    m_viewport->setImage(image);
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    const QImage shot = render();
    for (int q = 0; q < 4; ++q) {
        const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
        QVERIFY2(std::abs(grey - (255 - dicomLinear(quadrantValues[q], 40, 400))) <= 1.0,
                 qPrintable(QString("%1 HU: grey %2").arg(quadrantValues[q]).arg(grey)));
    }
}

void TestViewport::invertToggle_invertsGreys()
{
    for (const bool monochrome1 : {false, true}) {
        ViewportImage image = quadrantImage();
        image.monochrome1 = monochrome1;
        m_viewport->setImage(image);
        m_viewport->setZoom(1.0);
        m_viewport->setWindow(40, 400);
        QSignalSpy viewChanged(m_viewport.get(), &ImageViewport::viewChanged);
        QTest::keyClick(m_viewport.get(), Qt::Key_I);
        QVERIFY(m_viewport->isInverted());
        QCOMPARE(viewChanged.count(), 1);
        const QImage shot = render();
        for (int q = 0; q < 4; ++q) {
            const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
            const double normal = dicomLinear(quadrantValues[q], 40, 400);
            const double expected = monochrome1 ? normal : 255 - normal; // inverting MONOCHROME1 shows it upright
            QVERIFY2(std::abs(grey - expected) <= 1.0,
                     qPrintable(QString("MONOCHROME1=%1, %2 HU: grey %3, expected %4")
                                    .arg(monochrome1)
                                    .arg(quadrantValues[q])
                                    .arg(grey)
                                    .arg(expected)));
        }
    }
}

void TestViewport::probe_returnsModalityValue_data()
{
    QTest::addColumn<double>("slope");
    QTest::addColumn<double>("intercept");
    QTest::newRow("CT 1/-1024") << 1.0 << -1024.0;
    QTest::newRow("2/-100") << 2.0 << -100.0;
    QTest::newRow("-1/1000") << -1.0 << 1000.0;
}

void TestViewport::probe_returnsModalityValue()
{
    QFETCH(double, slope);
    QFETCH(double, intercept);
    m_viewport->setImage(quadrantImage(slope, intercept));
    for (int q = 0; q < 4; ++q) {
        const QPoint at = pixelAt(m_viewport->imageToWidget(quadrantCenters[q]));
        const double stored = std::lround((quadrantValues[q] - intercept) / slope);
        QCOMPARE(m_viewport->valueAt(at), stored * slope + intercept);
    }
    // Exactly one pixel: column 200 differs from its neighbours.
    auto voxels = std::make_shared<std::vector<std::int16_t>>(imageSize * imageSize, 7);
    (*voxels)[50 * imageSize + 200] = 123;
    ViewportImage single = quadrantImage(slope, intercept);
    single.keepAlive = voxels;
    single.data = voxels->data();
    m_viewport->setImage(single);
    m_viewport->setZoom(4.0);
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(QPointF(200, 50)))), 123 * slope + intercept);
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(QPointF(200.4, 50.4)))), 123 * slope + intercept);
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(QPointF(201, 50)))), 7 * slope + intercept);
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(QPointF(-3, 50)))), std::nullopt);
}

void TestViewport::patientPoint_followsPositionAndDirections()
{
    ViewportImage image = quadrantImage();
    image.origin = {-100, 50, 20};
    image.direction = {0, 1, 0, 0, 0, -1, -1, 0, 0}; // sagittal
    image.columnSpacing = 0.5;
    image.rowSpacing = 0.8;
    m_viewport->setImage(image);
    const auto point = m_viewport->patientPointAt(pixelAt(m_viewport->imageToWidget(QPointF(10, 20))));
    QVERIFY(point);
    QCOMPARE((*point)[0], -100.0);
    QCOMPARE((*point)[1], 50 + 10 * 0.5);
    QCOMPARE((*point)[2], 20 - 20 * 0.8);
}

void TestViewport::scrolling_showsEachSlice()
{
    // Slice k is uniformly 100 × k HU; window 200/400 maps it to a distinct grey.
    constexpr int slices = 12;
    m_viewport->setImage(int16Image(slices, 1, -1024, [](int, int, int k) { return 100.0 * k; }));
    m_viewport->setWindow(500, 1200);
    QCOMPARE(m_viewport->sliceCount(), slices);
    QCOMPARE(m_viewport->slice(), 0);
    QSignalSpy changed(m_viewport.get(), &ImageViewport::sliceChanged);
    const QPointF middle = m_viewport->imageToWidget(QPointF(128, 128));
    auto shownSlice = [&] {
        const QImage shot = render();
        const int grey = greyAt(shot, middle, shot.devicePixelRatio());
        for (int k = 0; k < slices; ++k)
            if (std::abs(grey - dicomLinear(100.0 * k, 500, 1200)) <= 1.0)
                return k;
        return -1;
    };
    QCOMPARE(shownSlice(), 0);
    sendWheel(m_viewport.get(), -120); // towards the user: next slice
    QCOMPARE(m_viewport->slice(), 1);
    QCOMPARE(shownSlice(), 1);
    QTest::keyClick(m_viewport.get(), Qt::Key_Down);
    QCOMPARE(shownSlice(), 2);
    sendWheel(m_viewport.get(), 120);
    QCOMPARE(shownSlice(), 1);
    QTest::keyClick(m_viewport.get(), Qt::Key_PageDown);
    QCOMPARE(shownSlice(), 2);
    QTest::keyClick(m_viewport.get(), Qt::Key_End);
    QCOMPARE(shownSlice(), slices - 1);
    QTest::keyClick(m_viewport.get(), Qt::Key_Down); // already at the end
    QCOMPARE(m_viewport->slice(), slices - 1);
    QTest::keyClick(m_viewport.get(), Qt::Key_Home);
    QCOMPARE(shownSlice(), 0);
    m_viewport->setSlice(7);
    QCOMPARE(shownSlice(), 7);
    QCOMPARE(m_viewport->valueAt(pixelAt(middle)), 700.0);
    const QList<int> expected {1, 2, 1, 2, slices - 1, 0, 7};
    QList<int> seen;
    for (const auto &arguments : changed)
        seen << arguments.at(0).toInt();
    QCOMPARE(seen, expected);
}

void TestViewport::rotateAndFlip_movePixelsWhereImageToWidgetSays()
{
    m_viewport->setImage(quadrantImage());
    m_viewport->setZoom(1.5);
    m_viewport->pan(QPointF(17, -9));
    m_viewport->setWindow(40, 400);
    const QList<std::function<void()>> steps {[&] { m_viewport->rotate90(true); },
                                              [&] { m_viewport->flip(true); },
                                              [&] { m_viewport->rotate90(false); },
                                              [&] { m_viewport->flip(false); },
                                              [&] { QTest::keyClick(m_viewport.get(), Qt::Key_R); },
                                              [&] { QTest::keyClick(m_viewport.get(), Qt::Key_H); }};
    for (int step = 0; step <= steps.size(); ++step) {
        if (step > 0)
            steps[step - 1]();
        const QImage shot = render();
        for (int q = 0; q < 4; ++q) {
            const QPointF at = m_viewport->imageToWidget(quadrantCenters[q]);
            QCOMPARE(m_viewport->widgetToImage(at), quadrantCenters[q]);
            const int grey = greyAt(shot, at, shot.devicePixelRatio());
            QVERIFY2(std::abs(grey - dicomLinear(quadrantValues[q], 40, 400)) <= 1.0,
                     qPrintable(QString("step %1, quadrant %2: grey %3").arg(step).arg(q).arg(grey)));
        }
    }
}

void TestViewport::zoom_oneToOneIsOneImagePixelPerScreenPixel()
{
    m_viewport->setImage(quadrantImage());
    QTest::keyClick(m_viewport.get(), Qt::Key_1);
    QCOMPARE(m_viewport->zoom(), 1.0);
    const qreal ratio = m_viewport->devicePixelRatioF();
    const QPointF a = m_viewport->imageToWidget(QPointF(10, 10));
    const QPointF b = m_viewport->imageToWidget(QPointF(11, 10));
    QCOMPARE((b - a).x() * ratio, 1.0);
    // The quadrant border lies exactly between columns 127 and 128 on screen.
    m_viewport->setSmoothInterpolation(false);
    m_viewport->setWindow(40, 400);
    const QImage shot = render();
    const QPointF left = m_viewport->imageToWidget(QPointF(127, 10));
    const QPointF right = m_viewport->imageToWidget(QPointF(128, 10));
    QCOMPARE(greyAt(shot, left, ratio), 0);
    QVERIFY(std::abs(greyAt(shot, right, ratio) - dicomLinear(0, 40, 400)) <= 1.0);
    // Fit: the whole image inside the widget, touching two opposite edges.
    QTest::keyClick(m_viewport.get(), Qt::Key_F);
    const QPointF topLeft = m_viewport->imageToWidget(QPointF(-0.5, -0.5));
    const QPointF bottomRight = m_viewport->imageToWidget(QPointF(imageSize - 0.5, imageSize - 0.5));
    QCOMPARE(topLeft, QPointF(0, 0));
    QCOMPARE(bottomRight, QPointF(viewSize, viewSize));
}

void TestViewport::rightDrag_changesWindow()
{
    m_viewport->setImage(quadrantImage());
    m_viewport->setWindow(40, 400);
    QSignalSpy changed(m_viewport.get(), &ImageViewport::windowChanged);
    const QPointF start(200, 200);
    sendMouse(m_viewport.get(), QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
    sendMouse(m_viewport.get(), QEvent::MouseMove, start + QPointF(50, 0), Qt::NoButton, Qt::RightButton);
    QVERIFY(m_viewport->window().second > 400); // right: wider
    QCOMPARE(m_viewport->window().first, 40.0);
    const double widthAfterRight = m_viewport->window().second;
    sendMouse(m_viewport.get(), QEvent::MouseMove, start + QPointF(50, 30), Qt::NoButton, Qt::RightButton);
    QVERIFY(m_viewport->window().first > 40); // down: higher level
    QCOMPARE(m_viewport->window().second, widthAfterRight);
    sendMouse(m_viewport.get(), QEvent::MouseButtonRelease, start + QPointF(50, 30), Qt::RightButton, Qt::NoButton);
    QCOMPARE(changed.count(), 2);
    // Left drag with no tool pans.
    const QPointF before = m_viewport->imageToWidget(QPointF(0, 0));
    sendMouse(m_viewport.get(), QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    sendMouse(m_viewport.get(), QEvent::MouseMove, start + QPointF(-20, 10), Qt::NoButton, Qt::LeftButton);
    sendMouse(m_viewport.get(), QEvent::MouseButtonRelease, start + QPointF(-20, 10), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(m_viewport->imageToWidget(QPointF(0, 0)), before + QPointF(-20, 10));
    // Ctrl+wheel zooms about the cursor.
    const double zoom = m_viewport->zoom();
    sendWheel(m_viewport.get(), 120, Qt::ControlModifier);
    QVERIFY(m_viewport->zoom() > zoom);
    QCOMPARE(m_viewport->slice(), 0);
}

void TestViewport::colorImage_showsColors()
{
    auto voxels = std::make_shared<std::vector<std::uint8_t>>(imageSize * imageSize * 3);
    for (int i = 0; i < imageSize * imageSize; ++i) {
        (*voxels)[i * 3 + 0] = 200;
        (*voxels)[i * 3 + 1] = 60;
        (*voxels)[i * 3 + 2] = (i % imageSize) < imageSize / 2 ? 10 : 240;
    }
    ViewportImage image;
    image.keepAlive = voxels;
    image.data = voxels->data();
    image.type = ViewportImage::Type::Rgb8;
    image.width = imageSize;
    image.height = imageSize;
    image.slices = 1;
    m_viewport->setImage(image);
    const QImage shot = render();
    const QRgb left = shot.pixel((pixelAt(m_viewport->imageToWidget(QPointF(40, 40)) * shot.devicePixelRatio())));
    const QRgb right = shot.pixel((pixelAt(m_viewport->imageToWidget(QPointF(200, 40)) * shot.devicePixelRatio())));
    QCOMPARE(qRed(left), 200);
    QCOMPARE(qGreen(left), 60);
    QCOMPARE(qBlue(left), 10);
    QCOMPARE(qBlue(right), 240);
    QCOMPARE(m_viewport->valueAt(pixelAt(m_viewport->imageToWidget(QPointF(40, 40)))), std::nullopt);
}

void TestViewport::orientationLabels_data()
{
    QTest::addColumn<QList<double>>("orientation");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("expected"); // left, right, top, bottom
    const QList<double> axial {1, 0, 0, 0, 1, 0};
    const QList<double> coronal {1, 0, 0, 0, 0, -1};
    const QList<double> sagittal {0, 1, 0, 0, 0, -1};
    QTest::newRow("axial") << axial << "" << QStringList {"R", "L", "A", "P"};
    QTest::newRow("coronal") << coronal << "" << QStringList {"R", "L", "H", "F"};
    QTest::newRow("sagittal") << sagittal << "" << QStringList {"A", "P", "H", "F"};
    QTest::newRow("axial rotated clockwise") << axial << "cw" << QStringList {"P", "A", "R", "L"};
    QTest::newRow("axial rotated counter-clockwise") << axial << "ccw" << QStringList {"A", "P", "L", "R"};
    QTest::newRow("axial flipped horizontally") << axial << "h" << QStringList {"L", "R", "A", "P"};
    QTest::newRow("axial flipped vertically") << axial << "v" << QStringList {"R", "L", "P", "A"};
    QTest::newRow("coronal rotated clockwise") << coronal << "cw" << QStringList {"F", "H", "R", "L"};
    QTest::newRow("sagittal flipped horizontally") << sagittal << "h" << QStringList {"P", "A", "H", "F"};
    QTest::newRow("sagittal rotated twice") << sagittal << "cw cw" << QStringList {"P", "A", "F", "H"};
    QTest::newRow("rotate then flip") << axial << "cw h" << QStringList {"A", "P", "R", "L"};
}

void TestViewport::orientationLabels()
{
    QFETCH(QList<double>, orientation);
    QFETCH(QString, action);
    QFETCH(QStringList, expected);
    ViewportImage image = quadrantImage();
    const std::array<double, 3> row {orientation[0], orientation[1], orientation[2]};
    const std::array<double, 3> column {orientation[3], orientation[4], orientation[5]};
    const std::array<double, 3> normal {row[1] * column[2] - row[2] * column[1],
                                        row[2] * column[0] - row[0] * column[2],
                                        row[0] * column[1] - row[1] * column[0]};
    image.direction = {row[0], row[1], row[2], column[0], column[1], column[2], normal[0], normal[1], normal[2]};
    m_viewport->setImage(image);
    for (const QString &step : action.split(' ', Qt::SkipEmptyParts)) {
        if (step == "cw")
            m_viewport->rotate90(true);
        else if (step == "ccw")
            QTest::keyClick(m_viewport.get(), Qt::Key_R, Qt::ShiftModifier);
        else if (step == "h")
            m_viewport->flip(true);
        else if (step == "v")
            QTest::keyClick(m_viewport.get(), Qt::Key_V);
    }
    const OrientationLabels labels = m_viewport->orientationLabels();
    QCOMPARE((QStringList {labels.left, labels.right, labels.top, labels.bottom}), expected);
}

void TestViewport::obliqueDirection_hasTwoLetters()
{
    // 30 degrees from L towards A (LPS: −y is anterior).
    QCOMPARE(ViewportOverlay::directionLetters({std::cos(0.5236), -std::sin(0.5236), 0}), QString("LA"));
    // 45 degrees between H and P: both, the larger first.
    QCOMPARE(ViewportOverlay::directionLetters({0, 0.6, 0.8}), QString("HP"));
    // A slight tilt stays one letter.
    QCOMPARE(ViewportOverlay::directionLetters({0.1, 0, -0.995}), QString("F"));
}

void TestViewport::rulerLength_isRoundAndFits()
{
    QCOMPARE(ViewportOverlay::rulerLengthMm(2.0, 300), 100.0);
    QCOMPARE(ViewportOverlay::rulerLengthMm(1.0, 300), 200.0);
    QCOMPARE(ViewportOverlay::rulerLengthMm(0.7, 170), 200.0);
    QCOMPARE(ViewportOverlay::rulerLengthMm(20.0, 170), 5.0);
    QCOMPARE(ViewportOverlay::rulerLabel(100), QString("10 cm"));
    QCOMPARE(ViewportOverlay::rulerLabel(5), QString("5 mm"));
}

void TestViewport::screenshot_axialWithOverlays()
{
    ViewportImage image = phantomImage();
    m_viewport->setImage(image);
    m_viewport->setSlice(20);
    QCOMPARE(m_viewport->window(), qMakePair(40.0, 400.0));
    const QImage plain = render(false);
    const QImage shot = render(true);
    const QString path = QCoreApplication::applicationDirPath() + "/viewport_axial.png";
    QVERIFY(shot.save(path));
    qInfo("screenshot: %s", qPrintable(path));
    // The overlay really is drawn: text in the top-left corner and the letters change pixels, the image centre not.
    auto differs = [&](QRect area) {
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x)
                if (plain.pixel(x, y) != shot.pixel(x, y))
                    return true;
        return false;
    };
    const qreal ratio = shot.devicePixelRatio();
    QVERIFY(differs(QRect(QPoint(0, 0), QSize(120, 40) * ratio)));
    QVERIFY(differs(QRect(QPoint(0, viewSize / 2 - 12) * ratio, QSize(24, 24) * ratio)));
    QVERIFY(!differs(QRect(QPoint(viewSize / 2 - 20, viewSize / 2 - 20) * ratio, QSize(40, 40) * ratio)));
    QCOMPARE(m_viewport->orientationLabels(), (OrientationLabels {"R", "L", "A", "P"}));

    m_viewport->setWindow(-600, 1500);
    m_viewport->rotate90(true);
    QVERIFY(render(true).save(QCoreApplication::applicationDirPath() + "/viewport_axial_lung_rotated.png"));
}

void TestViewport::outlinedText_brightGlyphsInADarkOutlineAtTheBaseline()
{
    auto draw = [](const QString &text, const QColor &fill, bool rotated) {
        QImage canvas(240, 80, QImage::Format_ARGB32_Premultiplied);
        canvas.fill(QColor(128, 128, 128));
        QPainter painter(&canvas);
        QFont font = painter.font();
        font.setPixelSize(14);
        painter.setFont(font);
        if (rotated) {
            painter.translate(120, 40);
            painter.rotate(180);
            painter.translate(-120, -40);
        }
        ViewportOverlay::drawOutlinedText(painter, QPointF(20.4, 40.6), text, fill);
        return canvas;
    };
    struct Counts
    {
        int bright = 0, dark = 0, outside = 0;
    };
    auto count = [](const QImage &canvas) {
        Counts c;
        for (int y = 0; y < canvas.height(); ++y)
            for (int x = 0; x < canvas.width(); ++x) {
                const int g = qGray(canvas.pixel(x, y));
                const bool near = x >= 16 && x <= 200 && y >= 22 && y <= 48; // the text's box: 14 px above the baseline
                c.bright += g >= 220 && near;
                c.dark += g <= 70 && near;
                c.outside += g != 128 && !near;
            }
        return c;
    };
    const QImage first = draw(QStringLiteral("Image: 21 / 40 (#21)"), QColor(235, 235, 235), false);
    const Counts c = count(first);
    QVERIFY2(c.bright > 60 && c.dark > 60 && c.outside == 0,
             qPrintable(QString("bright %1, dark %2, outside %3").arg(c.bright).arg(c.dark).arg(c.outside)));
    // Drawn again (from the cache): the same pixels; another text: others.
    QCOMPARE(draw(QStringLiteral("Image: 21 / 40 (#21)"), QColor(235, 235, 235), false), first);
    QVERIFY(draw(QStringLiteral("Image: 22 / 40 (#22)"), QColor(235, 235, 235), false) != first);
    // In another colour, and under a transform the cache cannot draw pixel for pixel (turned half round).
    QVERIFY(draw(QStringLiteral("Image: 21 / 40 (#21)"), QColor(255, 220, 0), false) != first);
    const QImage turned = draw(QStringLiteral("Image: 21 / 40 (#21)"), QColor(235, 235, 235), true);
    int turnedBright = 0;
    for (int y = 0; y < turned.height(); ++y)
        for (int x = 0; x < turned.width(); ++x)
            turnedBright += qGray(turned.pixel(x, y)) >= 220 && y >= 32 && y <= 58 && x >= 40 && x <= 224;
    QVERIFY2(turnedBright > 60, qPrintable(QString::number(turnedBright)));
}

void TestViewport::scrolling_largeVolumeIsInteractive()
{
    // 512 × 512 × 500 int16 (250 MiB), shown without a copy: each slice step re-textures one 512 × 512 slice.
    constexpr int size = 512;
    constexpr int slices = 500;
    auto voxels = std::make_shared<std::vector<std::int16_t>>(static_cast<std::size_t>(size) * size * slices);
    for (std::size_t i = 0; i < voxels->size(); ++i)
        (*voxels)[i] = static_cast<std::int16_t>((i * 7) % 3000);
    ViewportImage image;
    image.keepAlive = voxels;
    image.data = voxels->data();
    image.width = size;
    image.height = size;
    image.slices = slices;
    image.intercept = -1024;
    image.presetsFromFile = {{40, 400}};
    m_viewport->resize(800, 800);
    m_viewport->setImage(image);
    QCOMPARE(m_viewport->sliceCount(), slices);
    QElapsedTimer timer;
    timer.start();
    int frames = 0;
    for (int k = 0; k < slices; ++k) {
        m_viewport->setSlice(k);
        // Wait for the frame: the overlay text of slice k is painted last in paintGL.
        QSignalSpy painted(m_viewport.get(), &ImageViewport::framePainted);
        QVERIFY(painted.wait(1000));
        ++frames;
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    const double fps = frames / seconds;
    // The loop really rendered: the last slice is on screen (value (i × 7) mod 3000 at its first voxel).
    QElapsedTimer grabTimer;
    grabTimer.start();
    for (int k = 0; k < 50; ++k) {
        m_viewport->setSlice(k);
        m_viewport->grabImage();
    }
    qInfo("with a framebuffer read-back per slice: %.1f ms per slice", grabTimer.nsecsElapsed() / 1e6 / 50);
    m_viewport->setSlice(slices - 1);
    m_viewport->setZoom(1.0);
    const std::size_t first = static_cast<std::size_t>(slices - 1) * size * size;
    const QImage shot = render();
    const double stored = (*voxels)[first + 100 * size + 100];
    QVERIFY(std::abs(greyAt(shot, m_viewport->imageToWidget(QPointF(100, 100)), shot.devicePixelRatio())
                     - dicomLinear(stored - 1024, 40, 400))
            <= 1.0);
    qInfo("scrolled %d slices of %dx%d int16 at %.0f frames/s (%.1f ms per slice) in an 800x800 viewport", slices, size,
          size, fps, 1000 * seconds / slices);
    QVERIFY2(fps > 10, qPrintable(QString("only %1 frames/s").arg(fps)));
}

void TestViewport::growingSeries_keepsViewAndShowsNewData()
{
    // A loader fills slices in place (refreshData), then moves to a bigger buffer (replaceImage).
    ViewportImage image = int16Image(4, 1, -1024, [](int, int, int) { return -1000.0; });
    auto *voxels = static_cast<std::int16_t *>(const_cast<void *>(image.data));
    m_viewport->setImage(image);
    m_viewport->setSlice(2);
    m_viewport->setWindow(40, 400);
    m_viewport->setZoom(1.25);
    m_viewport->rotate90(true);
    const QPointF middle = m_viewport->imageToWidget(QPointF(128, 128));
    QImage shot = render();
    QCOMPARE(greyAt(shot, middle, shot.devicePixelRatio()), 0);

    std::fill(voxels + 2 * imageSize * imageSize, voxels + 3 * imageSize * imageSize, std::int16_t(1024 + 40));
    m_viewport->refreshData();
    shot = render();
    QVERIFY(std::abs(greyAt(shot, middle, shot.devicePixelRatio()) - dicomLinear(40, 40, 400)) <= 1.0);

    QSignalSpy sliceChanged(m_viewport.get(), &ImageViewport::sliceChanged);
    ViewportImage grown = int16Image(8, 1, -1024, [](int, int, int k) { return k == 2 ? 1000.0 : -1000.0; });
    m_viewport->replaceImage(grown);
    QCOMPARE(m_viewport->sliceCount(), 8);
    QCOMPARE(m_viewport->slice(), 2);
    QCOMPARE(m_viewport->zoom(), 1.25);
    QCOMPARE(m_viewport->window(), qMakePair(40.0, 400.0));
    QCOMPARE(m_viewport->orientationLabels().top, QString("R"));
    QCOMPARE(sliceChanged.count(), 0);
    shot = render();
    QCOMPARE(greyAt(shot, middle, shot.devicePixelRatio()), 255);
}

void TestViewport::spareSurface_isReusedAndRendersTheNewImage()
{
    // The viewport of init() has drawn a frame: destroying it keeps its GL surface for the next viewport, which
    // renders its own image at its own size (nothing of the old scene or framebuffer size left).
    m_viewport->setImage(int16Image(1, 1, -1024, [](int, int, int) { return 1000.0; }));
    m_viewport->setWindow(40, 400);
    QCOMPARE(greyAt(render(), m_viewport->imageToWidget(QPointF(128, 128)), m_viewport->devicePixelRatioF()), 255);
    m_viewport.reset();
    QVERIFY(VtkOpenGLWidget::hasSpareSurface());

    m_viewport = std::make_unique<ImageViewport>();
    QVERIFY(!VtkOpenGLWidget::hasSpareSurface()); // taken by the new viewport
    // A second viewport alive at the same time makes its own surface; destroyed, it becomes the spare.
    auto other = std::make_unique<ImageViewport>();
    other->resize(200, 200);
    other->show();
    QVERIFY(QTest::qWaitForWindowExposed(other.get()));
    QVERIFY(!other->grabImage().isNull());
    other.reset();
    QVERIFY(VtkOpenGLWidget::hasSpareSurface());

    m_viewport->resize(viewSize / 2 + 40, viewSize / 2);
    m_viewport->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_viewport.get()));
    m_viewport->setImage(quadrantImage());
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    const QImage shot = render();
    QCOMPARE(shot.size(), QSize(viewSize / 2 + 40, viewSize / 2) * shot.devicePixelRatio());
    for (int q = 0; q < 4; ++q) {
        const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
        QVERIFY2(std::abs(grey - dicomLinear(quadrantValues[q], 40, 400)) <= 1.0,
                 qPrintable(QString("%1 HU: grey %2").arg(quadrantValues[q]).arg(grey)));
    }
}

void TestViewport::exposedAgain_showsTheLastPictureWithoutRenderingIt()
{
    m_viewport->setImage(quadrantImage());
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    auto checkGreys = [this](const QImage &shot, double center, double width) {
        for (int q = 0; q < 4; ++q) {
            const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
            QVERIFY2(std::abs(grey - dicomLinear(quadrantValues[q], center, width)) <= 1.0,
                     qPrintable(QString("%1 HU: grey %2").arg(quadrantValues[q]).arg(grey)));
        }
    };
    checkGreys(render(), 40, 400);

    RenderCounter renders(m_viewport.get());

    // A repaint nobody asked for through the viewport (the window system exposing it again): the same picture,
    // copied from VTK's framebuffer, not rendered again.
    QOpenGLWindow *surface = nullptr;
    for (QWindow *window : QGuiApplication::allWindows()) {
        if (auto *gl = qobject_cast<QOpenGLWindow *>(window); gl && gl->isExposed())
            surface = gl;
    }
    QVERIFY(surface);
    QSignalSpy painted(m_viewport.get(), &VtkOpenGLWidget::framePainted);
    surface->requestUpdate();
    QVERIFY(painted.wait(5000));
    QCOMPARE(renders.count, 0);
    checkGreys(m_viewport->grabImage(), 40, 400);
    QCOMPARE(renders.count, 0);

    // Anything that changes the picture renders it anew.
    m_viewport->setWindow(500, 2000);
    checkGreys(render(), 500, 2000);
    QCOMPARE(renders.count, 1);
    m_viewport->resize(viewSize - 20, viewSize - 10);
    QTRY_COMPARE(renders.count, 2);
    checkGreys(render(), 500, 2000);
}

void TestViewport::volumeReplacingItsPreview_isNotRenderedAgainWhenThePictureIsTheSame()
{
    // What the viewer does while a series loads: a one-slice preview of the middle file first, then the volume
    // (here 9 slices, the preview's pixels at index 4) in its place, at that slice.
    const auto valueAt
        = [](int column, int row, int k) { return (column < imageSize / 2 ? -200.0 : 300.0) + 10 * k + row % 3; };
    m_viewport->setImage(int16Image(1, 1, -1024, [&](int c, int r, int) { return valueAt(c, r, 4); }));
    m_viewport->setWindow(40, 400);
    const QPointF left = m_viewport->imageToWidget(QPointF(imageSize / 4, imageSize / 2));
    const QPointF right = m_viewport->imageToWidget(QPointF(3 * imageSize / 4, imageSize / 2));
    const QImage preview = render(true);

    RenderCounter renders(m_viewport.get());

    QSignalSpy changed(m_viewport.get(), &ImageViewport::sliceChanged);
    m_viewport->replaceImage(int16Image(9, 1, -1024, valueAt), 4);
    QCOMPARE(m_viewport->slice(), 4);
    QCOMPARE(m_viewport->sliceCount(), 9);
    QCOMPARE(changed.size(), 1);
    const QImage handedOver = render(true);
    QCOMPARE(renders.count, 0); // the same pixels: VTK's last picture is shown again, the overlay drawn anew
    const qreal ratio = handedOver.devicePixelRatio();
    QCOMPARE(greyAt(handedOver, left, ratio), greyAt(preview, left, ratio));
    QCOMPARE(greyAt(handedOver, right, ratio), greyAt(preview, right, ratio));
    QVERIFY(handedOver != preview); // the overlay says "5 / 9" now

    // Scrolling renders the new data: slice 5 is 10 HU brighter everywhere.
    m_viewport->setSlice(5);
    const QImage next = render(true);
    QCOMPARE(renders.count, 1);
    QVERIFY2(std::abs(greyAt(next, left, ratio) - dicomLinear(-200 + 50 + 1, 40, 400)) <= 1.5,
             qPrintable(QString::number(greyAt(next, left, ratio))));

    // A replacement whose slice differs (not decoded yet: zeros) is rendered.
    m_viewport->replaceImage(int16Image(9, 1, -1024, [](int, int, int) { return -1024.0; }), 5);
    const QImage pending = render(true);
    QCOMPARE(renders.count, 2);
    QCOMPARE(greyAt(pending, right, ratio), 0);
}

int main(int argc, char *argv[])
{
    // GL needs the real X platform (xvfb-run); offscreen has no OpenGL here.
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    VtkOpenGLWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestViewport test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

void TestViewport::rendering_allocatesOnlyTheFramebufferItDrawsInto()
{
    // VTK renders into one framebuffer of the viewport's size and the frame copies that to the window; VTK's
    // display framebuffer (two colours and a depth buffer, 13.5 MB at 936 x 721 on a software renderer) stays
    // unallocated, through renders, a resize and a picture copied again.
    m_viewport->setImage(quadrantImage());
    m_viewport->setZoom(1.0);
    m_viewport->setWindow(40, 400);
    auto check = [this](double center, double width) {
        const QImage shot = render();
        for (int q = 0; q < 4; ++q) {
            const int grey = greyAt(shot, m_viewport->imageToWidget(quadrantCenters[q]), shot.devicePixelRatio());
            QVERIFY2(std::abs(grey - dicomLinear(quadrantValues[q], center, width)) <= 1.0,
                     qPrintable(QString("%1 HU: grey %2").arg(quadrantValues[q]).arg(grey)));
        }
        vtkGenericOpenGLRenderWindow *window = m_viewport->renderWindow();
        vtkOpenGLFramebufferObject *rendered = window->GetRenderFramebuffer();
        QVERIFY(rendered->GetColorAttachmentAsTextureObject(0));
        const qreal ratio = m_viewport->devicePixelRatioF();
        QCOMPARE(rendered->GetLastSize()[0], qRound(m_viewport->width() * ratio));
        QCOMPARE(rendered->GetLastSize()[1], qRound(m_viewport->height() * ratio));
        QVERIFY2(!rendered->GetDepthAttachmentAsTextureObject(), "a 2D slice needs no depth buffer");
        vtkOpenGLFramebufferObject *display = window->GetDisplayFramebuffer();
        QCOMPARE(display->GetNumberOfColorAttachments(), 0);
        QVERIFY(!display->GetColorAttachmentAsTextureObject(0));
        QVERIFY(!display->GetDepthAttachmentAsTextureObject());
    };
    check(40, 400);
    m_viewport->setWindow(500, 2000);
    check(500, 2000);
    // Smaller: no part of the window is exposed, yet the picture is rendered again at the new size (it would be
    // squeezed into it until something else repaints).
    m_viewport->resize(viewSize - 30, viewSize - 12);
    QTRY_COMPARE(m_viewport->renderWindow()->GetRenderFramebuffer()->GetLastSize()[0],
                 qRound((viewSize - 30) * m_viewport->devicePixelRatioF()));
    check(500, 2000);

    // A widget for a 3D scene that takes this one's GL surface (kept spare) gets its depth buffer back.
    m_viewport.reset();
    QVERIFY(VtkOpenGLWidget::hasSpareSurface());
    VtkOpenGLWidget scene;
    QVERIFY(!VtkOpenGLWidget::hasSpareSurface());
    vtkNew<vtkRenderer> renderer;
    renderer->SetBackground(0.2, 0.4, 0.6);
    scene.renderWindow()->AddRenderer(renderer);
    scene.resize(200, 100);
    scene.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scene));
    const QImage shot = scene.grabFramebuffer();
    QVERIFY(!shot.isNull());
    QCOMPARE(qBlue(shot.pixel(shot.width() / 2, shot.height() / 2)), qRound(0.6 * 255));
    QVERIFY(scene.renderWindow()->GetRenderFramebuffer()->GetDepthAttachmentAsTextureObject());
    QCOMPARE(scene.renderWindow()->GetDisplayFramebuffer()->GetNumberOfColorAttachments(), 0);
}

#include "tst_viewport.moc"
