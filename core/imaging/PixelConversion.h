#pragma once

#include "core/imaging/DecodedFrame.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lightbox {

/// One palette colour lookup table (PS3.3 C.7.6.3.1.5): entries, first input value mapped, bits per entry.
struct PaletteTable
{
    std::vector<uint16_t> entries;
    int first = 0;
    int bits = 8;
};

/// Pixel-level conversions between what a codec or the file gives and what a DecodedFrame holds. No DCMTK.
/// Internal to lightbox_imaging: FrameDecoder's building blocks, public for its tests.
class PixelConversion
{
public:
    /// How the samples of a colour frame are coded before conversion to RGB.
    enum class ColourModel {
        Rgb, ///< RGB (also YBR_ICT/YBR_RCT after JPEG 2000's inverse transform)
        YbrFull, ///< YCbCr full range, three samples per pixel
        YbrFull422 ///< native YBR_FULL_422: Y1 Y2 Cb Cr for each horizontal pair of pixels (8 bits only)
    };

    /// Keeps the stored bits of @p count monochrome samples of @p type at @p data, in place: shifts so that
    /// High Bit @p highBit is the top stored bit, then masks the bits above @p bitsStored (unsigned types) or
    /// sign-extends from bit @p bitsStored - 1 (signed types). @p highBit < 0 means bitsStored - 1.
    static void normalizeMonochrome(void *data, size_t count, SampleType type, int bitsStored, int highBit);

    /// Converts a colour frame with samples of @p bitsAllocated bits (8, 16 or 32; in local byte order) to
    /// interleaved 8-bit RGB at @p dest (width x height x 3 bytes). Samples with more than 8 stored bits keep
    /// their top 8. @p planar: colour-by-plane input. YCbCr uses the full-range equations of PS3.3 C.7.6.3.1.2.
    /// @return false when @p srcBytes is too small for the frame.
    static bool toRgb8(const std::byte *src, size_t srcBytes, int width, int height, int bitsAllocated, int bitsStored,
                       bool planar, ColourModel model, uint8_t *dest);

    /// Converts interleaved 8-bit YCbCr (full range) at @p data to RGB, in place, for @p pixels pixels.
    static void ybrFullToRgbInPlace(uint8_t *data, size_t pixels);

    /// Maps @p count palette indices (8 or 16 bits per @p bitsAllocated, local byte order) through the three
    /// tables to interleaved 8-bit RGB at @p dest (top 8 bits of 16-bit entries). Indices outside a table take
    /// its first or last entry.
    static void applyPalette(const std::byte *indices, size_t count, int bitsAllocated, const PaletteTable &red,
                             const PaletteTable &green, const PaletteTable &blue, uint8_t *dest);

    /// Expands @p count 1-bit samples starting at bit @p firstBit of @p packed (DICOM order: least significant bit
    /// first) to one byte each (0 or 1) at @p dest.
    static void unpackBits(const std::byte *packed, size_t firstBit, size_t count, uint8_t *dest);

    /// Swaps the bytes of each @p unit-byte word (2 or 4) of @p bytes bytes at @p data, in place.
    static void swapBytes(void *data, size_t bytes, int unit);
};

} // namespace lightbox
