#pragma once

#include "core/common/Destination.h"
#include "core/index/SyncOutbox.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace lightbox {

/// What a sync destination made of one batch.
struct SyncBatchResult
{
    enum class Remote {
        Ok, ///< The remote answered; outcomes says what became of each instance.
        Unreachable, ///< Not reached, or lost in the middle (connection refused, timeout, 5xx): wait and retry.
        Rejected, ///< The remote refuses us as a whole (credentials, unknown AE title): nothing gets through
                  ///< until a technician changes something.
    };
    Remote remote = Remote::Ok;
    QString error; ///< Plain words when not Ok.
    QList<OutboxOutcome> outcomes; ///< One per item sent, in order (items never tried are left out).
    qint64 bytes = 0;
};

/// Sends outbox items to one sync destination: a DICOM node by C-STORE, or a DICOMweb server by STOW-RS. Blocking;
/// one object per destination, used on the sync worker's thread only. It may keep its connection open between
/// batches until close().
class SyncSender
{
public:
    virtual ~SyncSender() = default;
    /// Sends @p items (their files are relative to @p filesDir) over one association / one request.
    virtual SyncBatchResult send(const QList<OutboxItem> &items, const QString &filesDir) = 0;
    /// Releases an open connection (the outbox is empty for now).
    virtual void close() = 0;
    /// The SOP Instance UIDs the remote holds for a study (image-level C-FIND or QIDO-RS), for verification.
    virtual std::optional<QStringList> remoteInstances(const QString &studyInstanceUid, QString *error) = 0;
    /// How many items a batch should hold at most.
    virtual int batchSize() const { return 64; }

    /// The sender for @p destination (its kind decides). @p callingAe is our AE title for DICOM nodes.
    static std::unique_ptr<SyncSender> create(const Destination &destination, const QString &callingAe);

protected:
    /// The indexes of @p items whose files exist under @p filesDir; the others get a GiveUp outcome in @p outcomes
    /// (the instance was deleted here meanwhile).
    static QList<int> sendableItems(const QList<OutboxItem> &items, const QString &filesDir,
                                    QList<OutboxOutcome> &outcomes);
};

} // namespace lightbox
