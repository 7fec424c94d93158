#pragma once

#include <QString>

#include <memory>

class DicomDirInterface;

namespace lightbox {

/// Builds the DICOMDIR of exported media with DCMTK (General Purpose profile). Compressed transfer syntaxes,
/// pixel encodings and sizes outside the CD profile are accepted (the files are copied as stored); missing
/// required directory attributes are invented rather than failing.
class DicomDirWriter
{
public:
    DicomDirWriter();
    ~DicomDirWriter();

    /// Starts a new DICOMDIR at @p folder/DICOMDIR. @return false with @p error in plain words.
    bool create(const QString &folder, QString *error = nullptr);
    /// Adds the file at @p relativePath ('/'-separated, media-safe names) below the folder.
    /// @return false with @p error in plain words (the file is then not listed).
    bool add(const QString &relativePath, QString *error = nullptr);
    /// Writes the DICOMDIR file. @return false with @p error in plain words.
    bool write(QString *error = nullptr);

private:
    std::unique_ptr<DicomDirInterface> m_dir;
    QString m_folder;
};

} // namespace lightbox
