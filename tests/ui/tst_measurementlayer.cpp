// The measurement tools on a real ImageViewport (GL under xvfb-run): a distance drawn across 100 pixels at zoom 1
// on a 0.5 mm image reads "50.0 mm" and is saved with the right points; a rectangle over a known region reports
// its mean, SD, min and max in HU; a probe shows the pixel's value; measurements move, are deleted with the
// Delete key, show on their own slice only, and come back from the index when the image is opened again.
#include "core/imaging/MeasurementMath.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexWriter.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/MeasurementLayer.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

#include <cstdint>
#include <vector>

using namespace lightbox;

namespace {

constexpr int kSize = 128;
constexpr int kView = 512;

// Two 128 × 128 CT slices, 0.5 mm pixels, stored + (-1024) = HU: -1000 HU everywhere except a 20 × 20 square of
// 100 HU at columns and rows 20..39 (slice 0) or 60..79 (slice 1).
ViewportImage phantom()
{
    auto voxels = std::make_shared<std::vector<std::int16_t>>(2 * kSize * kSize, std::int16_t(24));
    for (int slice = 0; slice < 2; ++slice) {
        const int first = slice == 0 ? 20 : 60;
        for (int row = first; row < first + 20; ++row)
            for (int column = first; column < first + 20; ++column)
                (*voxels)[static_cast<size_t>((slice * kSize + row) * kSize + column)] = 1124;
    }
    ViewportImage image;
    image.keepAlive = voxels;
    image.data = voxels->data();
    image.type = ViewportImage::Type::Int16;
    image.width = kSize;
    image.height = kSize;
    image.slices = 2;
    image.columnSpacing = 0.5;
    image.rowSpacing = 0.5;
    image.sliceSpacing = 2.0;
    image.intercept = -1024;
    image.modality = QStringLiteral("CT");
    image.presetsFromFile = {{40, 400}};
    return image;
}

InstanceRecord instance(const QString &sopUid, int number)
{
    InstanceRecord r;
    r.meta.patientId = "MEASURE-1";
    r.meta.patientName = "Test^Measure";
    r.meta.studyInstanceUid = "1.2.826.0.1.3680043.10.1.1";
    r.meta.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.1.1";
    r.meta.modality = "CT";
    r.meta.sopInstanceUid = sopUid;
    r.meta.instanceNumber = QString::number(number);
    r.meta.rows = kSize;
    r.meta.columns = kSize;
    r.filePath = QStringLiteral("files/%1.dcm").arg(number);
    return r;
}

const QString kSliceA = "1.2.826.0.1.3680043.10.1.1.1.1";
const QString kSliceB = "1.2.826.0.1.3680043.10.1.1.1.2";

// Waits until every write queued before it is committed (the writer runs jobs in order).
void drain(IndexWriter &writer)
{
    writer.execute([](SqliteDb &, QStringList &) {
              return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
          })
        .get();
}

QList<Measurement> stored(const QString &indexPath)
{
    IndexReader reader(indexPath);
    if (!reader.open())
        return {};
    return reader.measurementsFor({kSliceA, kSliceB});
}

void drag(QWidget *w, QPoint from, QPoint to)
{
    QTest::mousePress(w, Qt::LeftButton, {}, from);
    QTest::mouseMove(w, (from + to) / 2);
    QTest::mouseMove(w, to);
    QTest::mouseRelease(w, Qt::LeftButton, {}, to);
}

} // namespace

class TestMeasurementLayer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString indexPath() const { return m_dir.path() + "/index.sqlite"; }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        IndexWriter writer(indexPath());
        QString error;
        QVERIFY2(writer.open(&error), qPrintable(error));
        QCOMPARE(writer.insert(instance(kSliceA, 1)).outcome, IndexWriter::Outcome::Inserted);
        QCOMPARE(writer.insert(instance(kSliceB, 2)).outcome, IndexWriter::Outcome::Inserted);
    }

    void drawMoveDelete_andReopen()
    {
        IndexWriter writer(indexPath());
        QVERIFY(writer.open());
        ImageViewport viewport;
        viewport.resize(kView, kView);
        const ViewportImage image = phantom();
        viewport.setImage(image);
        MeasurementLayer layer(&viewport);
        layer.useIndex(&writer);
        layer.setSlices({{kSliceA, 0}, {kSliceB, 0}}, MeasurementLayer::calibrationOf(image, true));
        viewport.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewport));
        viewport.setFocus();
        viewport.setZoom(1.0);

        // A distance across 100 pixels at zoom 1: 100 × 0.5 mm.
        layer.setTool(MeasurementLayer::Tool::Distance);
        const QPoint start = viewport.imageToWidget(QPointF(10, 120)).toPoint();
        const QPoint end = start + QPoint(100, 0);
        drag(&viewport, start, end);
        QCOMPARE(layer.measurements().size(), 1);
        const Measurement distance = layer.measurements().first();
        QCOMPARE(distance.kind, Measurement::Kind::Distance);
        QCOMPARE(distance.sopInstanceUid, kSliceA);
        QVERIFY(distance.id > 0);
        QCOMPARE(layer.textOf(distance), QStringLiteral("50.0 mm"));
        QCOMPARE(distance.points[1] - distance.points[0], QPointF(100, 0));
        QVERIFY(std::abs(distance.points[0].x() - 10.5) <= 0.5 && std::abs(distance.points[0].y() - 120.5) <= 0.5);
        // Drawn over the image (in colour on grey), on its own slice only.
        const QPoint onLine = (start + end) / 2;
        auto colourAt = [&viewport](QPoint p) {
            QTest::qWait(20);
            const QColor c = viewport.grabImage().pixelColor(p);
            return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 100;
        };
        QTRY_VERIFY(colourAt(onLine));
        viewport.setSlice(1);
        QTRY_VERIFY(!colourAt(onLine));
        viewport.setSlice(0);
        QTRY_VERIFY(colourAt(onLine));

        drain(writer);
        QList<Measurement> saved = stored(indexPath());
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().id, distance.id);
        QCOMPARE(saved.first().points, distance.points);

        // A rectangle over the 100 HU square (zoom 4: a mouse position is a quarter pixel).
        viewport.setZoom(4.0);
        layer.setTool(MeasurementLayer::Tool::Rectangle);
        drag(&viewport, viewport.imageToWidget(QPointF(19.5, 19.5)).toPoint(),
             viewport.imageToWidget(QPointF(39.5, 39.5)).toPoint());
        QCOMPARE(layer.measurements().size(), 2);
        const Measurement roi = layer.measurements().last();
        QCOMPARE(roi.kind, Measurement::Kind::Rectangle);
        const RoiStatistics stats = MeasurementMath::roiStatistics(
            MeasurementMath::RoiShape::Rectangle, roi.points[0], roi.points[1],
            static_cast<const std::int16_t *>(image.data), kSize, kSize, MeasurementLayer::calibrationOf(image, true));
        QCOMPARE(stats.count, qint64(400));
        QCOMPARE(stats.mean, 100.0);
        QVERIFY2(layer.textOf(roi).startsWith("mean 100.0 HU, SD 0.0, min 100, max 100, area "),
                 qPrintable(layer.textOf(roi)));
        QVERIFY(std::abs(stats.area - 100.0) < 5.0);

        // A probe inside the square and one outside it (away from the rectangle's outline, which a press picks).
        layer.setTool(MeasurementLayer::Tool::Probe);
        QTest::mouseClick(&viewport, Qt::LeftButton, {}, viewport.imageToWidget(QPointF(30, 30)).toPoint());
        QTest::mouseClick(&viewport, Qt::LeftButton, {}, viewport.imageToWidget(QPointF(45, 45)).toPoint());
        QCOMPARE(layer.measurements().size(), 4);
        QCOMPARE(layer.textOf(layer.measurements()[2]), QStringLiteral("100 HU"));
        QCOMPARE(layer.textOf(layer.measurements()[3]), QStringLiteral("-1000 HU"));

        // An angle by three clicks: 90°.
        layer.setTool(MeasurementLayer::Tool::Angle);
        for (const QPointF p : {QPointF(60, 100), QPointF(60, 110), QPointF(70, 110)})
            QTest::mouseClick(&viewport, Qt::LeftButton, {}, viewport.imageToWidget(p).toPoint());
        QCOMPARE(layer.measurements().size(), 5);
        QCOMPARE(layer.textOf(layer.measurements()[4]), QStringLiteral("90.0°"));

        // Without a tool, a press on the rectangle's corner moves that corner; the move is saved.
        layer.setTool(MeasurementLayer::Tool::None);
        const QPoint corner = viewport.imageToWidget(roi.points[1] - QPointF(0.5, 0.5)).toPoint();
        drag(&viewport, corner, corner + QPoint(40, 0)); // 10 pixels wider
        QCOMPARE(layer.selectedId(), roi.id);
        const Measurement wider = layer.measurements()[1];
        QCOMPARE(wider.id, roi.id);
        QVERIFY(std::abs(wider.points[1].x() - roi.points[1].x() - 10.0) < 0.3);
        QVERIFY2(layer.textOf(wider).contains("min -1000"), qPrintable(layer.textOf(wider)));

        // Delete removes the selected one (the angle, by a press on its line).
        QTest::mouseClick(&viewport, Qt::LeftButton, {}, viewport.imageToWidget(QPointF(64.5, 109.5)).toPoint());
        QCOMPARE(layer.selectedId(), layer.measurements()[4].id);
        QTest::keyClick(&viewport, Qt::Key_Delete);
        QCOMPARE(layer.measurements().size(), 4);
        QCOMPARE(layer.selectedId(), 0);

        // Slice 1 has none of them; a distance drawn there belongs to its instance.
        viewport.setSlice(1);
        QCOMPARE(layer.measurementsOnSlice(1).size(), 0);
        QCOMPARE(layer.measurementsOnSlice(0).size(), 4);
        layer.setTool(MeasurementLayer::Tool::Distance);
        drag(&viewport, viewport.imageToWidget(QPointF(60, 60)).toPoint(),
             viewport.imageToWidget(QPointF(60, 80)).toPoint());
        QCOMPARE(layer.measurementsOnSlice(1).size(), 1);
        QCOMPARE(layer.measurementsOnSlice(1).first().sopInstanceUid, kSliceB);
        QCOMPARE(layer.textOf(layer.measurementsOnSlice(1).first()), QStringLiteral("10.0 mm"));

        drain(writer);
        const QList<Measurement> expected = layer.measurements();
        writer.close();

        // Reopened: a new viewport and layer, loaded from the index.
        ImageViewport again;
        again.resize(kView, kView);
        again.setImage(image);
        MeasurementLayer reopened(&again);
        reopened.setSlices({{kSliceA, 0}, {kSliceB, 0}}, MeasurementLayer::calibrationOf(image, true));
        IndexReader reader(indexPath());
        QVERIFY(reader.open());
        reopened.setMeasurements(reader.measurementsFor(reopened.instanceUids()));
        QCOMPARE(reopened.measurements().size(), expected.size());
        for (const Measurement &m : expected) {
            const auto found = std::find_if(reopened.measurements().cbegin(), reopened.measurements().cend(),
                                            [&m](const Measurement &r) { return r.id == m.id; });
            QVERIFY(found != reopened.measurements().cend());
            QCOMPARE(found->points, m.points);
            QCOMPARE(reopened.textOf(*found), layer.textOf(m));
        }
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTest::qWait(50); // paints the reopened measurements once (no crash on the overlay path)
    }
};

int main(int argc, char *argv[])
{
    // VTK on Debian is GLX-only: without an X server there is no GL to test with. Say so instead of crashing.
    if (!qEnvironmentVariableIsSet("DISPLAY")) {
        fprintf(stderr, "This test needs an X server: run it under xvfb-run -a -s \"-screen 0 1280x1024x24\"\n");
        return 1;
    }
    // GL needs the real X platform (xvfb-run); offscreen has no OpenGL here.
    if (qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    VtkOpenGLWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestMeasurementLayer test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_measurementlayer.moc"
