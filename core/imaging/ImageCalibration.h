#pragma once

#include <QString>

namespace lightbox {

/// What turns image pixels into physical numbers: the pixel spacing (mm) and the modality rescale
/// (value = stored × slope + intercept), with the modality and Rescale Type that decide the unit.
struct ImageCalibration
{
    bool hasPixelSpacing = false; ///< false: lengths and areas are in pixels ("px").
    double rowSpacing = 1.0; ///< Pixel Spacing[0]: distance between adjacent rows (vertical), mm.
    double columnSpacing = 1.0; ///< Pixel Spacing[1]: distance between adjacent columns (horizontal), mm.
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    QString modality; ///< e.g. "CT"
    QString rescaleType; ///< Rescale Type (0028,1054), e.g. "HU"; often empty.

    /// Modality value of a stored pixel value.
    double modalityValue(double stored) const { return stored * rescaleSlope + rescaleIntercept; }
    /// True when modality values are Hounsfield units: Rescale Type HU, or a CT image.
    bool isHounsfield() const
    {
        return rescaleType.trimmed().compare(QStringLiteral("HU"), Qt::CaseInsensitive) == 0
            || modality.trimmed().compare(QStringLiteral("CT"), Qt::CaseInsensitive) == 0;
    }
    /// Horizontal (x) and vertical (y) size of one pixel: mm, or 1 without spacing.
    double xScale() const { return hasPixelSpacing ? columnSpacing : 1.0; }
    double yScale() const { return hasPixelSpacing ? rowSpacing : 1.0; }
};

} // namespace lightbox
