#pragma once

#include "core/imaging/ImageCalibration.h"
#include "core/imaging/RoiStatistics.h"

#include <QPointF>

#include <cstddef>
#include <functional>
#include <optional>

namespace lightbox {

/// The numbers behind the measurement tools: lengths, angles and ROI statistics from image pixel coordinates.
/// Points are continuous (column, row) coordinates: pixel (c, r) covers [c, c+1) × [r, r+1) and its centre is
/// (c + 0.5, r + 0.5). Pure computation: thread-safe, no I/O, no Qt Gui.
class MeasurementMath
{
public:
    /// The outline of a region of interest, given by two opposite corners of its bounding box.
    enum class RoiShape { Ellipse, Rectangle };

    /// Reads the stored (raw) value of pixel (column, row); called only inside the image.
    using PixelAccessor = std::function<double(int column, int row)>;

    /// Length of the segment @p a – @p b: mm with pixel spacing (anisotropic spacing included), else pixels.
    static double distance(QPointF a, QPointF b, const ImageCalibration &calibration);

    /// Angle at @p vertex between the rays to @p a and @p c, in degrees in [0, 180], measured in physical space
    /// (so anisotropic pixels do not skew it). 0 when a ray has no length.
    static double angleDegrees(QPointF a, QPointF vertex, QPointF c, const ImageCalibration &calibration);

    /// True when the centre of pixel (@p column, @p row) lies inside the shape spanned by @p a and @p b
    /// (boundary included). Degenerate shapes (no width or height) contain nothing.
    static bool containsPixel(RoiShape shape, QPointF a, QPointF b, int column, int row);

    /// Area of the shape spanned by @p a and @p b: mm² with pixel spacing, else px².
    static double shapeArea(RoiShape shape, QPointF a, QPointF b, const ImageCalibration &calibration);

    /// Statistics of the modality values of the pixels of a @p columns × @p rows image whose centres are
    /// inside the shape spanned by @p a and @p b (the part outside the image is ignored).
    static RoiStatistics roiStatistics(RoiShape shape, QPointF a, QPointF b, int columns, int rows,
                                       const PixelAccessor &storedValue, const ImageCalibration &calibration);

    /// As above, over a row-major buffer of stored values (@p columns per row, no padding).
    template<typename T>
    static RoiStatistics roiStatistics(RoiShape shape, QPointF a, QPointF b, const T *pixels, int columns, int rows,
                                       const ImageCalibration &calibration)
    {
        return roiStatistics(
            shape, a, b, columns, rows,
            [pixels, columns](int column, int row) {
                return static_cast<double>(pixels[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns)
                                                  + static_cast<std::size_t>(column)]);
            },
            calibration);
    }

    /// The pixel that contains @p point, if it is inside a @p columns × @p rows image.
    static std::optional<QPoint> pixelAt(QPointF point, int columns, int rows);

    /// Modality value of the pixel that contains @p point; std::nullopt outside the image.
    static std::optional<double> probe(QPointF point, int columns, int rows, const PixelAccessor &storedValue,
                                       const ImageCalibration &calibration);
};

} // namespace lightbox
