#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lightbox {

/// A file an import did not store, and why, in plain words.
struct SkippedFile
{
    QString path; ///< The file (for a zip entry: "archive.zip/entry/name").
    QString reason;
};

/// What an import did.
struct ImportSummary
{
    int imported = 0; ///< Instances newly stored and indexed.
    int alreadyStored = 0; ///< Instances that were already in the storage (nothing written).
    int skipped = 0; ///< Files that are not importable instances; see skippedFiles.
    QList<SkippedFile> skippedFiles;
    QStringList studyInstanceUids; ///< Studies of the imported and already stored instances, each once.
    bool cancelled = false; ///< Stopped by the user; what was imported before stays.
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::ImportSummary)
