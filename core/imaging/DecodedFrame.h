#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace lightbox {

/// The type of one monochrome sample in a DecodedFrame.
enum class SampleType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32 };

/// Size in bytes of one sample of @p type.
constexpr size_t sampleSize(SampleType type)
{
    switch (type) {
    case SampleType::UInt8:
    case SampleType::Int8:
        return 1;
    case SampleType::UInt16:
    case SampleType::Int16:
        return 2;
    case SampleType::UInt32:
    case SampleType::Int32:
    case SampleType::Float32:
        return 4;
    }
    return 1;
}

/// One decoded frame of a DICOM image (FrameDecoder::decode), row-major, no padding between rows.
struct DecodedFrame
{
    int width = 0, height = 0;
    /// Colour: interleaved RGB, 8 bits per sample, after the photometric conversion (RGB, YBR_FULL, YBR_FULL_422,
    /// YBR_ICT/RCT, PALETTE COLOR -> RGB); samples stored with more than 8 bits keep their top 8 bits.
    bool color = false;
    /// Monochrome: the stored values in their native type (signed where Pixel Representation is 1), bits above
    /// Bits Stored masked (unsigned) or sign-extended (signed). Ignored for colour frames.
    SampleType type = SampleType::UInt16;
    std::shared_ptr<std::vector<std::byte>> pixels;

    /// Bytes of one sample: 1 for colour (three per pixel), else the size of @ref type.
    size_t bytesPerSample() const { return color ? 1 : sampleSize(type); }
    /// Bytes of the whole frame: width x height x (3 for colour, 1 for monochrome) x bytesPerSample().
    size_t byteCount() const { return size_t(width) * size_t(height) * (color ? 3 : 1) * bytesPerSample(); }
};

} // namespace lightbox
