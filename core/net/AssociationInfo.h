#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lightbox {

/// Who is on the other end of an association. Plain values: safe to copy across threads.
struct AssociationInfo
{
    quint64 id = 0; ///< Unique per process, increasing.
    QString callingAe; ///< The peer's AE title.
    QString calledAe; ///< The AE title the peer addressed.
    QString peerHost; ///< The peer's IP address.
    QDateTime startedAt;
};

/// What happened on one association, reported when it ends.
struct AssociationSummary
{
    AssociationInfo info;
    int instancesStored = 0; ///< C-STOREs answered with success (duplicates included).
    int instancesFailed = 0; ///< C-STOREs answered with a failure status.
    qint64 bytesReceived = 0;
    qint64 durationMs = 0;
    int queries = 0; ///< C-FIND requests answered.
    int queryMatches = 0; ///< C-FIND results sent (pending responses).
    int retrieves = 0; ///< C-MOVE and C-GET requests answered.
    int instancesSent = 0; ///< C-MOVE / C-GET sub-operations that succeeded (warnings included).
    int instancesSendFailed = 0; ///< C-MOVE / C-GET sub-operations that failed.
    QStringList operations; ///< What the peer asked for, each once in order: "C-ECHO", "C-STORE", "C-FIND", ...
    QString moveDestination; ///< The Move Destination AE title of the last C-MOVE, if any.
    bool rejected = false; ///< Refused during association negotiation.
    QString result; ///< Plain words: "released", "aborted by peer", the reject reason, ...
};

} // namespace lightbox
