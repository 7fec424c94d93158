#include "core/imaging/PixelConversion.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace lightbox {
namespace {

template<typename T> void normalizeUnsigned(T *data, size_t count, int bitsStored, int shift)
{
    using U = std::make_unsigned_t<T>;
    const U mask = bitsStored >= int(sizeof(T) * 8) ? U(~U(0)) : U((U(1) << bitsStored) - 1);
    if (shift == 0 && mask == U(~U(0)))
        return;
    for (size_t i = 0; i < count; ++i)
        data[i] = T((U(data[i]) >> shift) & mask);
}

template<typename T> void normalizeSigned(T *data, size_t count, int bitsStored, int shift)
{
    using U = std::make_unsigned_t<T>;
    const int bits = int(sizeof(T) * 8);
    if (shift == 0 && bitsStored >= bits)
        return;
    const int up = bits - bitsStored;
    for (size_t i = 0; i < count; ++i) {
        const U raw = U(U(data[i]) >> shift);
        // Move the sign bit to the top, then shift back arithmetically.
        data[i] = T(T(U(raw << up)) >> up);
    }
}

template<typename T> void normalize(void *data, size_t count, bool isSigned, int bitsStored, int shift)
{
    if (isSigned)
        normalizeSigned(static_cast<std::make_signed_t<T> *>(data), count, bitsStored, shift);
    else
        normalizeUnsigned(static_cast<T *>(data), count, bitsStored, shift);
}

uint8_t clamp8(double v)
{
    return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

void ybrToRgb(int y, int cb, int cr, uint8_t *rgb)
{
    rgb[0] = clamp8(y + 1.402 * (cr - 128));
    rgb[1] = clamp8(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
    rgb[2] = clamp8(y + 1.772 * (cb - 128));
}

// Reads sample @p index of @p bytesPerSample bytes and keeps its top 8 stored bits.
uint8_t sample8(const std::byte *src, size_t index, int bytesPerSample, int bitsStored)
{
    uint32_t v = 0;
    switch (bytesPerSample) {
    case 1:
        v = uint8_t(src[index]);
        break;
    case 2: {
        uint16_t s;
        std::memcpy(&s, src + index * 2, 2);
        v = s;
        break;
    }
    default:
        std::memcpy(&v, src + index * 4, 4);
        break;
    }
    if (bitsStored < bytesPerSample * 8)
        v &= (uint32_t(1) << bitsStored) - 1;
    if (bitsStored > 8)
        v >>= (bitsStored - 8);
    return uint8_t(std::min<uint32_t>(v, 255));
}

uint8_t paletteLookup(const PaletteTable &t, int index)
{
    if (t.entries.empty())
        return 0;
    const int i = std::clamp(index - t.first, 0, int(t.entries.size()) - 1);
    const uint16_t v = t.entries[size_t(i)];
    return t.bits > 8 ? uint8_t(v >> 8) : uint8_t(v);
}

} // namespace

void PixelConversion::normalizeMonochrome(void *data, size_t count, SampleType type, int bitsStored, int highBit)
{
    const int bits = int(sampleSize(type) * 8);
    if (type == SampleType::Float32 || bitsStored < 1 || bitsStored > bits)
        return;
    if (highBit < 0)
        highBit = bitsStored - 1;
    const int shift = std::clamp(highBit + 1 - bitsStored, 0, bits - bitsStored);
    switch (type) {
    case SampleType::UInt8:
    case SampleType::Int8:
        normalize<uint8_t>(data, count, type == SampleType::Int8, bitsStored, shift);
        break;
    case SampleType::UInt16:
    case SampleType::Int16:
        normalize<uint16_t>(data, count, type == SampleType::Int16, bitsStored, shift);
        break;
    case SampleType::UInt32:
    case SampleType::Int32:
        normalize<uint32_t>(data, count, type == SampleType::Int32, bitsStored, shift);
        break;
    case SampleType::Float32:
        break;
    }
}

bool PixelConversion::toRgb8(const std::byte *src, size_t srcBytes, int width, int height, int bitsAllocated,
                             int bitsStored, bool planar, ColourModel model, uint8_t *dest)
{
    const size_t pixels = size_t(width) * size_t(height);
    const int bytesPerSample = bitsAllocated / 8;
    if (bytesPerSample != 1 && bytesPerSample != 2 && bytesPerSample != 4)
        return false;
    if (model == ColourModel::YbrFull422) {
        // Y1 Y2 Cb Cr per horizontal pair; an odd last column shares the pair's chroma.
        const size_t pairsPerRow = (size_t(width) + 1) / 2;
        if (bytesPerSample != 1 || srcBytes < pairsPerRow * 4 * size_t(height))
            return false;
        for (int y = 0; y < height; ++y) {
            const std::byte *row = src + size_t(y) * pairsPerRow * 4;
            for (int x = 0; x < width; ++x) {
                const std::byte *pair = row + size_t(x / 2) * 4;
                ybrToRgb(int(pair[x % 2]), int(pair[2]), int(pair[3]), dest + (size_t(y) * width + x) * 3);
            }
        }
        return true;
    }
    if (srcBytes < pixels * 3 * size_t(bytesPerSample))
        return false;
    for (size_t p = 0; p < pixels; ++p) {
        uint8_t c[3];
        for (int k = 0; k < 3; ++k)
            c[k] = sample8(src, planar ? size_t(k) * pixels + p : p * 3 + size_t(k), bytesPerSample, bitsStored);
        if (model == ColourModel::YbrFull)
            ybrToRgb(c[0], c[1], c[2], dest + p * 3);
        else
            std::memcpy(dest + p * 3, c, 3);
    }
    return true;
}

void PixelConversion::ybrFullToRgbInPlace(uint8_t *data, size_t pixels)
{
    for (size_t p = 0; p < pixels; ++p) {
        uint8_t *px = data + p * 3;
        ybrToRgb(px[0], px[1], px[2], px);
    }
}

void PixelConversion::applyPalette(const std::byte *indices, size_t count, int bitsAllocated, const PaletteTable &red,
                                   const PaletteTable &green, const PaletteTable &blue, uint8_t *dest)
{
    for (size_t i = 0; i < count; ++i) {
        int index = 0;
        if (bitsAllocated == 16) {
            uint16_t v;
            std::memcpy(&v, indices + i * 2, 2);
            index = v;
        } else {
            index = int(uint8_t(indices[i]));
        }
        dest[i * 3] = paletteLookup(red, index);
        dest[i * 3 + 1] = paletteLookup(green, index);
        dest[i * 3 + 2] = paletteLookup(blue, index);
    }
}

void PixelConversion::unpackBits(const std::byte *packed, size_t firstBit, size_t count, uint8_t *dest)
{
    for (size_t i = 0; i < count; ++i) {
        const size_t bit = firstBit + i;
        dest[i] = (uint8_t(packed[bit / 8]) >> (bit % 8)) & 1;
    }
}

void PixelConversion::swapBytes(void *data, size_t bytes, int unit)
{
    auto *b = static_cast<uint8_t *>(data);
    if (unit == 2) {
        for (size_t i = 0; i + 1 < bytes; i += 2)
            std::swap(b[i], b[i + 1]);
    } else if (unit == 4) {
        for (size_t i = 0; i + 3 < bytes; i += 4) {
            std::swap(b[i], b[i + 3]);
            std::swap(b[i + 1], b[i + 2]);
        }
    }
}

} // namespace lightbox
