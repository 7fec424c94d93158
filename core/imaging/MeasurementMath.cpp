#include "core/imaging/MeasurementMath.h"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox {
namespace {

// First and last index whose pixel centre (i + 0.5) lies in [low, high], clipped to [0, size - 1].
std::pair<int, int> centreRange(double low, double high, int size)
{
    const int first = std::max(0, static_cast<int>(std::ceil(low - 0.5)));
    const int last = std::min(size - 1, static_cast<int>(std::floor(high - 0.5)));
    return {first, last};
}

} // namespace

double MeasurementMath::distance(QPointF a, QPointF b, const ImageCalibration &calibration)
{
    return std::hypot((b.x() - a.x()) * calibration.xScale(), (b.y() - a.y()) * calibration.yScale());
}

double MeasurementMath::angleDegrees(QPointF a, QPointF vertex, QPointF c, const ImageCalibration &calibration)
{
    const double ux = (a.x() - vertex.x()) * calibration.xScale();
    const double uy = (a.y() - vertex.y()) * calibration.yScale();
    const double vx = (c.x() - vertex.x()) * calibration.xScale();
    const double vy = (c.y() - vertex.y()) * calibration.yScale();
    if ((ux == 0.0 && uy == 0.0) || (vx == 0.0 && vy == 0.0))
        return 0.0;
    // atan2 of |cross| and dot stays accurate near 0° and 180°, where acos of the cosine does not.
    return std::atan2(std::abs(ux * vy - uy * vx), ux * vx + uy * vy) * 180.0 / std::numbers::pi;
}

bool MeasurementMath::containsPixel(RoiShape shape, QPointF a, QPointF b, int column, int row)
{
    const QRectF box = QRectF(a, b).normalized();
    if (box.width() <= 0.0 || box.height() <= 0.0)
        return false;
    const double x = column + 0.5;
    const double y = row + 0.5;
    if (shape == RoiShape::Rectangle)
        return x >= box.left() && x <= box.right() && y >= box.top() && y <= box.bottom();
    const double dx = (x - box.center().x()) / (box.width() / 2.0);
    const double dy = (y - box.center().y()) / (box.height() / 2.0);
    return dx * dx + dy * dy <= 1.0;
}

double MeasurementMath::shapeArea(RoiShape shape, QPointF a, QPointF b, const ImageCalibration &calibration)
{
    const double w = std::abs(b.x() - a.x()) * calibration.xScale();
    const double h = std::abs(b.y() - a.y()) * calibration.yScale();
    return shape == RoiShape::Rectangle ? w * h : std::numbers::pi * (w / 2.0) * (h / 2.0);
}

RoiStatistics MeasurementMath::roiStatistics(RoiShape shape, QPointF a, QPointF b, int columns, int rows,
                                             const PixelAccessor &storedValue, const ImageCalibration &calibration)
{
    RoiStatistics s;
    s.area = shapeArea(shape, a, b, calibration);
    const QRectF box = QRectF(a, b).normalized();
    const auto [firstColumn, lastColumn] = centreRange(box.left(), box.right(), columns);
    const auto [firstRow, lastRow] = centreRange(box.top(), box.bottom(), rows);
    // Welford's running mean and sum of squared deviations: one pass, and stable for large offsets (CT's -1024).
    double mean = 0.0;
    double squares = 0.0;
    for (int row = firstRow; row <= lastRow; ++row) {
        for (int column = firstColumn; column <= lastColumn; ++column) {
            if (!containsPixel(shape, a, b, column, row))
                continue;
            const double value = calibration.modalityValue(storedValue(column, row));
            ++s.count;
            const double delta = value - mean;
            mean += delta / static_cast<double>(s.count);
            squares += delta * (value - mean);
            if (s.count == 1 || value < s.min)
                s.min = value;
            if (s.count == 1 || value > s.max)
                s.max = value;
        }
    }
    if (s.count == 0)
        return s;
    s.mean = mean;
    s.standardDeviation = s.count > 1 ? std::sqrt(squares / static_cast<double>(s.count - 1)) : 0.0;
    s.pixelArea = static_cast<double>(s.count) * calibration.xScale() * calibration.yScale();
    return s;
}

std::optional<QPoint> MeasurementMath::pixelAt(QPointF point, int columns, int rows)
{
    // Compared as doubles first: casting a far-away coordinate to int would overflow.
    if (!(point.x() >= 0.0 && point.y() >= 0.0 && point.x() < columns && point.y() < rows))
        return std::nullopt;
    return QPoint(static_cast<int>(point.x()), static_cast<int>(point.y()));
}

std::optional<double> MeasurementMath::probe(QPointF point, int columns, int rows, const PixelAccessor &storedValue,
                                             const ImageCalibration &calibration)
{
    const auto pixel = pixelAt(point, columns, rows);
    if (!pixel)
        return std::nullopt;
    return calibration.modalityValue(storedValue(pixel->x(), pixel->y()));
}

} // namespace lightbox
