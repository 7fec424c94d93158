#pragma once

#include <QList>
#include <QString>
#include <QVector>

#include <array>

namespace lightbox {

/// One window (VOI) of an image: centre and width in modality units (after Rescale Slope/Intercept).
struct WindowPreset
{
    double center = 0;
    double width = 0;
    QString name; ///< Window Center & Width Explanation, or a preset's name.
};

/// What a viewer needs to know about one DICOM image file, read from its header without the pixel data
/// (FrameDecoder::readInfo). A plain value type: no DCMTK, safe to copy across threads.
struct ImageInfo
{
    QString path, sopInstanceUid, sopClassUid, seriesInstanceUid, studyInstanceUid, frameOfReferenceUid, modality,
        patientName, patientId, studyDate, studyDescription, seriesDescription, seriesNumber, instanceNumber,
        transferSyntax, photometric /*as in file*/, rescaleType, voiLutFunction;
    int rows = 0, columns = 0, frames = 1, samplesPerPixel = 1, bitsAllocated = 0, bitsStored = 0;
    int highBit = -1; ///< High Bit (0028,0102); -1 when absent (then BitsStored - 1).
    int planarConfiguration = 0; ///< 0: colour-by-pixel, 1: colour-by-plane (native colour data only).
    bool pixelSigned = false;
    double rescaleSlope = 1, rescaleIntercept = 0;
    QList<WindowPreset> windows; ///< From the file, in file order.
    /// The first VOI LUT table of the file, if any: output values, the first input value mapped, and the bits
    /// per output entry (from the LUT Descriptor, corrected upwards when the data exceeds it).
    QVector<double> voiLut;
    int voiLutFirst = 0;
    int voiLutBits = 0;
    bool hasPosition = false;
    std::array<double, 3> position {};
    bool hasOrientation = false;
    std::array<double, 6> orientation {};
    bool hasPixelSpacing = false;
    double rowSpacing = 1, columnSpacing = 1; ///< mm between rows / columns = PixelSpacing[0] / [1].
    double sliceThickness = 0, spacingBetweenSlices = 0;
    QList<std::array<double, 3>> framePositions; ///< Per-frame positions of an enhanced multi-frame, if present.
    double frameTimeMs = 0; ///< Cine: Frame Time, else 1000 / Cine Rate; 0 when unknown.

    /// Where the pixel data of a file in a native little-endian syntax starts, as readInfo() found it, so a frame
    /// can be read straight into its destination without parsing the header again (FrameDecoder checks the
    /// element is still there first). valueOffset is 0 when unknown: compressed, big-endian or deflated files,
    /// infos read from a data set in memory.
    struct NativePixelData
    {
        qint64 valueOffset = 0; ///< file offset of the first pixel byte (after the element's tag and length)
        int headerBytes = 0; ///< 8 (implicit VR) or 12 (explicit VR OB/OW): tag, [VR, reserved,] length
    } nativePixels;

    /// True for images shown in colour: three samples per pixel, or PALETTE COLOR.
    bool isColor() const { return samplesPerPixel == 3 || photometric == QLatin1String("PALETTE COLOR"); }
};

} // namespace lightbox
