#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>

namespace lightbox {

/// Renders a small preview of one DICOM image file, as the study browser shows a series.
/// Decodes with DCMTK (uncompressed, deflate, RLE, JPEG, JPEG-LS; not JPEG 2000 yet), takes the middle frame of a
/// multi-frame image, and applies the file's own presentation: its first Window Center/Width, else its first
/// VOI LUT, else the minimum and maximum of the pixel data. MONOCHROME1 is shown inverted (low values bright),
/// colour images (RGB, YBR, palette) in colour. Thread-safe: call it from QtConcurrent.
class ThumbnailRenderer
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::ThumbnailRenderer)

public:
    /// Renders @p dicomFile scaled to fit a @p maxSize x @p maxSize box, keeping the displayed aspect ratio
    /// (pixel spacing or pixel aspect ratio included).
    /// @return a Grayscale8 (monochrome) or RGB32 (colour) image; a null image with @p error set in plain words
    /// when the file cannot be read or decoded. Never throws, also not for malformed files.
    static QImage render(const QString &dicomFile, int maxSize, QString *error = nullptr);
};

} // namespace lightbox
