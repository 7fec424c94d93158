#pragma once

#include <QSet>
#include <QString>
#include <atomic>
#include <functional>

namespace lightbox {

class IndexWriter;
class IndexReader;

/// Indexes files that are already in the storage folder: start-up reconciliation (files the index lacks,
/// e.g. after a crash between rename and commit) and the full rebuild of `lightbox --reindex`.
class StorageScanner
{
public:
    struct Report
    {
        int scanned = 0; ///< Files looked at.
        int indexed = 0; ///< Newly indexed.
        int skipped = 0; ///< Not readable as DICOM or missing UIDs (left on disk, logged).
    };

    /// @param filesDir the storage files folder; @param writer where rows go.
    StorageScanner(QString filesDir, IndexWriter &writer);

    /// Indexes every file under filesDir modified at or after @p sinceMs (0: all) that @p reader does not
    /// know (nullptr: index all). Blocks until committed. @p cancel stops early when set.
    Report run(qint64 sinceMs, IndexReader *reader, const std::atomic<bool> *cancel = nullptr);

    /// Files never to index (relative paths), e.g. those a deletion still has to remove.
    void setExcluded(QSet<QString> relativePaths) { m_excluded = std::move(relativePaths); }

private:
    QString m_filesDir;
    QSet<QString> m_excluded;
    IndexWriter &m_writer;
};

} // namespace lightbox
