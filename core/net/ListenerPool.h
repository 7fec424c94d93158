#pragma once

#include "core/common/DicomNode.h"
#include "core/net/AssociationInfo.h"
#include "core/net/AssociationPolicy.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scppool.h>

#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace lightbox {

class InstanceSink;
class QueryProvider;

/// What every worker of one running listener shares. Internal to core/net.
struct ListenerContext
{
    InstanceSink *sink = nullptr;
    QueryProvider *queries = nullptr; ///< C-FIND, C-MOVE and C-GET; none: those are refused.
    /// Resolves a C-MOVE's Move Destination AE title to a node; std::nullopt when unknown.
    std::function<std::optional<DicomNode>(const QString &aeTitle)> resolveMoveDestination;
    QString aeTitle; ///< Ours: Retrieve AE Title in C-FIND answers, calling AE of C-MOVE sub-operations.
    AssociationPolicy policy {NodeSettings {}};
    QString incomingDir;
    qint64 minFreeBytes = 64ll * 1024 * 1024; ///< Below this free space, C-STOREs get 0xA700.
    std::atomic<quint64> nextAssociationId {1};
    std::atomic<quint64> nextFileId {1};
    std::atomic<int> openAssociations {0};
    std::function<void(const AssociationInfo &)> associationStarted;
    std::function<void(const AssociationSummary &)> associationFinished;
};

/// DCMTK's SCP pool with workers that know the listener's context. DcmSCPPool<> constructs its workers
/// without arguments, so this pool derives from its base, DcmBaseSCPPool, and creates StoreScpWorker
/// threads itself; accept loop, worker threads and shutdown are DCMTK's.
class ListenerPool : public DcmBaseSCPPool
{
public:
    explicit ListenerPool(std::shared_ptr<ListenerContext> context);

protected:
    DcmBaseSCPWorker *createSCPWorker() override;

private:
    std::shared_ptr<ListenerContext> m_context;
};

} // namespace lightbox
