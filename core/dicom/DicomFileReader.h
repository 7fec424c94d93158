#pragma once

#include "core/dicom/InstanceMetadata.h"

#include <QString>
#include <optional>

namespace lightbox {

/// Reads the index attributes of a DICOM file (Part 10 file or bare dataset) without loading its pixel data.
class DicomFileReader
{
public:
    /// @param path the file to read.
    /// @param error set to a plain-words reason when the file cannot be read as DICOM.
    /// @return the metadata, text converted to UTF-8; std::nullopt if the file is not readable DICOM.
    static std::optional<InstanceMetadata> readMetadata(const QString &path, QString *error = nullptr);

    /// A cheap look at the first bytes of @p path: a Part 10 file ("DICM" after the 128-byte preamble) or a bare
    /// dataset (either byte order) whose first element is in an even group from 0002 to 0028 (real ones start at
    /// 0002, 0004 or 0008), or a gzip stream (DCMTK reads a whole file compressed so).
    /// For scanning folders (a patient CD also carries its viewer, autorun files, text): what fails here is not
    /// DICOM, and is skipped without asking DCMTK (which would log two errors for each such file).
    static bool looksLikeDicom(const QString &path);
};

/// True when @p uid is a syntactically valid DICOM UID: 1-64 characters, digits and dots, no empty
/// component, no leading zero in a component.
bool isValidUid(const QString &uid);

} // namespace lightbox
