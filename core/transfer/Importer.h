#pragma once

#include "core/common/StorageLocation.h"
#include "core/transfer/ImportSummary.h"
#include "core/transfer/TransferJob.h"

#include <QStringList>

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
class Importer : public TransferJob<QStringList, ImportSummary>
{
public:
    /// @param sink where instances go (Workstation::ingest()); must outlive the import.
    /// @param location the storage: its incoming folder takes the temporary copies, its index answers
    ///        "already stored" cheaply.
    Importer(InstanceSink &sink, StorageLocation location);

    /// Worker threads importing in parallel (default: up to 4). Call before running.
    void setThreadCount(int threads);

protected:
    /// Imports @p paths (files, folders, DICOMDIRs, zip archives). @return what happened to every file.
    ImportSummary runWith(const QStringList &paths, QPromise<ImportSummary> *promise) override;

private:
    InstanceSink &m_sink;
    StorageLocation m_location;
    int m_threads = 0;
};

} // namespace lightbox
