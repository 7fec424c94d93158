// The numbers behind the measurement tools: a distance drawn across a known number of pixels reports the right mm,
// angles, ROI statistics over a synthetic image with known values (HU via slope and intercept), and their texts.

#include "core/imaging/ImageCalibration.h"
#include "core/imaging/MeasurementFormat.h"
#include "core/imaging/MeasurementMath.h"
#include "core/index/Measurement.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using namespace lightbox;
using Shape = MeasurementMath::RoiShape;

namespace {

ImageCalibration spacing(double row, double column)
{
    ImageCalibration c;
    c.hasPixelSpacing = true;
    c.rowSpacing = row;
    c.columnSpacing = column;
    return c;
}

// A 24 × 24 image: a 20 × 20 square of @p inside with a 2-pixel border of @p border.
std::vector<qint16> framedSquare(qint16 inside, qint16 border)
{
    std::vector<qint16> pixels(24 * 24, border);
    for (int row = 2; row < 22; ++row)
        for (int column = 2; column < 22; ++column)
            pixels[static_cast<size_t>(row * 24 + column)] = inside;
    return pixels;
}

} // namespace

class TestMeasurements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distance_usesRowAndColumnSpacing_data()
    {
        QTest::addColumn<QPointF>("a");
        QTest::addColumn<QPointF>("b");
        QTest::addColumn<double>("rowSpacing");
        QTest::addColumn<double>("columnSpacing");
        QTest::addColumn<double>("mm");
        QTest::newRow("100 px across, columns 0.5 mm apart")
            << QPointF(10.5, 20.5) << QPointF(110.5, 20.5) << 0.7 << 0.5 << 50.0;
        QTest::newRow("30 px down, rows 0.7 mm apart")
            << QPointF(10.5, 20.5) << QPointF(10.5, 50.5) << 0.7 << 0.5 << 21.0;
        QTest::newRow("diagonal 30 across, 40 down, anisotropic")
            << QPointF(0, 0) << QPointF(30, 40) << 0.7 << 0.5 << std::hypot(15.0, 28.0);
        QTest::newRow("diagonal, isotropic 0.8 mm") << QPointF(1, 1) << QPointF(4, 5) << 0.8 << 0.8 << 4.0;
        QTest::newRow("backwards is the same length")
            << QPointF(110.5, 20.5) << QPointF(10.5, 20.5) << 0.7 << 0.5 << 50.0;
    }
    void distance_usesRowAndColumnSpacing()
    {
        QFETCH(QPointF, a);
        QFETCH(QPointF, b);
        QFETCH(double, rowSpacing);
        QFETCH(double, columnSpacing);
        QFETCH(double, mm);
        QCOMPARE(MeasurementMath::distance(a, b, spacing(rowSpacing, columnSpacing)), mm);
    }

    void distance_withoutSpacing_isInPixels()
    {
        ImageCalibration none;
        none.rowSpacing = 0.7; // ignored: no Pixel Spacing in the file
        QCOMPARE(MeasurementMath::distance(QPointF(0, 0), QPointF(30, 40), none), 50.0);
        QCOMPARE(MeasurementFormat::length(50.0, none.hasPixelSpacing, QLocale::c()), QStringLiteral("50.0 px"));
        QCOMPARE(MeasurementFormat::length(50.0, true, QLocale::c()), QStringLiteral("50.0 mm"));
    }

    void angle_isMeasuredAtTheMiddlePoint_data()
    {
        QTest::addColumn<QPointF>("a");
        QTest::addColumn<QPointF>("vertex");
        QTest::addColumn<QPointF>("c");
        QTest::addColumn<double>("degrees");
        QTest::newRow("90") << QPointF(10, 0) << QPointF(0, 0) << QPointF(0, 10) << 90.0;
        QTest::newRow("45") << QPointF(10, 0) << QPointF(0, 0) << QPointF(10, 10) << 45.0;
        QTest::newRow("180") << QPointF(-10, 5) << QPointF(0, 5) << QPointF(10, 5) << 180.0;
        QTest::newRow("0, same ray") << QPointF(5, 5) << QPointF(0, 0) << QPointF(10, 10) << 0.0;
        QTest::newRow("degenerate") << QPointF(0, 0) << QPointF(0, 0) << QPointF(10, 10) << 0.0;
    }
    void angle_isMeasuredAtTheMiddlePoint()
    {
        QFETCH(QPointF, a);
        QFETCH(QPointF, vertex);
        QFETCH(QPointF, c);
        QFETCH(double, degrees);
        QCOMPARE(MeasurementMath::angleDegrees(a, vertex, c, spacing(1, 1)) + 1.0, degrees + 1.0);
    }

    void angle_isPhysical_withAnisotropicPixels()
    {
        // 10 px across and 10 px down look like 45° on screen, but rows are twice as far apart as columns.
        const double degrees
            = MeasurementMath::angleDegrees(QPointF(10, 0), QPointF(0, 0), QPointF(10, 10), spacing(1.0, 0.5));
        QCOMPARE(degrees, std::atan2(10.0, 5.0) * 180.0 / std::numbers::pi);
    }

    void rectangle_overTheSquare_isExact()
    {
        const auto pixels = framedSquare(100, 0);
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(2, 2), QPointF(22, 22),
                                                               pixels.data(), 24, 24, spacing(0.5, 0.5));
        QCOMPARE(s.count, qint64(400));
        QCOMPARE(s.mean, 100.0);
        QCOMPARE(s.standardDeviation, 0.0);
        QCOMPARE(s.min, 100.0);
        QCOMPARE(s.max, 100.0);
        QCOMPARE(s.area, 100.0); // 20 × 0.5 mm squared
        QCOMPARE(s.pixelArea, 100.0);
    }

    void rectangle_cornersInAnyOrder_andClippedToTheImage()
    {
        const auto pixels = framedSquare(100, 0);
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(30, 30), QPointF(-5, -5),
                                                               pixels.data(), 24, 24, spacing(1, 1));
        QCOMPARE(s.count, qint64(24 * 24));
        QCOMPARE(s.min, 0.0);
        QCOMPARE(s.max, 100.0);
        QCOMPARE(s.area, 35.0 * 35.0); // the drawn shape, not the clipped part
    }

    void rectangle_overSquareAndBorder_hasSampleStandardDeviation()
    {
        // Pixel centres from 1.5 to 22.5: 22 × 22 pixels, 400 of 100 and 84 of 0.
        const auto pixels = framedSquare(100, 0);
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(1, 1), QPointF(23, 23),
                                                               pixels.data(), 24, 24, spacing(1, 1));
        QCOMPARE(s.count, qint64(484));
        const double mean = 400.0 * 100.0 / 484.0;
        QCOMPARE(s.mean, mean);
        const double squares = 400.0 * (100.0 - mean) * (100.0 - mean) + 84.0 * mean * mean;
        QVERIFY(std::abs(s.standardDeviation - std::sqrt(squares / 483.0)) < 1e-9);
        QCOMPARE(s.min, 0.0);
        QCOMPARE(s.max, 100.0);
    }

    void statistics_areModalityValues_inHounsfieldUnits()
    {
        // Stored 1124 with slope 1 and intercept -1024 is 100 HU; the border's stored 24 is -1000 HU.
        const auto pixels = framedSquare(1124, 24);
        ImageCalibration ct = spacing(0.5, 0.5);
        ct.rescaleIntercept = -1024;
        ct.modality = QStringLiteral("CT");
        const RoiStatistics inside = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(2, 2), QPointF(22, 22),
                                                                    pixels.data(), 24, 24, ct);
        QCOMPARE(inside.mean, 100.0);
        QCOMPARE(inside.min, 100.0);
        const RoiStatistics all = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(0, 0), QPointF(24, 24),
                                                                 pixels.data(), 24, 24, ct);
        QCOMPARE(all.min, -1000.0);
        QCOMPARE(all.max, 100.0);
        QVERIFY(ct.isHounsfield());
        QCOMPARE(
            MeasurementMath::probe(
                QPointF(0.2, 0.9), 24, 24, [&pixels](int c, int r) { return double(pixels[size_t(r * 24 + c)]); }, ct),
            std::optional<double>(-1000.0));
        QCOMPARE(MeasurementMath::probe(
                     QPointF(24.0, 3), 24, 24, [](int, int) { return 0.0; }, ct),
                 std::optional<double>());
    }

    void slopeAndIntercept_scaleTheValues()
    {
        const auto pixels = framedSquare(50, 10);
        ImageCalibration mr;
        mr.rescaleSlope = 2.5;
        mr.rescaleIntercept = 1.0;
        mr.modality = QStringLiteral("MR");
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Rectangle, QPointF(2, 2), QPointF(22, 22),
                                                               pixels.data(), 24, 24, mr);
        QCOMPARE(s.mean, 126.0);
        QVERIFY(!mr.isHounsfield());
        ImageCalibration huType;
        huType.rescaleType = QStringLiteral("HU");
        QVERIFY(huType.isHounsfield());
    }

    void ellipse_countsThePixelsWhoseCentresAreInside()
    {
        // A 4 × 4 box: the 12 pixels whose centres are within the circle of radius 2 (the 4 corners are out).
        int inside = 0;
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                inside += MeasurementMath::containsPixel(Shape::Ellipse, QPointF(0, 0), QPointF(4, 4), c, r) ? 1 : 0;
        QCOMPARE(inside, 12);
        QVERIFY(!MeasurementMath::containsPixel(Shape::Ellipse, QPointF(0, 0), QPointF(4, 4), 0, 0));
        QVERIFY(MeasurementMath::containsPixel(Shape::Ellipse, QPointF(0, 0), QPointF(4, 4), 1, 0));
        QVERIFY(!MeasurementMath::containsPixel(Shape::Ellipse, QPointF(3, 3), QPointF(3, 9), 2, 5));
    }

    void ellipse_insideTheSquare_hasExactStatistics_andAnalyticArea()
    {
        const auto pixels = framedSquare(100, 0);
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Ellipse, QPointF(2, 2), QPointF(22, 22),
                                                               pixels.data(), 24, 24, spacing(0.5, 0.5));
        int expected = 0;
        for (int r = 0; r < 24; ++r)
            for (int c = 0; c < 24; ++c) {
                const double dx = (c + 0.5 - 12.0) / 10.0;
                const double dy = (r + 0.5 - 12.0) / 10.0;
                expected += dx * dx + dy * dy <= 1.0 ? 1 : 0;
            }
        QCOMPARE(s.count, qint64(expected));
        QCOMPARE(s.mean, 100.0);
        QCOMPARE(s.standardDeviation, 0.0);
        QCOMPARE(s.area, std::numbers::pi * 5.0 * 5.0);
        QCOMPARE(s.pixelArea, expected * 0.25);
        QVERIFY(std::abs(s.pixelArea - s.area) < 2.0);
    }

    void area_usesBothSpacings()
    {
        QCOMPARE(MeasurementMath::shapeArea(Shape::Rectangle, QPointF(0, 0), QPointF(10, 20), spacing(0.7, 0.5)),
                 10 * 0.5 * 20 * 0.7);
        QCOMPARE(MeasurementMath::shapeArea(Shape::Rectangle, QPointF(0, 0), QPointF(10, 20), ImageCalibration {}),
                 200.0);
    }

    void emptyRegion_hasNoStatistics()
    {
        const auto pixels = framedSquare(100, 0);
        const RoiStatistics s = MeasurementMath::roiStatistics(Shape::Ellipse, QPointF(5, 5), QPointF(5, 9),
                                                               pixels.data(), 24, 24, spacing(1, 1));
        QCOMPARE(s.count, qint64(0));
        QCOMPARE(MeasurementFormat::roi(s, false, true, QLocale::c()), QStringLiteral("no pixels inside"));
    }

    void texts_haveUnits_andFollowTheLocale()
    {
        const QLocale c = QLocale::c();
        QCOMPARE(MeasurementFormat::length(12.34, true, c), QStringLiteral("12.3 mm"));
        QCOMPARE(MeasurementFormat::angle(45.0, c), QStringLiteral("45.0°"));
        QCOMPARE(MeasurementFormat::area(123.44, true, c), QStringLiteral("123.4 mm²"));
        QCOMPARE(MeasurementFormat::value(-1000, true, c), QStringLiteral("-1000 HU"));
        QCOMPARE(MeasurementFormat::value(12.26, false, c), QStringLiteral("12.3"));
        RoiStatistics s;
        s.count = 10;
        s.mean = 40.23;
        s.standardDeviation = 3.14;
        s.min = 12;
        s.max = 80;
        s.area = 123.4;
        QCOMPARE(MeasurementFormat::roi(s, true, true, c),
                 QStringLiteral("mean 40.2 HU, SD 3.1, min 12, max 80, area 123.4 mm²"));
        QCOMPARE(MeasurementFormat::roi(s, false, false, c),
                 QStringLiteral("mean 40.2, SD 3.1, min 12, max 80, area 123.4 px²"));
        QCOMPARE(MeasurementFormat::length(1234.5, true, QLocale(QLocale::German)), QStringLiteral("1.234,5 mm"));
    }

    void kinds_haveStableStoredNames()
    {
        using K = Measurement::Kind;
        for (K k : {K::Distance, K::Angle, K::Ellipse, K::Rectangle, K::Probe})
            QCOMPARE(Measurement::kindFromName(Measurement::kindName(k)), std::optional<K>(k));
        QCOMPARE(Measurement::kindName(K::Rectangle), QStringLiteral("rectangle"));
        QCOMPARE(Measurement::kindFromName(QStringLiteral("spline")), std::optional<K>());
        Measurement m;
        m.kind = K::Angle;
        m.points = {QPointF(0, 0), QPointF(1, 1)};
        QVERIFY(!m.isComplete());
        m.points.append(QPointF(2, 0));
        QVERIFY(m.isComplete());
    }
};

QTEST_GUILESS_MAIN(TestMeasurements)
#include "tst_measurements.moc"
