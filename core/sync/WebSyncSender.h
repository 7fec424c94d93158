#pragma once

#include "core/sync/SyncSender.h"

namespace lightbox {

/// Sync to a DICOMweb server: STOW-RS, one multipart request per batch, the files as they are stored. The password
/// or token is read from the credentials store (core/common/Credentials.h) for every batch, so a corrected one is
/// used by the next "Retry failed" without a restart.
class WebSyncSender : public SyncSender
{
public:
    explicit WebSyncSender(const Destination &destination);

    SyncBatchResult send(const QList<OutboxItem> &items, const QString &filesDir) override;
    void close() override { }
    std::optional<QStringList> remoteInstances(const QString &studyInstanceUid, QString *error) override;
    int batchSize() const override { return 32; }

private:
    /// The secret, or std::nullopt with @p result set to why not.
    std::optional<QString> secret(SyncBatchResult &result) const;

    Destination m_destination;
};

} // namespace lightbox
