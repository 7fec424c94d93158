#pragma once

#include "core/common/StorageLocation.h"
#include "core/transfer/Anonymizer.h"
#include "core/transfer/ExportSummary.h"
#include "core/transfer/TransferProgress.h"

#include <QFuture>
#include <QPromise>
#include <QStringList>

#include <atomic>
#include <mutex>

namespace lightbox {

/// What and how to export.
struct ExportRequest
{
    QStringList studyInstanceUids; ///< Studies to export (all their stored instances).
    QString targetFolder; ///< Created if missing; must not already hold a DICOMDIR or a DICOM folder.
    bool anonymize = false; ///< Write de-identified copies (see Anonymizer) instead of the stored files.
    AnonymizeOptions anonymizeOptions; ///< New patient name and ID when anonymizing.
};

/// Exports studies from the storage to a folder as standard media: the files under ISO 9660-safe names
/// (DICOM/PAT00001/STU00001/SER00001/IMG00001) and a DICOMDIR listing them; optionally anonymized.
/// Reads the index read-only, so it runs beside a running Lightbox. Same progress and cancel pattern as
/// Importer: keep it alive while it runs, start(), watch the future, cancel() to stop (the partial media is
/// removed and the summary says cancelled).
class Exporter
{
public:
    /// @param location the storage to export from.
    explicit Exporter(StorageLocation location);

    /// A callback for progress, for use without a QPromise. Call before running.
    void setProgressCallback(TransferProgress progress);

    /// Exports in the calling thread. @return the summary; ok is false with error set if it was refused.
    ExportSummary run(const ExportRequest &request);
    /// The same, for QtConcurrent::run: progress on @p promise, the summary as its result.
    void run(QPromise<ExportSummary> &promise, const ExportRequest &request);
    /// Runs the export on Qt's global thread pool. @return the future of the summary (with progress).
    QFuture<ExportSummary> start(const ExportRequest &request);

    /// Asks a running export to stop (thread-safe).
    void cancel();
    /// The summary of the last finished run (also when the QFuture was cancelled).
    ExportSummary summary() const;

private:
    ExportSummary runWith(const ExportRequest &request, QPromise<ExportSummary> *promise);

    StorageLocation m_location;
    TransferProgress m_progress;
    std::atomic<bool> m_cancel {false};
    mutable std::mutex m_summaryMutex;
    ExportSummary m_summary;
};

} // namespace lightbox
