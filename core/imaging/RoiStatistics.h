#pragma once

#include <QtGlobal>

namespace lightbox {

/// Statistics of a region of interest over the pixels whose centres lie inside it, in modality values
/// (stored × slope + intercept; HU for CT).
struct RoiStatistics
{
    qint64 count = 0; ///< Pixels inside; all other fields are 0 when this is 0.
    double mean = 0.0;
    /// Sample standard deviation (divides by count − 1), as Horos/OsiriX report it; 0 for a single pixel.
    double standardDeviation = 0.0;
    double min = 0.0;
    double max = 0.0;
    /// Area of the drawn shape itself (π·a·b for an ellipse, w·h for a rectangle), mm² with pixel spacing, else
    /// px². This is the area shown to the user.
    double area = 0.0;
    /// Pixels inside × the area of one pixel (mm² or px²): what the statistics cover.
    double pixelArea = 0.0;
};

} // namespace lightbox
