#pragma once

#include <QDateTime>
#include <QString>

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
    bool rejected = false; ///< Refused during association negotiation.
    QString result; ///< Plain words: "released", "aborted by peer", the reject reason, ...
};

} // namespace lightbox
