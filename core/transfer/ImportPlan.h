#pragma once

#include "core/transfer/ImportSummary.h"
#include "core/transfer/ZipReader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace lightbox {

/// The files an import will look at, found before any is imported (so progress has a total): the paths the
/// user chose, with folders walked recursively, DICOMDIRs replaced by the files they reference and zip archives
/// by their entries.
class ImportPlan
{
public:
    /// One file to import: on disk, or an entry of a zip archive.
    struct Item
    {
        QString displayPath; ///< For messages: the file, or "archive.zip/entry".
        QString filePath; ///< The file on disk (empty for a zip entry).
        int archive = -1; ///< Index into archives() for a zip entry, else -1.
        int entry = -1; ///< Index into that archive's entries().
    };

    /// Walks @p paths. @p isCancelled is polled between files. @return the plan; paths that cannot be read at all
    /// (missing, unreadable archives, files a DICOMDIR lists but the disc lacks) are in skipped().
    static ImportPlan collect(const QStringList &paths, const std::function<bool()> &isCancelled);

    const QList<Item> &items() const { return m_items; }
    const QList<SkippedFile> &skipped() const { return m_skipped; }
    const ZipReader &archive(int index) const { return *m_archives.at(index); }
    bool cancelled() const { return m_cancelled; }

private:
    void addPath(const QString &path, const std::function<bool()> &isCancelled);
    void addFile(const QString &path);
    void addArchive(const QString &path);
    void addDicomDir(const QString &path);
    void skip(const QString &path, const QString &reason);

    QList<Item> m_items;
    QList<SkippedFile> m_skipped;
    QList<std::shared_ptr<ZipReader>> m_archives;
    bool m_cancelled = false;
};

} // namespace lightbox
