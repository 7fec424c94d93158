#pragma once

// The outbound contract the browser, the activity panel and the command line use: sending instances to a
// destination (C-STORE SCU) and retrieving studies or series from one (C-MOVE to our AE, or C-GET).

#include "core/common/Destination.h"
#include "core/transfer/TransferJob.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lightbox {

class InstanceSink;

/// The outcome for one instance sent.
struct SentInstance
{
    QString filePath;
    QString sopInstanceUid;
    quint16 status = 0xFFFF; ///< DIMSE status; 0xFFFF when no response came.
    QString error; ///< Plain words when not a success ("0xA700 refused: out of resources", "not sent: cancelled").
    bool ok() const { return status == 0x0000 || (status & 0xF000) == 0xB000; }
};

struct SendRequest
{
    Destination destination;
    QString callingAe; ///< Our AE title (NodeSettings::aeTitle).
    QStringList files; ///< Instance files (the caller resolves a study or series through the index).
    QString label; ///< For progress lines, e.g. "DOE, John — CT 2026-11-27".
    int timeoutSeconds = 30; ///< To connect and for each answer.
};

struct SendSummary
{
    int sent = 0; ///< Success or warning.
    int failed = 0;
    qint64 bytes = 0;
    double elapsedMs = 0;
    QList<SentInstance> instances; ///< One per file, in the order sent.
    QString error; ///< Plain words when nothing could be sent at all (e.g. connection refused).
    bool cancelled = false;
};

/// Sends files to a destination over one association (more when the presentation contexts do not fit in one),
/// proposing each file's own transfer syntax with uncompressed fallbacks and converting when needed.
class SendJob : public TransferJob<SendRequest, SendSummary>
{
public:
    /// At most this many presentation contexts go in one association; more kinds of objects open another one.
    static constexpr int kMaxContextsPerAssociation = 128;

protected:
    SendSummary runWith(const SendRequest &request, QPromise<SendSummary> *promise) override;
};

struct RetrieveRequest
{
    Destination source; ///< Where the data is; its retrieve method decides C-MOVE or C-GET.
    QString callingAe; ///< Our AE title; with C-MOVE also the move destination (the remote must know it).
    QStringList studyInstanceUids; ///< Whole studies, or (with seriesInstanceUids) the study of those series.
    QStringList seriesInstanceUids; ///< When not empty: only these series of studyInstanceUids.first().
    QString moveDestination; ///< C-MOVE: the AE title to send to; empty means callingAe (our listener).
    int timeoutSeconds = 30; ///< To connect and for each answer.
};

struct RetrieveSummary
{
    int completed = 0; ///< Sub-operations that succeeded (instances now stored locally).
    int warnings = 0;
    int failed = 0;
    double elapsedMs = 0;
    QString error; ///< Plain words when the retrieve failed as a whole (e.g. "the remote does not know our AE title").
    QStringList failures; ///< A plain-words line per failed instance where known.
    bool cancelled = false; ///< A C-CANCEL was sent; what arrived stays.
};

/// Retrieves from a destination. C-MOVE: asks it to send to our own listener (which stores and indexes as for
/// any arrival). C-GET: the instances come back on the same association and go to @p sink, the same ingest
/// path as the network and imports.
class RetrieveJob : public TransferJob<RetrieveRequest, RetrieveSummary>
{
public:
    /// @param sink where C-GET instances go (Workstation::ingest()); must outlive the job. May be null when
    ///        only C-MOVE is used.
    /// @param incomingDir where C-GET instances are written before the sink takes them: the storage's incoming
    ///        folder (StorageLocation::incomingDir(), same file system as the store). Empty: the system's temp folder.
    explicit RetrieveJob(InstanceSink *sink, const QString &incomingDir = {});

protected:
    RetrieveSummary runWith(const RetrieveRequest &request, QPromise<RetrieveSummary> *promise) override;

private:
    InstanceSink *m_sink;
    QString m_incomingDir;
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::SendSummary)
Q_DECLARE_METATYPE(lightbox::RetrieveSummary)
