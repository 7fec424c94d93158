#pragma once

#include <QList>
#include <QString>

namespace lightbox {

/// Lists the files a DICOMDIR references (every directory record with a Referenced File ID, at any level).
class DicomDirReader
{
public:
    /// One referenced file.
    struct Reference
    {
        QString fileId; ///< The Referenced File ID, components joined with '/' (e.g. "DICOM/PAT1/IMG1").
        QString path; ///< The file on disk, matched case-insensitively; empty when no such file exists.
    };

    /// @param dicomDirPath the DICOMDIR file.
    /// @param error set to a plain-words reason when the DICOMDIR cannot be read.
    /// @param ok set to false on failure (the list is then empty).
    /// @return the references in record order, each file once.
    static QList<Reference> read(const QString &dicomDirPath, QString *error, bool *ok);

    /// Finds @p relative ('/'-separated) below @p folder, each component matched case-insensitively
    /// (CD file names come in either case). @return the existing file, or empty.
    static QString resolve(const QString &folder, const QString &relative);
};

} // namespace lightbox
