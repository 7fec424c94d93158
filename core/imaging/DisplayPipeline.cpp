#include "core/imaging/DisplayPipeline.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <vector>

namespace lightbox {
namespace {

enum class VoiFunction { Linear, LinearExact, Sigmoid };

VoiFunction functionOf(const QString &name)
{
    const QString n = name.trimmed().toUpper();
    if (n == QLatin1String("LINEAR_EXACT"))
        return VoiFunction::LinearExact;
    if (n == QLatin1String("SIGMOID"))
        return VoiFunction::Sigmoid;
    return VoiFunction::Linear;
}

int to8bit(double y)
{
    return int(std::clamp(std::floor(y + 0.5), 0.0, 255.0));
}

// Stored value of sample @p i of a monochrome frame.
template<typename T> double sampleAt(const std::byte *data, size_t i)
{
    T v;
    std::memcpy(&v, data + i * sizeof(T), sizeof(T));
    return double(v);
}

double storedSample(const DecodedFrame &frame, size_t i)
{
    const std::byte *d = frame.pixels->data();
    switch (frame.type) {
    case SampleType::UInt8:
        return sampleAt<quint8>(d, i);
    case SampleType::Int8:
        return sampleAt<qint8>(d, i);
    case SampleType::UInt16:
        return sampleAt<quint16>(d, i);
    case SampleType::Int16:
        return sampleAt<qint16>(d, i);
    case SampleType::UInt32:
        return sampleAt<quint32>(d, i);
    case SampleType::Int32:
        return sampleAt<qint32>(d, i);
    case SampleType::Float32:
        return sampleAt<float>(d, i);
    }
    return 0;
}

bool hasPixels(const DecodedFrame &frame)
{
    return frame.width > 0 && frame.height > 0 && frame.pixels && frame.pixels->size() >= frame.byteCount();
}

QImage renderColour(const DecodedFrame &frame, bool invert)
{
    QImage image(frame.width, frame.height, QImage::Format_RGB32);
    if (image.isNull())
        return image;
    const auto *src = reinterpret_cast<const uchar *>(frame.pixels->data());
    for (int y = 0; y < frame.height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < frame.width; ++x, src += 3)
            line[x] = invert ? qRgb(255 - src[0], 255 - src[1], 255 - src[2]) : qRgb(src[0], src[1], src[2]);
    }
    return image;
}

} // namespace

double DisplayPipeline::modalityValue(const ImageInfo &info, double stored)
{
    const double slope = info.rescaleSlope == 0 || !std::isfinite(info.rescaleSlope) ? 1.0 : info.rescaleSlope;
    const double intercept = std::isfinite(info.rescaleIntercept) ? info.rescaleIntercept : 0.0;
    return stored * slope + intercept;
}

bool DisplayPipeline::storedRange(const DecodedFrame &frame, double &minimum, double &maximum)
{
    if (frame.color || !hasPixels(frame))
        return false;
    const size_t count = size_t(frame.width) * size_t(frame.height);
    minimum = maximum = storedSample(frame, 0);
    for (size_t i = 1; i < count; ++i) {
        const double v = storedSample(frame, i);
        minimum = std::min(minimum, v);
        maximum = std::max(maximum, v);
    }
    return true;
}

WindowPreset DisplayPipeline::defaultWindow(const ImageInfo &info, const DecodedFrame &frame)
{
    if (!info.windows.isEmpty())
        return info.windows.first();
    if (frame.color)
        return {127.5, 256, tr("Full range")};
    if (!info.voiLut.isEmpty()) {
        const double n = double(info.voiLut.size());
        return {info.voiLutFirst + n / 2.0, n, tr("VOI LUT range")};
    }
    double lo = 0;
    double hi = 0;
    if (!storedRange(frame, lo, hi))
        return {0.5, 1, tr("Minimum to maximum")};
    const double a = modalityValue(info, lo);
    const double b = modalityValue(info, hi);
    lo = std::min(a, b);
    hi = std::max(a, b);
    if (functionOf(info.voiLutFunction) == VoiFunction::LinearExact)
        return {(lo + hi) / 2.0, std::max(hi - lo, 1e-9), tr("Minimum to maximum")};
    // LINEAR maps c - 0.5 -/+ (w-1)/2 to 0 and 255: with w = hi - lo + 1 and c = lo + w/2 these are lo and hi.
    const double width = hi - lo + 1.0;
    return {lo + width / 2.0, width, tr("Minimum to maximum")};
}

int DisplayPipeline::displayValue(double x, const WindowPreset &window, const QString &voiLutFunction)
{
    const double c = window.center;
    switch (functionOf(voiLutFunction)) {
    case VoiFunction::LinearExact: {
        const double w = std::max(window.width, 1e-9);
        if (x <= c - w / 2.0)
            return 0;
        if (x > c + w / 2.0)
            return 255;
        return to8bit(((x - c) / w + 0.5) * 255.0);
    }
    case VoiFunction::Sigmoid: {
        const double w = std::max(window.width, 1e-9);
        return to8bit(255.0 / (1.0 + std::exp(-4.0 * (x - c) / w)));
    }
    case VoiFunction::Linear:
        break;
    }
    const double w = std::max(window.width, 1.0);
    if (x <= c - 0.5 - (w - 1.0) / 2.0)
        return 0;
    if (x > c - 0.5 + (w - 1.0) / 2.0)
        return 255;
    return to8bit(((x - (c - 0.5)) / (w - 1.0) + 0.5) * 255.0);
}

int DisplayPipeline::voiLutValue(double x, const ImageInfo &info)
{
    if (info.voiLut.isEmpty())
        return 0;
    const double input = std::floor(x + 0.5) - info.voiLutFirst;
    const qsizetype index = qsizetype(std::clamp(input, 0.0, double(info.voiLut.size() - 1)));
    const int bits = std::clamp(info.voiLutBits > 0 ? info.voiLutBits : 16, 1, 16);
    return to8bit(info.voiLut[index] * 255.0 / double((1 << bits) - 1));
}

QImage DisplayPipeline::render(const ImageInfo &info, const DecodedFrame &frame,
                               const std::optional<WindowPreset> &window, bool invert)
{
    if (!hasPixels(frame))
        return {};
    if (frame.color)
        return renderColour(frame, invert);

    const bool useTable = !window && !info.voiLut.isEmpty();
    const WindowPreset w = window ? *window : defaultWindow(info, frame);
    const bool flip = (info.photometric == QLatin1String("MONOCHROME1")) != invert;
    auto map = [&](double stored) {
        const double x = modalityValue(info, stored);
        const int y = useTable ? voiLutValue(x, info) : displayValue(x, w, info.voiLutFunction);
        return uchar(flip ? 255 - y : y);
    };

    QImage image(frame.width, frame.height, QImage::Format_Grayscale8);
    if (image.isNull())
        return image;
    const size_t width = size_t(frame.width);
    const bool small = frame.type == SampleType::UInt8 || frame.type == SampleType::Int8
        || frame.type == SampleType::UInt16 || frame.type == SampleType::Int16;
    if (small) {
        // One table entry per possible stored value: 16-bit frames map through a 64 KiB table.
        const bool isSigned = frame.type == SampleType::Int8 || frame.type == SampleType::Int16;
        const int bits = int(sampleSize(frame.type) * 8);
        const int offset = isSigned ? (1 << (bits - 1)) : 0;
        std::vector<uchar> table(size_t(1) << bits);
        for (size_t i = 0; i < table.size(); ++i)
            table[i] = map(double(int(i) - offset));
        for (int y = 0; y < frame.height; ++y) {
            uchar *line = image.scanLine(y);
            for (size_t x = 0; x < width; ++x)
                line[x] = table[size_t(int(storedSample(frame, size_t(y) * width + x)) + offset)];
        }
        return image;
    }
    for (int y = 0; y < frame.height; ++y) {
        uchar *line = image.scanLine(y);
        for (size_t x = 0; x < width; ++x)
            line[x] = map(storedSample(frame, size_t(y) * width + x));
    }
    return image;
}

} // namespace lightbox
