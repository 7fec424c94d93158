#pragma once

namespace lightbox {

/// Prepares DCMTK for this process, once, before any association or file read:
/// disables Nagle's algorithm for every DICOM socket (DCMTK reads TCP_NODELAY from the environment,
/// so it is forced to 1 whatever the environment said), disables reverse DNS on accept, registers the
/// JPEG, JPEG-LS and RLE decoders, and routes DCMTK's log into the lightbox.dicom category
/// (warnings and errors only). Thread-safe; later calls do nothing.
void initializeDcmtk();

} // namespace lightbox
