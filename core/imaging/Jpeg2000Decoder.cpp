#include "core/imaging/Jpeg2000Decoder.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace lightbox {
namespace {

// OpenJPEG reads from this in-memory buffer through the stream callbacks below.
struct MemoryStream
{
    const std::byte *data = nullptr;
    size_t size = 0;
    size_t offset = 0;
};

OPJ_SIZE_T readStream(void *buffer, OPJ_SIZE_T bytes, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    if (s->offset >= s->size)
        return static_cast<OPJ_SIZE_T>(-1);
    const size_t n = std::min<size_t>(bytes, s->size - s->offset);
    std::memcpy(buffer, s->data + s->offset, n);
    s->offset += n;
    return n;
}

OPJ_OFF_T skipStream(OPJ_OFF_T bytes, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    const auto target
        = std::clamp<OPJ_OFF_T>(static_cast<OPJ_OFF_T>(s->offset) + bytes, 0, static_cast<OPJ_OFF_T>(s->size));
    const OPJ_OFF_T moved = target - static_cast<OPJ_OFF_T>(s->offset);
    s->offset = static_cast<size_t>(target);
    return moved;
}

OPJ_BOOL seekStream(OPJ_OFF_T position, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    if (position < 0 || static_cast<size_t>(position) > s->size)
        return OPJ_FALSE;
    s->offset = static_cast<size_t>(position);
    return OPJ_TRUE;
}

void rememberError(const char *message, void *user)
{
    auto *text = static_cast<QString *>(user);
    if (text->isEmpty())
        *text = QString::fromUtf8(message).trimmed();
}

void ignoreMessage(const char *, void *) { }

bool isJp2File(const std::byte *data, size_t size)
{
    static const unsigned char signature[] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A};
    return size >= sizeof(signature) && std::memcmp(data, signature, sizeof(signature)) == 0;
}

struct CodecDeleter
{
    void operator()(opj_codec_t *c) const { opj_destroy_codec(c); }
};
struct StreamDeleter
{
    void operator()(opj_stream_t *s) const { opj_stream_destroy(s); }
};
struct ImageDeleter
{
    void operator()(opj_image_t *i) const { opj_image_destroy(i); }
};

template<typename T> void writeMonochrome(const opj_image_comp_t &comp, int width, int height, void *dest)
{
    auto *out = static_cast<T *>(dest);
    for (int y = 0; y < height; ++y) {
        const OPJ_INT32 *row = comp.data + size_t(y) * comp.w;
        for (int x = 0; x < width; ++x)
            out[size_t(y) * width + x] = static_cast<T>(row[x]);
    }
}

// Sample of component @p c at full-resolution pixel (x, y), reduced to 8 bits.
quint8 colourSample(const opj_image_comp_t &c, int x, int y)
{
    const OPJ_UINT32 cx = std::min<OPJ_UINT32>(OPJ_UINT32(x) / std::max<OPJ_UINT32>(c.dx, 1), c.w - 1);
    const OPJ_UINT32 cy = std::min<OPJ_UINT32>(OPJ_UINT32(y) / std::max<OPJ_UINT32>(c.dy, 1), c.h - 1);
    int v = c.data[size_t(cy) * c.w + cx];
    if (c.sgnd)
        v += 1 << (c.prec - 1);
    if (c.prec > 8)
        v >>= (c.prec - 8);
    return static_cast<quint8>(std::clamp(v, 0, 255));
}

} // namespace

bool Jpeg2000Decoder::decode(const std::byte *data, size_t size, int width, int height, int samples, SampleType type,
                             void *dest, size_t destBytes, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!data || size < 2)
        return fail(tr("The JPEG 2000 data of this frame is empty."));
    if (samples != 1 && samples != 3)
        return fail(tr("JPEG 2000 images with %1 samples per pixel are not supported.").arg(samples));
    const size_t expected = size_t(width) * size_t(height) * size_t(samples) * (samples == 3 ? 1 : sampleSize(type));
    if (destBytes != expected)
        return fail(tr("The buffer for the decoded JPEG 2000 frame has the wrong size."));

    MemoryStream source {data, size, 0};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    if (!stream)
        return fail(tr("Not enough memory to decode the JPEG 2000 frame."));
    opj_stream_set_user_data(stream.get(), &source, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readStream);
    opj_stream_set_skip_function(stream.get(), skipStream);
    opj_stream_set_seek_function(stream.get(), seekStream);

    std::unique_ptr<opj_codec_t, CodecDeleter> codec(
        opj_create_decompress(isJp2File(data, size) ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    if (!codec)
        return fail(tr("Not enough memory to decode the JPEG 2000 frame."));
    QString codecError;
    opj_set_error_handler(codec.get(), rememberError, &codecError);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    auto corrupt = [&]() {
        return fail(codecError.isEmpty()
                        ? tr("The JPEG 2000 data of this frame is corrupt or truncated.")
                        : tr("The JPEG 2000 data of this frame is corrupt or truncated (%1).").arg(codecError));
    };
    if (!opj_setup_decoder(codec.get(), &parameters))
        return corrupt();

    opj_image_t *rawImage = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &rawImage)) {
        opj_image_destroy(rawImage);
        return corrupt();
    }
    std::unique_ptr<opj_image_t, ImageDeleter> image(rawImage);
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return corrupt();

    const int imageWidth = int(image->x1 - image->x0);
    const int imageHeight = int(image->y1 - image->y0);
    if (imageWidth != width || imageHeight != height)
        return fail(tr("The JPEG 2000 frame is %1 x %2 pixels, but the header says %3 x %4.")
                        .arg(imageWidth)
                        .arg(imageHeight)
                        .arg(width)
                        .arg(height));
    if (int(image->numcomps) < samples)
        return fail(tr("The JPEG 2000 frame has %1 components, but the header says %2 samples per pixel.")
                        .arg(image->numcomps)
                        .arg(samples));
    for (int c = 0; c < samples; ++c) {
        const opj_image_comp_t &comp = image->comps[c];
        if (!comp.data || comp.w == 0 || comp.h == 0 || comp.prec < 1 || comp.prec > 32)
            return corrupt();
        if (samples == 1 && (int(comp.w) < width || int(comp.h) < height))
            return fail(tr("Subsampled monochrome JPEG 2000 frames are not supported."));
    }

    if (samples == 1) {
        const opj_image_comp_t &comp = image->comps[0];
        switch (type) {
        case SampleType::UInt8:
            writeMonochrome<quint8>(comp, width, height, dest);
            break;
        case SampleType::Int8:
            writeMonochrome<qint8>(comp, width, height, dest);
            break;
        case SampleType::UInt16:
            writeMonochrome<quint16>(comp, width, height, dest);
            break;
        case SampleType::Int16:
            writeMonochrome<qint16>(comp, width, height, dest);
            break;
        case SampleType::UInt32:
            writeMonochrome<quint32>(comp, width, height, dest);
            break;
        case SampleType::Int32:
            writeMonochrome<qint32>(comp, width, height, dest);
            break;
        case SampleType::Float32:
            return fail(tr("JPEG 2000 does not hold floating-point pixel data."));
        }
        return true;
    }

    auto *out = static_cast<quint8 *>(dest);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                *out++ = colourSample(image->comps[c], x, y);
    return true;
}

} // namespace lightbox
