#pragma once

#include "core/common/StorageLocation.h"
#include "core/transfer/Anonymizer.h"
#include "core/transfer/ExportSummary.h"
#include "core/transfer/TransferJob.h"

#include <QStringList>

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
class Exporter : public TransferJob<ExportRequest, ExportSummary>
{
public:
    /// @param location the storage to export from.
    explicit Exporter(StorageLocation location);

protected:
    /// Exports the request's studies. @return the summary; ok is false with error set if it was refused.
    ExportSummary runWith(const ExportRequest &request, QPromise<ExportSummary> *promise) override;

private:
    StorageLocation m_location;
};

} // namespace lightbox
