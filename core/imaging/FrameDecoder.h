#pragma once

#include "core/imaging/DecodedFrame.h"
#include "core/imaging/ImageInfo.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace lightbox {

/// Reads DICOM image headers and decodes single frames to stored values (monochrome) or RGB (colour).
/// Transfer syntaxes: implicit and explicit VR little endian, explicit big endian, deflate (all native), RLE,
/// JPEG baseline/extended/lossless and JPEG-LS (DCMTK's codecs, one frame at a time), JPEG 2000 lossless and
/// lossy (OpenJPEG, Jpeg2000Decoder). Malformed, truncated or unsupported files give false with a plain-words
/// error, never a crash. Thread-safe: each call opens the file on its own.
class FrameDecoder
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::FrameDecoder)

public:
    /// Reads the header of @p path up to (not including) the pixel data.
    /// @return the image's description, or nothing with @p error set when the file is unreadable or holds no
    /// image (no rows, columns or bits allocated).
    static std::optional<ImageInfo> readInfo(const QString &path, QString *error = nullptr);

    /// The sample type a monochrome frame of @p info decodes to (Bits Allocated 1 decodes to UInt8 0/1).
    static SampleType sampleType(const ImageInfo &info);

    /// Bytes one decoded frame of @p info takes: rows x columns x (3 for colour, else the sample size).
    static size_t frameBytes(const ImageInfo &info);

    /// Decodes frame @p frame (0-based) of @p path, described by @p info from readInfo(), into @p out.
    /// @return false with @p error in plain words (missing or truncated pixel data, corrupt compressed data,
    /// unsupported format); @p out is left unchanged then.
    static bool decode(const QString &path, int frame, const ImageInfo &info, DecodedFrame *out,
                       QString *error = nullptr);

    /// Like decode(), but writes the frame straight into caller memory (e.g. one slice of a volume buffer):
    /// monochrome native samples of sampleType(), or interleaved RGB8, row-major without padding.
    /// @param destBytes must equal frameBytes(info).
    static bool decodeInto(const QString &path, int frame, const ImageInfo &info, void *dest, size_t destBytes,
                           QString *error = nullptr);
};

} // namespace lightbox
