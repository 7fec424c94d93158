#include "core/imaging/ThumbnailRenderer.h"

#include "core/imaging/DisplayPipeline.h"
#include "core/imaging/FrameDecoder.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"

#include <QCoreApplication>
#include <QFile>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimage/diregist.h> // colour support (RGB, YBR, palette) for DicomImage
#include <dcmtk/dcmimgle/dcmimage.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>

namespace lightbox {
namespace {

// Beyond this a file is not an image we want to decode for a preview (and likely a corrupt header).
constexpr qint64 kMaxPixelsPerFrame = qint64(1) << 28;

bool isJpeg2000(E_TransferSyntax xfer)
{
    return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 || xfer == EXS_JPEG2000MulticomponentLosslessOnly
        || xfer == EXS_JPEG2000Multicomponent;
}

// Applies the file's own VOI: first window, else first VOI LUT, else min-max of this frame.
void applyFilePresentation(DicomImage &image)
{
    if (image.getWindowCount() > 0 && image.setWindow(0))
        return;
    if (image.getVoiLutCount() > 0 && image.setVoiLut(0))
        return;
    image.setMinMaxWindow(0);
}

QImage fitInto(const QImage &full, double widthHeightRatio, int maxSize)
{
    // Displayed size: pixels may be non-square (pixel spacing / aspect ratio); ignore absurd ratios.
    double ratio = widthHeightRatio;
    if (!std::isfinite(ratio) || ratio < 0.2 || ratio > 5.0)
        ratio = 1.0;
    const int width = full.width();
    const int height = full.height();
    const double displayWidth = width * ratio;
    const double scale = std::min(1.0, std::min(maxSize / displayWidth, maxSize / double(height)));
    const int targetWidth = std::clamp(static_cast<int>(std::lround(displayWidth * scale)), 1, maxSize);
    const int targetHeight = std::clamp(static_cast<int>(std::lround(height * scale)), 1, maxSize);
    if (targetWidth == width && targetHeight == height)
        return full;
    return full.scaled(targetWidth, targetHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

// The viewer's own decoder and display pipeline (OpenJPEG for JPEG 2000), with the file's own window.
QImage renderThroughPipeline(const QString &dicomFile, int maxSize, QString *error)
{
    QString why;
    const auto info = FrameDecoder::readInfo(dicomFile, &why);
    DecodedFrame frame;
    if (!info || !FrameDecoder::decode(dicomFile, info->frames / 2, *info, &frame, &why)) {
        if (error)
            *error = ThumbnailRenderer::tr("The image cannot be decoded (%1).").arg(why);
        return {};
    }
    const QImage full = DisplayPipeline::render(*info, frame, std::nullopt);
    if (full.isNull()) {
        if (error)
            *error = ThumbnailRenderer::tr("The image cannot be decoded.");
        return {};
    }
    const double ratio = info->hasPixelSpacing && info->rowSpacing > 0 ? info->columnSpacing / info->rowSpacing : 1.0;
    return fitInto(full, ratio, maxSize);
}

QImage renderOrThrow(const QString &dicomFile, int maxSize, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QImage();
    };
    if (maxSize < 1)
        return fail(ThumbnailRenderer::tr("The thumbnail size must be at least one pixel."));
    if (!QFile::exists(dicomFile))
        return fail(ThumbnailRenderer::tr("The file %1 does not exist.").arg(dicomFile));

    initializeDcmtk();
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(OFFilename(QFile::encodeName(dicomFile).constData()));
    if (loaded.bad())
        return fail(ThumbnailRenderer::tr("The file is not readable as DICOM (%1).")
                        .arg(QString::fromLocal8Bit(loaded.text())));
    DcmDataset *dataset = file.getDataset();
    if (!dataset || !dataset->tagExists(DCM_PixelData))
        return fail(ThumbnailRenderer::tr("The file holds no image (no pixel data)."));
    const E_TransferSyntax xfer = dataset->getOriginalXfer();
    if (isJpeg2000(xfer))
        return renderThroughPipeline(dicomFile, maxSize, error); // DCMTK 3.6.7 has no JPEG 2000 codec

    Uint16 rows = 0;
    Uint16 columns = 0;
    dataset->findAndGetUint16(DCM_Rows, rows);
    dataset->findAndGetUint16(DCM_Columns, columns);
    if (rows == 0 || columns == 0)
        return fail(ThumbnailRenderer::tr("The image has no rows or columns."));
    if (qint64(rows) * qint64(columns) > kMaxPixelsPerFrame)
        return fail(ThumbnailRenderer::tr("The image is too large for a thumbnail."));
    Sint32 frames = 1;
    if (dataset->findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1)
        frames = 1;
    const unsigned long middle = static_cast<unsigned long>(frames / 2);

    DicomImage image(&file, xfer, CIF_MayDetachPixelData, middle, 1);
    if (image.getStatus() != EIS_Normal)
        return fail(ThumbnailRenderer::tr("The image cannot be decoded (%1).")
                        .arg(QString::fromLatin1(DicomImage::getString(image.getStatus()))));
    if (image.getFrameCount() < 1)
        return fail(ThumbnailRenderer::tr("The image has no frames."));

    const bool mono = image.isMonochrome();
    if (mono)
        applyFilePresentation(image);
    const int width = static_cast<int>(image.getWidth());
    const int height = static_cast<int>(image.getHeight());
    const auto *pixels = static_cast<const uchar *>(image.getOutputData(8, 0, 0));
    if (!pixels || width < 1 || height < 1)
        return fail(ThumbnailRenderer::tr("The image cannot be decoded (%1).")
                        .arg(QString::fromLatin1(DicomImage::getString(image.getStatus()))));

    QImage full;
    if (mono)
        full = QImage(pixels, width, height, width, QImage::Format_Grayscale8).copy();
    else
        full = QImage(pixels, width, height, width * 3, QImage::Format_RGB888).convertToFormat(QImage::Format_RGB32);
    if (full.isNull())
        return fail(ThumbnailRenderer::tr("Not enough memory for the thumbnail."));

    return fitInto(full, image.getWidthHeightRatio(), maxSize);
}

} // namespace

QImage ThumbnailRenderer::render(const QString &dicomFile, int maxSize, QString *error)
{
    try {
        QImage image = renderOrThrow(dicomFile, maxSize, error);
        if (!image.isNull() && error)
            error->clear();
        return image;
    } catch (const std::bad_alloc &) {
        if (error)
            *error = ThumbnailRenderer::tr("Not enough memory for the thumbnail.");
    } catch (const std::exception &e) {
        qCWarning(lcDicom).noquote() << "Thumbnail of" << dicomFile << "failed:" << e.what();
        if (error)
            *error = ThumbnailRenderer::tr("The image cannot be decoded.");
    }
    return {};
}

} // namespace lightbox
