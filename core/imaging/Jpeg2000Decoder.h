#pragma once

#include "core/imaging/DecodedFrame.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>

namespace lightbox {

/// Decodes one JPEG 2000 frame (a J2K codestream or a JP2 file, as held in DICOM's encapsulated pixel data) with
/// OpenJPEG. Covers JPEG 2000 lossless and lossy (1.2.840.10008.1.2.4.90/.91/.92/.93); FrameDecoder also
/// sends High-Throughput JPEG 2000 (.201/.202/.203) here, which OpenJPEG 2.5 reads through the same call (untested:
/// no HTJ2K sample, and DCMTK 3.6.7 does not know those transfer syntaxes). Colour codestreams with a multiple
/// component transform (YBR_ICT/YBR_RCT) come out as RGB because OpenJPEG inverts the transform. Thread-safe.
class Jpeg2000Decoder
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::Jpeg2000Decoder)

public:
    /// Decodes @p size bytes at @p data into @p dest.
    /// @param width, height the frame size the DICOM header announces; the codestream must match it.
    /// @param samples 1: writes one raw sample per pixel of @p type (the codestream's integers as they are, two's
    ///        complement when negative; the caller masks to Bits Stored). 3: writes interleaved 8-bit samples, the
    ///        top 8 bits of components with more precision; components stay in the colour space they were coded
    ///        in after OpenJPEG's inverse component transform (RGB for ICT/RCT).
    /// @param destBytes size of @p dest: exactly width x height x samples x sample size.
    /// @return false with @p error in plain words for corrupt or truncated data or a size mismatch.
    static bool decode(const std::byte *data, size_t size, int width, int height, int samples, SampleType type,
                       void *dest, size_t destBytes, QString *error);
};

} // namespace lightbox
