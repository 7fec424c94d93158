#pragma once

#include <string>
#include <vector>

namespace lightbox {

/// Every transfer syntax Lightbox accepts as sent (stored unchanged): uncompressed, deflate, RLE, the JPEG
/// family, JPEG-LS, JPEG 2000, MPEG-2/4 and HEVC. Uncompressed explicit little endian comes first.
const std::vector<std::string> &acceptedTransferSyntaxes();

/// Every storage SOP class DCMTK knows.
const std::vector<std::string> &storageSopClasses();

/// A short human name for a transfer syntax UID ("JPEG 2000 (lossless)"), or the UID itself.
std::string transferSyntaxName(const std::string &uid);

} // namespace lightbox
