#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QStringList>
#include <QThreadPool>

#include <functional>

namespace lightbox {

class FileStore;
class IndexWriter;

/// What a deletion did.
struct DeleteResult
{
    int instancesRemoved = 0; ///< Instance rows removed from the index.
    int filesRemoved = 0; ///< Files removed from the storage folder.
    QString error; ///< Plain words for the user; empty on success.

    bool ok() const { return error.isEmpty(); }
};

/// Deletes studies and series, rows and files together, so that a crash at any point orphans nothing.
/// Phase one, in one index transaction: the instance rows go (counts kept, empty series, studies and patients
/// dropped) and their files are recorded in pending_file_removals. Phase two, after that commit: the files are
/// removed, then their pending rows. Whatever a crash leaves pending is finished by finishPending() at start-up.
/// Thread-safe; deletions run one after another on their own thread.
class Deletion
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::Deletion)

public:
    /// What a list of UIDs names.
    enum class Scope { Studies, Series };

    /// Called (on the deletion's thread) with the Series Instance UIDs whose rows were just removed, e.g. so that
    /// their thumbnails can go too.
    using SeriesRemovedCallback = std::function<void(const QStringList &seriesInstanceUids)>;

    /// @param index the running index writer; @param store the file store of the same storage folder.
    Deletion(IndexWriter &index, const FileStore &store, SeriesRemovedCallback onSeriesRemoved = {});
    /// Waits for the deletions in progress.
    ~Deletion();
    Deletion(const Deletion &) = delete;
    Deletion &operator=(const Deletion &) = delete;

    /// Deletes whole studies (every series and file; a patient left without studies goes too).
    /// Runs in the background: the future resolves when rows and files are gone. Unknown UIDs are ignored.
    QFuture<DeleteResult> deleteStudies(const QStringList &studyInstanceUids);
    /// Deletes series; their studies' counts are updated, and a study left empty is removed.
    QFuture<DeleteResult> deleteSeries(const QStringList &seriesInstanceUids);

    /// Deletions queued by deleteStudies() and deleteSeries() start only once @p gate has finished, e.g. the
    /// start-up scan, which would otherwise index again a file whose row a deletion has just removed.
    void startAfter(const QFuture<void> &gate) { m_gate = gate; }

    /// Both phases, blocking the calling thread.
    DeleteResult run(Scope scope, const QStringList &uids);

    /// Phase one only, blocking: removes the rows and records their files as pending removal, committed on
    /// return. The files stay on disk (until removeFiles() or finishPending()); used by run() and by tests that
    /// simulate a crash between the phases.
    /// @return the result (instancesRemoved set), the relative paths now pending and the series removed.
    DeleteResult markForRemoval(Scope scope, const QStringList &uids, QStringList *pendingFiles,
                                QStringList *removedSeries = nullptr);

    /// Phase two, blocking: removes @p relativePaths from the storage folder and then their pending rows. A file
    /// that an instance row points at again (the instance was received anew) is kept. Files that cannot be
    /// removed stay pending for the next start. @return how many files were removed; @p error set on failure.
    int removeFiles(const QStringList &relativePaths, QString *error = nullptr);

    /// Finishes what an earlier run left pending (call at start-up, before indexing files the index lacks).
    /// @return the relative paths still pending because they could not be removed: do not index them.
    QStringList finishPending(int *filesRemoved = nullptr);

private:
    /// Drops from @p relativePaths (and from the pending table) the files an instance row points at again.
    QStringList stillUnreferenced(const QStringList &relativePaths, QString *error);

    IndexWriter &m_index;
    const FileStore &m_store;
    SeriesRemovedCallback m_onSeriesRemoved;
    QFuture<void> m_gate;
    QThreadPool m_pool;
};

} // namespace lightbox
