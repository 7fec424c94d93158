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
};

/// True when @p uid is a syntactically valid DICOM UID: 1-64 characters, digits and dots, no empty
/// component, no leading zero in a component.
bool isValidUid(const QString &uid);

} // namespace lightbox
