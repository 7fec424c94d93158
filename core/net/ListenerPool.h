#pragma once

#include "core/common/DicomNode.h"
#include "core/net/AssociationInfo.h"
#include "core/net/AssociationPolicy.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scppool.h>

#include <QString>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
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
    std::atomic<int> openAssociations {0};
    std::function<void(const AssociationInfo &)> associationStarted;
    std::function<void(const AssociationSummary &)> associationFinished;
};

/// DCMTK's SCP pool with workers that know the listener's context. DcmSCPPool<> constructs its workers
/// without arguments, so this pool derives from its base, DcmBaseSCPPool, and creates StoreScpWorker
/// threads itself. Worker threads are DCMTK's; the accept loop is ours (see listen()).
class ListenerPool : public DcmBaseSCPPool
{
public:
    explicit ListenerPool(std::shared_ptr<ListenerContext> context);

    /// Accepts associations until stopAccepting(), then closes the listening socket at once and waits for the
    /// associations in flight to finish on their own threads. DCMTK's listen() keeps the socket open until the
    /// last worker is done, so a restart on the same port could not bind and callers on the old port would
    /// hang instead of being refused.
    /// @return EC_Normal after a requested stop, else why the socket could not be opened.
    OFCondition listen() override;

    /// Asks the accept loop to stop (noticed within the connection timeout, one second). Returns at once.
    void stopAccepting();
    /// Blocks until the listening socket is closed (or was never opened). Call after stopAccepting().
    void waitUntilSocketClosed();

protected:
    DcmBaseSCPWorker *createSCPWorker() override;

private:
    std::shared_ptr<ListenerContext> m_context;
    std::atomic<bool> m_stopAccepting {false};
    std::mutex m_closedMutex;
    std::mutex m_startGate; ///< Held while a worker thread is being started (see listen()).
    std::condition_variable m_closedChanged;
    bool m_socketClosed = false;
};

} // namespace lightbox
