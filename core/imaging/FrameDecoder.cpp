#include "core/imaging/FrameDecoder.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/imaging/ImageInfoReader.h"
#include "core/imaging/Jpeg2000Decoder.h"
#include "core/imaging/PixelConversion.h"

#include <QFile>
#include <QFileInfo>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <bit>
#include <cstring>
#include <exception>
#include <limits>
#include <new>

namespace lightbox {
namespace {

// Frames larger than this are refused as a corrupt header rather than allocated.
constexpr size_t kMaxFrameBytes = size_t(1) << 31;

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

QByteArray localName(const QString &path)
{
    return QFile::encodeName(path);
}

bool isJpeg2000Syntax(const QString &uid)
{
    static const QStringList uids {QStringLiteral("1.2.840.10008.1.2.4.90"),  QStringLiteral("1.2.840.10008.1.2.4.91"),
                                   QStringLiteral("1.2.840.10008.1.2.4.92"),  QStringLiteral("1.2.840.10008.1.2.4.93"),
                                   QStringLiteral("1.2.840.10008.1.2.4.201"), QStringLiteral("1.2.840.10008.1.2.4.202"),
                                   QStringLiteral("1.2.840.10008.1.2.4.203")};
    return uids.contains(uid);
}

QString transferSyntaxOf(DcmFileFormat &file)
{
    OFString uid;
    if (file.getMetaInfo() && file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, uid).good() && !uid.empty())
        return QString::fromLatin1(uid.c_str()).trimmed();
    return QString::fromLatin1(DcmXfer(file.getDataset()->getOriginalXfer()).getXferID());
}

constexpr Uint8 kPixelDataTag[4] = {0xE0, 0x7F, 0x10, 0x00}; // (7FE0,0010) in little endian

Uint32 littleEndian32(const Uint8 *bytes)
{
    return Uint32(bytes[0]) | Uint32(bytes[1]) << 8 | Uint32(bytes[2]) << 16 | Uint32(bytes[3]) << 24;
}

// After a header-only read that stopped at the pixel data: for a native little-endian syntax, records where the
// element's value starts. DCMTK 3.6.7 leaves @p stream just after the element's tag and length; should a version
// leave it at the tag, the tag is seen and skipped. readNativeDirect() checks the element is really there.
void locateNativePixels(DcmInputStream &stream, const QString &transferSyntax, ImageInfo::NativePixelData &out)
{
    out = {};
    const bool implicitVr = transferSyntax == QLatin1String("1.2.840.10008.1.2");
    if (!implicitVr && transferSyntax != QLatin1String("1.2.840.10008.1.2.1"))
        return; // compressed, deflated or big endian: DCMTK reads those
    const offile_off_t position = stream.tell();
    Uint8 next[4] = {};
    if (position <= 0 || stream.read(next, sizeof next) != sizeof next)
        return;
    out.headerBytes = implicitVr ? 8 : 12;
    out.valueOffset = qint64(position) + (std::memcmp(next, kPixelDataTag, 4) == 0 ? out.headerBytes : 0);
}

bool loadFile(const QString &path, DcmFileFormat &file, bool headerOnly, QString *error,
              ImageInfo::NativePixelData *pixels = nullptr)
{
    if (!QFileInfo(path).isFile())
        return fail(error, FrameDecoder::tr("The file %1 does not exist.").arg(path));
    initializeDcmtk();
    const OFFilename name(localName(path).constData());
    OFCondition loaded;
    if (headerOnly) {
        // As DcmFileFormat::loadFileUntilTag, with the stream kept to see where the pixel data starts.
        DcmInputFileStream stream(name);
        loaded = stream.status();
        if (loaded.good()) {
            file.transferInit();
            loaded = file.readUntilTag(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, DCM_PixelData);
            file.transferEnd();
        }
        if (loaded.good() && pixels && file.getDataset())
            locateNativePixels(stream, transferSyntaxOf(file), *pixels);
    } else {
        loaded = file.loadFile(name, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
    }
    if (loaded == EC_StreamNotifyClient)
        return fail(error,
                    FrameDecoder::tr("The file ends before its data does: it is probably truncated (an "
                                     "incomplete copy or transfer)."));
    if (loaded.bad())
        return fail(
            error,
            FrameDecoder::tr("The file is not readable as DICOM (%1).").arg(QString::fromLocal8Bit(loaded.text())));
    if (!file.getDataset())
        return fail(error, FrameDecoder::tr("The file is not readable as DICOM."));
    return true;
}

// Reads @p bytes of a native frame starting @p offset bytes into the pixel data straight from the file, where
// readInfo() found the element (no second parse of the header). False when the file does not hold the element
// there, or the range is not inside its value: the caller then reads through DCMTK, which explains what is wrong.
bool readNativeDirect(const QString &path, const ImageInfo::NativePixelData &where, size_t offset, size_t bytes,
                      std::byte *dest)
{
    if constexpr (std::endian::native != std::endian::little)
        return false;
    if (where.valueOffset <= where.headerBytes || (where.headerBytes != 8 && where.headerBytes != 12))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !file.seek(where.valueOffset - where.headerBytes))
        return false;
    Uint8 header[12] = {};
    if (file.read(reinterpret_cast<char *>(header), where.headerBytes) != where.headerBytes
        || std::memcmp(header, kPixelDataTag, 4) != 0)
        return false;
    if (where.headerBytes == 12
        && (header[4] != 'O' || (header[5] != 'B' && header[5] != 'W') || header[6] != 0 || header[7] != 0))
        return false;
    const Uint32 length = littleEndian32(header + where.headerBytes - 4);
    if (length == 0xFFFFFFFFu || offset + bytes > length)
        return false; // encapsulated after all, or truncated
    if (offset > 0 && !file.seek(where.valueOffset + qint64(offset)))
        return false;
    return file.read(reinterpret_cast<char *>(dest), qint64(bytes)) == qint64(bytes);
}

// Everything one frame decode needs from the opened file.
struct Source
{
    DcmDataset *dataset = nullptr;
    DcmPixelData *pixels = nullptr;
    E_TransferSyntax xfer = EXS_Unknown;
    QString transferSyntax;
    DcmFileCache cache;
};

// Copies @p bytes native pixel bytes starting at @p offset into @p dest, in local byte order.
bool readNative(Source &src, const ImageInfo &info, size_t offset, size_t bytes, std::byte *dest, QString *error)
{
    const size_t length = src.pixels->getLength();
    if (offset + bytes > length)
        return fail(error,
                    FrameDecoder::tr("The pixel data is shorter than the header says: %1 bytes present, %2 "
                                     "needed for this frame. The file is probably truncated.")
                        .arg(length)
                        .arg(offset + bytes));
    const bool bigEndian = DcmXfer(src.xfer).getByteOrder() == EBO_BigEndian;
    if (!bigEndian) {
        const OFCondition c
            = src.pixels->getPartialValue(dest, Uint32(offset), Uint32(bytes), &src.cache, EBO_LittleEndian);
        if (c.bad())
            return fail(error,
                        FrameDecoder::tr("The pixel data cannot be read (%1).").arg(QString::fromLocal8Bit(c.text())));
        return true;
    }
    // Big endian: fetch the bytes as stored, then swap by the word size (OW swaps byte pairs even for 8 bits).
    const int bytesPerSample = info.bitsAllocated / 8;
    const int unit = bytesPerSample >= 2 ? bytesPerSample : (src.pixels->getVR() == EVR_OW ? 2 : 1);
    const size_t start = offset - offset % size_t(unit);
    size_t end = offset + bytes;
    end = std::min(length, end + (end % size_t(unit) ? size_t(unit) - end % size_t(unit) : 0));
    std::vector<std::byte> raw(end - start);
    const OFCondition c
        = src.pixels->getPartialValue(raw.data(), Uint32(start), Uint32(raw.size()), &src.cache, EBO_BigEndian);
    if (c.bad())
        return fail(error,
                    FrameDecoder::tr("The pixel data cannot be read (%1).").arg(QString::fromLocal8Bit(c.text())));
    PixelConversion::swapBytes(raw.data(), raw.size(), unit);
    std::memcpy(dest, raw.data() + (offset - start), bytes);
    return true;
}

// Decodes a frame with one of DCMTK's codecs (RLE, JPEG, JPEG-LS). @p colourModel: the colour space it gave.
bool readWithCodec(Source &src, int frame, std::byte *dest, size_t bytes, OFString &colourModel, QString *error)
{
    if (!DcmCodecList::canChangeCoding(src.xfer, EXS_LittleEndianExplicit))
        return fail(error,
                    FrameDecoder::tr("Images compressed as %1 cannot be decoded.")
                        .arg(QString::fromLatin1(DcmXfer(src.xfer).getXferName())));
    Uint32 needed = 0;
    if (src.pixels->getUncompressedFrameSize(src.dataset, needed).bad() || needed == 0)
        return fail(error, FrameDecoder::tr("The image attributes do not describe a valid frame."));
    // Decode straight into the caller's memory when it is large enough. DCMTK's JPEG decoder refuses some
    // odd-sized frames with an exactly sized buffer, so a failure is retried once with a roomier one.
    std::vector<std::byte> scratch;
    std::byte *target = dest;
    Uint32 capacity = Uint32(bytes);
    if (needed > bytes) {
        scratch.resize(needed);
        target = scratch.data();
        capacity = needed;
    }
    Uint32 startFragment = 0;
    OFCondition c = src.pixels->getUncompressedFrame(src.dataset, Uint32(frame), startFragment, target, capacity,
                                                     colourModel, &src.cache);
    if (c.bad()) {
        scratch.assign(size_t(std::max<Uint32>(needed, Uint32(bytes))) * 2 + 64, std::byte {});
        target = scratch.data();
        startFragment = 0;
        c = src.pixels->getUncompressedFrame(src.dataset, Uint32(frame), startFragment, target, Uint32(scratch.size()),
                                             colourModel, &src.cache);
    }
    if (c.bad())
        return fail(error,
                    FrameDecoder::tr("The compressed pixel data of frame %1 cannot be decoded (%2).")
                        .arg(frame)
                        .arg(QString::fromLocal8Bit(c.text())));
    if (target != dest)
        std::memcpy(dest, target, bytes);
    return true;
}

bool startsCodestream(const Uint8 *data, Uint32 length)
{
    static const Uint8 jp2[] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '};
    return (length >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51)
        || (length >= sizeof(jp2) && std::memcmp(data, jp2, sizeof(jp2)) == 0);
}

// The bytes of fragment @p index, or null.
const Uint8 *fragment(DcmPixelSequence &seq, unsigned long index, Uint32 &length)
{
    DcmPixelItem *item = nullptr;
    Uint8 *data = nullptr;
    length = 0;
    if (seq.getItem(item, index).bad() || !item || item->getUint8Array(data).bad())
        return nullptr;
    length = item->getLength();
    return data;
}

// Gathers the fragments of one frame's JPEG 2000 codestream from the encapsulated pixel data.
bool gatherCodestream(Source &src, const ImageInfo &info, int frame, std::vector<std::byte> &out, QString *error)
{
    DcmPixelSequence *seq = nullptr;
    if (src.pixels->getEncapsulatedRepresentation(src.xfer, nullptr, seq).bad() || !seq)
        return fail(error, FrameDecoder::tr("The file holds no compressed pixel data."));
    const unsigned long count = seq->card();
    if (count < 2)
        return fail(error, FrameDecoder::tr("The compressed pixel data holds no fragments."));
    Uint32 start = 0;
    if (DcmCodec::determineStartFragment(Uint32(frame), info.frames, seq, start).bad() || start < 1 || start >= count) {
        // No usable offset table: frame N starts at the Nth fragment that begins a codestream.
        start = 0;
        int seen = -1;
        for (unsigned long i = 1; i < count && !start; ++i) {
            Uint32 length = 0;
            const Uint8 *data = fragment(*seq, i, length);
            if (data && startsCodestream(data, length) && ++seen == frame)
                start = Uint32(i);
        }
        if (!start)
            return fail(error, FrameDecoder::tr("Frame %1 is missing from the compressed pixel data.").arg(frame));
    }
    for (unsigned long i = start; i < count; ++i) {
        Uint32 length = 0;
        const Uint8 *data = fragment(*seq, i, length);
        if (!data)
            return fail(error, FrameDecoder::tr("A fragment of the compressed pixel data cannot be read."));
        if (i > start && info.frames > 1 && startsCodestream(data, length))
            break;
        const auto *bytes = reinterpret_cast<const std::byte *>(data);
        out.insert(out.end(), bytes, bytes + length);
        if (out.size() > kMaxFrameBytes)
            return fail(error, FrameDecoder::tr("The compressed frame is too large."));
    }
    return true;
}

// Reads one frame's samples as stored: native bytes, or decoded by DCMTK or OpenJPEG. @p samples 1 or 3.
// For 3 samples from JPEG 2000 the result is already 8-bit interleaved (@p rgb8 set).
bool readStoredFrame(Source &src, const ImageInfo &info, int frame, std::byte *dest, size_t bytes,
                     OFString &colourModel, bool &rgb8, QString *error)
{
    rgb8 = false;
    colourModel = info.photometric.toLatin1().constData();
    if (isJpeg2000Syntax(src.transferSyntax)) {
        std::vector<std::byte> codestream;
        if (!gatherCodestream(src, info, frame, codestream, error))
            return false;
        const int samples = info.samplesPerPixel == 3 ? 3 : 1;
        rgb8 = samples == 3;
        const SampleType type = samples == 3 ? SampleType::UInt8 : FrameDecoder::sampleType(info);
        return Jpeg2000Decoder::decode(codestream.data(), codestream.size(), info.columns, info.rows, samples, type,
                                       dest, bytes, error);
    }
    if (DcmXfer(src.xfer).isEncapsulated())
        return readWithCodec(src, frame, dest, bytes, colourModel, error);
    return readNative(src, info, size_t(frame) * bytes, bytes, dest, error);
}

bool readPaletteTable(DcmItem &dataset, const DcmTagKey &descriptor, const DcmTagKey &data, PaletteTable &table)
{
    Uint16 count = 0;
    Uint16 first = 0;
    Uint16 bits = 0;
    if (dataset.findAndGetUint16(descriptor, count, 0).bad() || dataset.findAndGetUint16(descriptor, first, 1).bad()
        || dataset.findAndGetUint16(descriptor, bits, 2).bad())
        return false;
    const Uint16 *values = nullptr;
    unsigned long available = 0;
    if (dataset.findAndGetUint16Array(data, values, &available).bad() || !values || available == 0)
        return false;
    const size_t entries = count == 0 ? 65536 : count;
    table.first = first;
    table.bits = bits;
    table.entries.clear();
    if (bits <= 8 && available < entries) {
        for (size_t i = 0; i < entries && i / 2 < available; ++i)
            table.entries.push_back(uint16_t((values[i / 2] >> ((i % 2) * 8)) & 0xFF));
    } else {
        table.entries.assign(values, values + std::min<size_t>(entries, available));
    }
    return !table.entries.empty();
}

bool decodeOrThrow(const QString &path, int frame, const ImageInfo &info, void *dest, size_t destBytes, QString *error)
{
    if (info.rows < 1 || info.columns < 1)
        return fail(error, FrameDecoder::tr("The image has no rows or columns."));
    if (info.samplesPerPixel != 1 && info.samplesPerPixel != 3)
        return fail(error,
                    FrameDecoder::tr("Images with %1 samples per pixel are not supported.").arg(info.samplesPerPixel));
    if (info.bitsAllocated != 1 && info.bitsAllocated != 8 && info.bitsAllocated != 16 && info.bitsAllocated != 32)
        return fail(
            error,
            FrameDecoder::tr("Images with %1 bits allocated per sample are not supported.").arg(info.bitsAllocated));
    if (info.bitsStored < 1 || info.bitsStored > info.bitsAllocated)
        return fail(error,
                    FrameDecoder::tr("The image says %1 bits stored in %2 bits allocated, which is not valid.")
                        .arg(info.bitsStored)
                        .arg(info.bitsAllocated));
    if (frame < 0 || frame >= info.frames)
        return fail(
            error,
            FrameDecoder::tr("Frame %1 does not exist: the image has %2 frames.").arg(frame + 1).arg(info.frames));
    const size_t pixels = size_t(info.rows) * size_t(info.columns);
    const size_t wanted = FrameDecoder::frameBytes(info);
    if (wanted > kMaxFrameBytes)
        return fail(
            error,
            FrameDecoder::tr("The image is too large to decode (%1 x %2 pixels).").arg(info.columns).arg(info.rows));
    if (!dest || destBytes != wanted)
        return fail(error, FrameDecoder::tr("The buffer for the decoded frame has the wrong size."));

    // Native greyscale, where readInfo() located the pixels: one read into the destination, no second parse.
    const bool monochrome = info.samplesPerPixel == 1 && !info.isColor();
    if (monochrome && info.bitsAllocated % 8 == 0 && wanted == pixels * size_t(info.bitsAllocated / 8)
        && readNativeDirect(path, info.nativePixels, size_t(frame) * wanted, wanted, static_cast<std::byte *>(dest))) {
        PixelConversion::normalizeMonochrome(dest, pixels, FrameDecoder::sampleType(info), info.bitsStored,
                                             info.highBit);
        return true;
    }

    DcmFileFormat file;
    if (!loadFile(path, file, false, error))
        return false;
    Source src;
    src.dataset = file.getDataset();
    src.xfer = src.dataset->getOriginalXfer();
    src.transferSyntax = transferSyntaxOf(file);
    DcmElement *element = nullptr;
    if (src.dataset->findAndGetElement(DCM_PixelData, element).bad() || !element) {
        if (src.dataset->tagExists(DCM_FloatPixelData) || src.dataset->tagExists(DCM_DoubleFloatPixelData))
            return fail(error, FrameDecoder::tr("Floating-point pixel data is not supported."));
        return fail(error, FrameDecoder::tr("The file holds no image (no pixel data)."));
    }
    src.pixels = dynamic_cast<DcmPixelData *>(element);
    if (!src.pixels)
        return fail(error, FrameDecoder::tr("The pixel data of the file cannot be read."));
    const bool encapsulated = isJpeg2000Syntax(src.transferSyntax) || DcmXfer(src.xfer).isEncapsulated();

    if (info.bitsAllocated == 1) {
        if (info.samplesPerPixel != 1 || encapsulated)
            return fail(error, FrameDecoder::tr("This kind of 1-bit image is not supported."));
        const size_t firstBit = size_t(frame) * pixels;
        const size_t bytes = (firstBit + pixels + 7) / 8;
        std::vector<std::byte> packed(bytes);
        if (!readNative(src, info, 0, bytes, packed.data(), error))
            return false;
        PixelConversion::unpackBits(packed.data(), firstBit, pixels, static_cast<uint8_t *>(dest));
        return true;
    }

    const size_t bytesPerSample = size_t(info.bitsAllocated / 8);
    OFString colourModel;
    bool rgb8 = false;
    if (info.samplesPerPixel == 3) {
        const bool native422 = !encapsulated && info.photometric.startsWith(QLatin1String("YBR_FULL_422"));
        const size_t storedBytes
            = native422 ? size_t(info.rows) * ((size_t(info.columns) + 1) / 2) * 4 : pixels * 3 * bytesPerSample;
        std::vector<std::byte> stored(storedBytes);
        if (!readStoredFrame(src, info, frame, stored.data(), stored.size(), colourModel, rgb8, error))
            return false;
        const QString model = QString::fromLatin1(colourModel.c_str()).trimmed().toUpper();
        const bool ybr = model.startsWith(QLatin1String("YBR_FULL")) || model.startsWith(QLatin1String("YBR_PARTIAL"));
        auto *out = static_cast<uint8_t *>(dest);
        if (rgb8) {
            std::memcpy(out, stored.data(), wanted);
            if (ybr)
                PixelConversion::ybrFullToRgbInPlace(out, pixels);
            return true;
        }
        const auto colour = native422 ? PixelConversion::ColourModel::YbrFull422
            : ybr                     ? PixelConversion::ColourModel::YbrFull
                                      : PixelConversion::ColourModel::Rgb;
        if (!PixelConversion::toRgb8(stored.data(), stored.size(), info.columns, info.rows, info.bitsAllocated,
                                     info.bitsStored, info.planarConfiguration == 1, colour, out))
            return fail(error, FrameDecoder::tr("The colour pixel data has an unexpected layout."));
        return true;
    }

    if (info.photometric == QLatin1String("PALETTE COLOR")) {
        if (info.bitsAllocated > 16)
            return fail(error, FrameDecoder::tr("Palette colour images with more than 16 bits are not supported."));
        std::vector<std::byte> indices(pixels * bytesPerSample);
        if (!readStoredFrame(src, info, frame, indices.data(), indices.size(), colourModel, rgb8, error))
            return false;
        PixelConversion::normalizeMonochrome(indices.data(), pixels,
                                             info.bitsAllocated == 8 ? SampleType::UInt8 : SampleType::UInt16,
                                             info.bitsStored, info.highBit);
        PaletteTable red, green, blue;
        if (src.dataset->tagExists(DCM_SegmentedRedPaletteColorLookupTableData))
            return fail(error, FrameDecoder::tr("Segmented colour palettes are not supported yet."));
        if (!readPaletteTable(*src.dataset, DCM_RedPaletteColorLookupTableDescriptor,
                              DCM_RedPaletteColorLookupTableData, red)
            || !readPaletteTable(*src.dataset, DCM_GreenPaletteColorLookupTableDescriptor,
                                 DCM_GreenPaletteColorLookupTableData, green)
            || !readPaletteTable(*src.dataset, DCM_BluePaletteColorLookupTableDescriptor,
                                 DCM_BluePaletteColorLookupTableData, blue))
            return fail(error, FrameDecoder::tr("The colour palette of the image is missing or incomplete."));
        PixelConversion::applyPalette(indices.data(), pixels, info.bitsAllocated, red, green, blue,
                                      static_cast<uint8_t *>(dest));
        return true;
    }

    auto *out = static_cast<std::byte *>(dest);
    if (!readStoredFrame(src, info, frame, out, wanted, colourModel, rgb8, error))
        return false;
    PixelConversion::normalizeMonochrome(out, pixels, FrameDecoder::sampleType(info), info.bitsStored, info.highBit);
    return true;
}

} // namespace

std::optional<ImageInfo> FrameDecoder::readInfo(const QString &path, QString *error)
{
    try {
        DcmFileFormat file;
        ImageInfo::NativePixelData pixels;
        if (!loadFile(path, file, true, error, &pixels))
            return std::nullopt;
        ImageInfo info;
        info.nativePixels = pixels;
        info.path = path;
        info.transferSyntax = transferSyntaxOf(file);
        ImageInfoReader::read(*file.getDataset(), info);
        if (info.rows < 1 || info.columns < 1 || info.bitsAllocated < 1) {
            fail(error, tr("The file holds no image (no rows, columns or bits allocated)."));
            return std::nullopt;
        }
        if (error)
            error->clear();
        return info;
    } catch (const std::bad_alloc &) {
        fail(error, tr("Not enough memory to read the file."));
    } catch (const std::exception &e) {
        qCWarning(lcDicom).noquote() << "Reading" << path << "failed:" << e.what();
        fail(error, tr("The file cannot be read."));
    }
    return std::nullopt;
}

SampleType FrameDecoder::sampleType(const ImageInfo &info)
{
    if (info.bitsAllocated > 16)
        return info.pixelSigned ? SampleType::Int32 : SampleType::UInt32;
    if (info.bitsAllocated > 8)
        return info.pixelSigned ? SampleType::Int16 : SampleType::UInt16;
    if (info.bitsAllocated == 1)
        return SampleType::UInt8;
    return info.pixelSigned ? SampleType::Int8 : SampleType::UInt8;
}

size_t FrameDecoder::frameBytes(const ImageInfo &info)
{
    const size_t pixels = size_t(std::max(info.rows, 0)) * size_t(std::max(info.columns, 0));
    return info.isColor() ? pixels * 3 : pixels * sampleSize(sampleType(info));
}

bool FrameDecoder::decode(const QString &path, int frame, const ImageInfo &info, DecodedFrame *out, QString *error)
{
    if (!out)
        return fail(error, tr("No frame to decode into."));
    try {
        const size_t bytes = frameBytes(info);
        if (bytes == 0 || bytes > kMaxFrameBytes)
            return fail(
                error,
                tr("The image size in the header is not valid (%1 x %2 pixels).").arg(info.columns).arg(info.rows));
        auto pixels = std::make_shared<std::vector<std::byte>>(bytes);
        if (!decodeInto(path, frame, info, pixels->data(), bytes, error))
            return false;
        out->width = info.columns;
        out->height = info.rows;
        out->color = info.isColor();
        out->type = out->color ? SampleType::UInt8 : sampleType(info);
        out->pixels = std::move(pixels);
        return true;
    } catch (const std::bad_alloc &) {
        return fail(error, tr("Not enough memory to decode the image."));
    }
}

bool FrameDecoder::decodeInto(const QString &path, int frame, const ImageInfo &info, void *dest, size_t destBytes,
                              QString *error)
{
    try {
        if (!decodeOrThrow(path, frame, info, dest, destBytes, error))
            return false;
        if (error)
            error->clear();
        return true;
    } catch (const std::bad_alloc &) {
        return fail(error, tr("Not enough memory to decode the image."));
    } catch (const std::exception &e) {
        qCWarning(lcDicom).noquote() << "Decoding" << path << "failed:" << e.what();
        return fail(error, tr("The image cannot be decoded."));
    }
}

} // namespace lightbox
