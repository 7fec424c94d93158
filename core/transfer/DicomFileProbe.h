#pragma once

#include "core/dicom/InstanceMetadata.h"

#include <QString>

namespace lightbox {

/// Tells what a file offered for import is: an instance to store, a DICOMDIR, or something to skip (with the
/// reason in plain words). Reads only up to the pixel data.
class DicomFileProbe
{
public:
    enum class Kind {
        Instance, ///< A DICOM instance with SOP Class and SOP Instance UID: import it.
        DicomDir, ///< A DICOMDIR (Media Storage Directory): its referenced files are the instances.
        Skip, ///< Not importable; see reason.
    };

    struct Result
    {
        Kind kind = Kind::Skip;
        InstanceMetadata meta; ///< Valid for Kind::Instance.
        QString reason; ///< Plain words for Kind::Skip (translated).
    };

    /// @param path a file on disk.
    /// @return what the file is; never throws.
    static Result probe(const QString &path);

    /// True when @p path has "DICM" after a 128-byte preamble (a DICOM Part 10 file).
    static bool hasPart10Header(const QString &path);
};

} // namespace lightbox
