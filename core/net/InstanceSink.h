#pragma once

#include "core/net/AssociationInfo.h"

#include <QString>

namespace lightbox {

/// A file the listener received with a C-STORE request, written exactly as it came over the wire
/// (Part 10 meta header + dataset in the negotiated transfer syntax).
struct ReceivedFile
{
    QString path; ///< Temporary file; the sink moves or deletes it.
    QString sopClassUid; ///< From the C-STORE request (Affected SOP Class UID).
    QString sopInstanceUid; ///< From the C-STORE request (Affected SOP Instance UID).
    QString transferSyntaxUid; ///< Of the presentation context the data came on.
    qint64 size = 0;
};

/// The DIMSE status a sink answers, and a plain-words comment for the log and the peer.
struct StoreStatus
{
    static constexpr quint16 kSuccess = 0x0000;
    static constexpr quint16 kOutOfResources = 0xA700; ///< Refused: out of resources (disk full).
    static constexpr quint16 kDataSetMismatch = 0xA900; ///< Error: data set does not match SOP class.
    static constexpr quint16 kCannotUnderstand = 0xC000; ///< Error: cannot understand.
    static constexpr quint16 kProcessingFailure = 0x0110; ///< Failure: processing failure.

    quint16 code = kSuccess;
    QString comment;

    bool isSuccess() const { return code == kSuccess; }
};

/// Where the listener hands every received instance. Implemented by the ingest service, so the
/// network layer never knows about storage or the index (Orthanc's IStoreRequestHandler split).
/// Called concurrently from several listener threads; implementations must be thread-safe.
class InstanceSink
{
public:
    virtual ~InstanceSink() = default;

    /// Takes ownership of @p file: stores it durably (or deletes it) before returning.
    /// @return the status to answer; Success only once the instance is durable and indexed.
    virtual StoreStatus accept(const ReceivedFile &file, const AssociationInfo &association) = 0;
};

} // namespace lightbox
