#pragma once

#include "core/common/StorageLocation.h"
#include "core/transfer/ImportSummary.h"
#include "core/transfer/TransferProgress.h"

#include <QFuture>
#include <QPromise>
#include <QStringList>

#include <atomic>
#include <mutex>

namespace lightbox {

class InstanceSink;

/// Imports DICOM files into the storage through the same ingest path as the network: each instance is copied
/// into the storage's incoming folder and handed to the InstanceSink, which stores it durably and indexes it.
/// Accepts files, folders (recursively), DICOMDIRs (the files they reference) and .zip archives.
///
/// GUI use: keep the Importer alive while it runs, call start(), watch the future with a QFutureWatcher
/// (progressRange/Value/Text), and call cancel() from the Cancel button: the import stops after the files in
/// flight, keeps what it imported, and the future still delivers the summary (with cancelled set). Cancelling
/// the QFuture itself also stops the import, but Qt then discards the result: read summary() instead.
class Importer
{
public:
    /// @param sink where instances go (Workstation::ingest()); must outlive the import.
    /// @param location the storage: its incoming folder takes the temporary copies, its index answers
    ///        "already stored" cheaply.
    Importer(InstanceSink &sink, StorageLocation location);

    /// Worker threads importing in parallel (default: up to 4). Call before running.
    void setThreadCount(int threads);
    /// A callback for progress, for use without a QPromise. Call before running.
    void setProgressCallback(TransferProgress progress);

    /// Imports @p paths in the calling thread. @return what happened to every file.
    ImportSummary run(const QStringList &paths);
    /// The same, for QtConcurrent::run: reports progress on @p promise, stops when the promise is cancelled or
    /// cancel() is called, and adds the summary as the promise's result.
    void run(QPromise<ImportSummary> &promise, const QStringList &paths);
    /// Runs the import on Qt's global thread pool. @return the future of the summary (with progress).
    QFuture<ImportSummary> start(const QStringList &paths);

    /// Asks a running import to stop (thread-safe). Files already imported stay imported.
    void cancel();
    /// True once cancel() has been called.
    bool isCancelled() const { return m_cancel.load(); }
    /// The summary of the last finished run (also when the QFuture was cancelled).
    ImportSummary summary() const;

private:
    ImportSummary runWith(const QStringList &paths, QPromise<ImportSummary> *promise);

    InstanceSink &m_sink;
    StorageLocation m_location;
    int m_threads = 0;
    TransferProgress m_progress;
    std::atomic<bool> m_cancel {false};
    mutable std::mutex m_summaryMutex;
    ImportSummary m_summary;
};

} // namespace lightbox
