#pragma once

// Internal to core/dicom and core/net: the DCMTK side of DicomObject.

#include "core/dicom/DicomObject.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>

namespace lightbox {

/// The data set (with meta information) behind a DicomObject and the transfer syntax it is held in.
struct DicomObject::Data
{
    DcmFileFormat file;
    E_TransferSyntax transferSyntax = EXS_LittleEndianExplicit;
};

} // namespace lightbox
