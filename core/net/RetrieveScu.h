#pragma once

#include "core/common/DicomNode.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace lightbox {

class InstanceSink;

/// What to retrieve: a whole study, or some of its series.
struct RetrieveTarget
{
    QString studyInstanceUid;
    QStringList seriesInstanceUids; ///< Empty: the whole study.
};

/// The outcome of a C-MOVE or C-GET, summed over its requests (one per series when series are given).
struct RetrieveOutcome
{
    bool ok = false; ///< Every request ended with Success (or Warning) and nothing failed.
    int completed = 0; ///< Sub-operations that succeeded.
    int warnings = 0;
    int failed = 0;
    quint16 status = 0xFFFF; ///< The last final DIMSE status (0xFFFF: none came).
    bool cancelled = false; ///< A C-CANCEL was sent.
    QString error; ///< Plain words when the retrieve failed as a whole.
    QString detail; ///< DCMTK condition, DIMSE status or Error Comment, for the log.
    QStringList failures; ///< Plain words per instance that failed, where known.
    double elapsedMs = 0;
};

/// Retrieve SCU (Study Root C-MOVE and C-GET). Blocking: run it off the GUI thread, one object per thread.
class RetrieveScu
{
public:
    /// Pending responses: @p done sub-operations finished (completed + failed + warning) of @p total.
    using Progress = std::function<void(int done, int total)>;
    /// Polled about once a second and between messages: true sends a C-CANCEL (once).
    using StopRequested = std::function<bool()>;

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setStopRequested(StopRequested stop) { m_stop = std::move(stop); }
    /// Seconds to connect and to wait for each answer while nothing arrives (default 30; retrieves wait ten
    /// times as long for the next pending response, as a remote may take its time to start sending).
    void setTimeout(int seconds) { m_timeout = seconds; }

    /// C-MOVE: asks @p remote to send the instances to @p moveDestination (an AE title the remote knows, usually
    /// our own; our listener receives them).
    RetrieveOutcome move(const DicomNode &remote, const QString &callingAe, const QString &moveDestination,
                         const RetrieveTarget &target);

    /// C-GET: the instances come back on the same association (we take the Storage SCP role). Each is written to
    /// a temporary file in @p incomingDir and handed to @p sink, whose status is our C-STORE answer.
    RetrieveOutcome get(const DicomNode &remote, const QString &callingAe, const RetrieveTarget &target,
                        InstanceSink &sink, const QString &incomingDir);

private:
    RetrieveOutcome retrieve(bool isMove, const DicomNode &remote, const QString &callingAe,
                             const QString &moveDestination, const RetrieveTarget &target, InstanceSink *sink,
                             const QString &incomingDir);

    Progress m_progress;
    StopRequested m_stop;
    int m_timeout = 30;
};

} // namespace lightbox
