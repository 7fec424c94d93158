#pragma once

#include "core/imaging/ImageInfo.h"
#include "core/imaging/SeriesGeometry.h"
#include "core/imaging/Volume.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <QTimer>
#include <algorithm>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

namespace lightbox {

/// Loads the image files of one series into a Volume, progressively and in parallel.
///
/// load() reads every header on a thread pool (one thread per core), orders the slices along the slice normal
/// (SeriesGeometry), allocates the Volume in the files' native sample type and decodes straight into it: first
/// initialSlice() (the middle of the stack, the slice a viewer shows first), then the others outwards from it.
/// The viewer can show and scroll the volume while the rest decodes. addFiles() adds instances that arrive later:
/// they join in sorted position and slicesInserted() says where, so a viewer keeps showing the same slice.
///
/// Files that cannot be read or decoded are reported (fileErrors(), and in the warnings) and the rest loads.
/// Destroying the loader cancels the work and waits for running decodes, so no thread writes into a freed buffer;
/// the Volume itself is shared and outlives the loader while a viewer holds it.
///
/// Lives on one thread (usually the GUI thread); all methods are called there, all signals are emitted there.
class VolumeLoader : public QObject
{
    Q_OBJECT

public:
    /// A loader with its own thread pool of QThread::idealThreadCount() threads.
    explicit VolumeLoader(QObject *parent = nullptr);
    /// Cancels and waits for running header reads and decodes.
    ~VolumeLoader() override;
    /// Threads reading and decoding (default: one per core). Call before load().
    void setThreadCount(int threads) { m_pool.setMaxThreadCount(std::max(1, threads)); }

    /// Starts loading @p files (one series; single- or multi-frame) and returns at once. Cancels a previous load.
    /// Emits firstSliceReady(), then slicesLoaded() and progress() as slices arrive, then finished().
    void load(const QStringList &files);

    /// Adds @p files to the series being shown (instances received after load()). Files already in the volume
    /// are ignored; files that do not fit it (another orientation, size or pixel format) are reported.
    /// Emits slicesInserted() for each run of new slices, then progress as they decode, then finished() again.
    /// Before load() this is load().
    void addFiles(const QStringList &files);

    /// Stops decoding (slices already decoded stay) and waits for running decodes. finished() is not emitted.
    void cancel();

    /// The volume; nullptr until the headers are read (firstSliceReady()) or when no file could be read.
    std::shared_ptr<Volume> volume() const { return m_volume; }
    /// The slice decoded first and meant to be shown first: the middle of the stack, or the preview's slice when
    /// that is next to it (-1 before the headers are read). Follows insertions.
    int initialSlice() const { return m_initialSlice; }
    /// True from load() until finished().
    bool isLoading() const { return m_loading; }
    /// Everything the user should know about this series: geometry warnings, differing rescale, unreadable files.
    QStringList warnings() const;
    /// One line per file that could not be read, decoded or placed: "file name: reason".
    QStringList fileErrors() const;
    /// The header of the file slice @p index comes from (0 ≤ index < volume()->depth()), as read for the load;
    /// nullptr outside that range.
    const ImageInfo *sliceInfo(int index) const
    {
        return index >= 0 && index < m_entries.size() ? m_entries.at(index).info.get() : nullptr;
    }
    /// The geometry the volume was built with (order, spacing, tilt, warnings).
    const SeriesGeometry::Result &geometry() const { return m_geometry; }

    /// A one-slice volume of the file in the middle of the list given to load(), decoded while the headers are
    /// read: files usually come by instance number, so it is the slice the full volume shows first, and a viewer
    /// can put it on screen before the header pass ends. nullptr until previewReady(), after firstSliceReady()
    /// (the full volume supersedes it), and for series of fewer than three files.
    std::shared_ptr<Volume> previewVolume() const { return m_volume ? nullptr : m_preview; }
    /// The header of the preview's file; nullptr when there is no preview.
    const ImageInfo *previewInfo() const { return previewVolume() ? &m_previewInfo : nullptr; }

signals:
    /// previewVolume() is ready (before firstSliceReady(), while the headers are still read).
    void previewReady();
    /// initialSlice() is decoded (or failed: see Volume::sliceState()); volume() is ready to be shown.
    void firstSliceReady(int slice);
    /// More slices hold their pixels; @p count is how many do now. Coalesced (at most about every 40 ms).
    void slicesLoaded(int count);
    /// @p done of @p total slices decoded (or failed) since load(). Coalesced with slicesLoaded().
    void progress(int done, int total);
    /// @p count slices were inserted before position @p position: slices at or after it moved up by @p count
    /// and the volume's buffer may have moved (Volume::generation()). A viewer adds @p count to its current
    /// slice index when that index is ≥ @p position.
    void slicesInserted(int position, int count);
    /// Every slice known so far is decoded (or failed). Emitted after load() and again after each addFiles().
    /// An empty volume() means no file could be read.
    void finished(const QStringList &warnings);

private:
    /// One slice of the volume: its file's header and frame.
    struct Entry
    {
        /// The file's header, one for all its frames and shared with the decoding jobs (a list of copies per step
        /// held ~3 MB for a 500-file series at the end of its load).
        std::shared_ptr<const ImageInfo> info;
        int frame = 0;
        std::uint64_t id = 0;
        SeriesGeometry::Slice slice;
    };
    struct Header; // result of reading one file's header
    struct HeaderBatch; // files whose headers are being read
    struct Job; // one slice to decode
    struct Progress; // shared with the decoding threads

    void readHeaders(const QStringList &files, bool adding);
    void startPreview(const QString &file);
    void onHeadersRead(const HeaderBatch &batch);
    template<typename T, typename Done> void watch(const QFuture<T> &future, Done done);
    void buildVolume(const QList<Entry> &entries);
    void insertIntoVolume(const QList<Entry> &entries);
    QList<Entry> entriesOf(const HeaderBatch &batch);
    void startDecoding(const QList<Entry> &entries); // decoded in the order given
    void onBatchFinished();
    void signalFirstSlice();
    void scheduleFlush(const std::shared_ptr<Progress> &progress);
    void flushProgress();
    void finishIfIdle();
    void reportFileError(const QString &path, const QString &reason);
    void updateWarnings();

    QThreadPool m_pool;
    std::shared_ptr<Volume> m_volume;
    std::shared_ptr<Progress> m_progress;
    QList<Entry> m_entries; // in volume order
    SeriesGeometry::Result m_geometry;
    QStringList m_exclusionWarnings; // slices left out so far (orientation, size, repeated position)
    QStringList m_warnings; // exclusions, current geometry, rescale
    QStringList m_fileErrors;
    mutable QMutex m_errorsMutex; // m_fileErrors is appended to by decoding threads
    QList<QFuture<void>> m_futures; // header reads and decode batches, for cancel()
    bool m_readingHeaders = false;
    int m_runningBatches = 0;
    QStringList m_queuedAdditions; // addFiles() while headers are read
    int m_initialSlice = -1;
    std::uint64_t m_initialId = 0;
    std::uint64_t m_nextId = 1;
    int m_nextSource = 0;
    bool m_loading = false;
    bool m_firstSliceSignalled = false;
    std::shared_ptr<Volume> m_preview;
    ImageInfo m_previewInfo;
    QString m_previewPath; // the file the preview decodes (empty without one)
    QTimer m_flushTimer;
};

} // namespace lightbox
