#pragma once

#include "core/net/StoreScu.h"
#include "core/sync/SyncSender.h"

#include <QSet>

namespace lightbox {

/// Sync to a DICOM node: C-STORE over an association kept open while there is work. The association proposes the
/// SOP classes and syntaxes it has seen; a batch bringing a new one opens a new association.
class DimseSyncSender : public SyncSender
{
public:
    DimseSyncSender(const Destination &destination, const QString &callingAe);
    ~DimseSyncSender() override;

    SyncBatchResult send(const QList<OutboxItem> &items, const QString &filesDir) override;
    void close() override;
    std::optional<QStringList> remoteInstances(const QString &studyInstanceUid, QString *error) override;

private:
    bool ensureConnected(const QList<StoreContext> &needed, QString *error);

    Destination m_destination;
    QString m_callingAe;
    StoreScu m_scu;
    QList<StoreContext> m_contexts; ///< Those of the open association.
};

} // namespace lightbox
