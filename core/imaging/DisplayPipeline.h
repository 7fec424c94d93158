#pragma once

#include "core/imaging/DecodedFrame.h"
#include "core/imaging/ImageInfo.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

#include <optional>

namespace lightbox {

/// The grayscale display chain of DICOM (PS3.4 N.2 / PS3.3 C.11) from stored values to 8-bit output:
///
///   stored value s
///   -> modality value x = s * RescaleSlope + RescaleIntercept                      (Modality LUT, C.11.1)
///   -> VOI: a window (center c, width w) with the file's VOI LUT Function, or the file's VOI LUT table when no
///      window is given and the file has one                                       (C.11.2)
///        LINEAR (default, C.11.2.1.2.1), w < 1 is taken as 1:
///          x <= c - 0.5 - (w-1)/2  -> 0
///          x >  c - 0.5 + (w-1)/2  -> 255
///          else                    -> ((x - (c - 0.5)) / (w - 1) + 0.5) * 255
///        LINEAR_EXACT (C.11.2.1.3.2):  x <= c - w/2 -> 0;  x > c + w/2 -> 255;  else ((x - c) / w + 0.5) * 255
///        SIGMOID (C.11.2.1.3.1):       255 / (1 + exp(-4 (x - c) / w))
///        VOI LUT table: entry [clamp(round(x) - first, 0, n-1)] * 255 / (2^bits - 1)
///   -> rounded to the nearest integer, halves up: floor(y + 0.5)
///   -> MONOCHROME1: 255 - y;  then the invert flag: 255 - y.
///
/// Colour frames (already RGB) pass through unchanged except for the invert flag. The viewer's GPU path must
/// apply the same formulas (displayValue() is the reference). All functions are pure and thread-safe.
class DisplayPipeline
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::DisplayPipeline)

public:
    /// The modality value of @p stored: stored * Rescale Slope + Rescale Intercept (identity when absent).
    static double modalityValue(const ImageInfo &info, double stored);

    /// The window a viewer opens with: the file's first window; else one spanning the input range of the
    /// file's VOI LUT; else the minimum to maximum modality value of @p frame (mapped to 0 and 255 exactly).
    /// Colour frames get the 0-255 window.
    static WindowPreset defaultWindow(const ImageInfo &info, const DecodedFrame &frame);

    /// The 8-bit display value (before MONOCHROME1 and invert) of modality value @p x under @p window and
    /// @p voiLutFunction ("LINEAR", "LINEAR_EXACT", "SIGMOID"; empty or unknown means LINEAR).
    static int displayValue(double x, const WindowPreset &window, const QString &voiLutFunction);

    /// The 8-bit display value of modality value @p x through the VOI LUT table of @p info (which must have one).
    static int voiLutValue(double x, const ImageInfo &info);

    /// Renders @p frame as an 8-bit image: Format_Grayscale8 for monochrome, Format_RGB32 for colour.
    /// @param window the window to apply; nothing means the file's VOI LUT table if it has one, else
    ///        defaultWindow(). @param invert shows the result inverted (after MONOCHROME1's own inversion).
    /// @return a null image when @p frame holds no pixels or too few for its size.
    static QImage render(const ImageInfo &info, const DecodedFrame &frame, const std::optional<WindowPreset> &window,
                         bool invert = false);

    /// The smallest and largest stored value of a monochrome @p frame. @return false for empty or colour frames.
    static bool storedRange(const DecodedFrame &frame, double &minimum, double &maximum);
};

} // namespace lightbox
