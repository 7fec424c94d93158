#include "core/net/ListenerPool.h"

#include "core/common/Logging.h"
#include "core/net/StoreScpWorker.h"

#include <arpa/inet.h>
#include <chrono>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace lightbox {
namespace {

// DCMTK does not mark the listening socket close-on-exec: a child process (a viewer, a tool) would inherit it
// and keep the port listening after we close it, so the old port would not refuse callers and a listener
// restarted on the same port could not bind it.
void keepListeningSocketFromChildren(T_ASC_Network *network)
{
    const DcmNativeSocketType socket = DUL_networkSocket(network->network);
    ::fcntl(socket, F_SETFD, ::fcntl(socket, F_GETFD) | FD_CLOEXEC);
}

class PooledWorker : public DcmBaseSCPPool::DcmBaseSCPWorker, public StoreScpWorker
{
public:
    PooledWorker(DcmBaseSCPPool &pool, std::shared_ptr<ListenerContext> context, std::mutex &startGate)
        : DcmBaseSCPWorker(pool)
        , StoreScpWorker(std::move(context))
        , m_startGate(startGate)
    {
    }

    OFCondition setSharedConfig(const DcmSharedSCPConfig &config) override
    {
        return StoreScpWorker::setSharedConfig(config);
    }
    OFBool busy() override { return StoreScpWorker::isConnected(); }

protected:
    OFCondition workerListen(T_ASC_Association *const association) override
    {
        const OFCondition result = StoreScpWorker::run(association);
        // The pool deletes this worker as soon as this returns: not before it has finished starting it (see
        // ListenerPool::listen()).
        const std::lock_guard started(m_startGate);
        return result;
    }

private:
    std::mutex &m_startGate;
};

} // namespace

ListenerPool::ListenerPool(std::shared_ptr<ListenerContext> context)
    : m_context(std::move(context))
{
}

OFCondition ListenerPool::listen()
{
    DcmSCPConfig &cfg = getConfig();
    const DcmSharedSCPConfig shared(cfg);
    const auto markClosed = [this] {
        const std::lock_guard lock(m_closedMutex);
        m_socketClosed = true;
        m_closedChanged.notify_all();
    };
    T_ASC_Network *network = nullptr;
    OFCondition cond = ASC_initializeNetwork(NET_ACCEPTOR, static_cast<int>(cfg.getPort()),
                                             static_cast<int>(cfg.getACSETimeout()), &network);
    if (cond.bad()) {
        markClosed();
        return cond;
    }
    keepListeningSocketFromChildren(network);
    while (!m_stopAccepting.load()) {
        T_ASC_Association *assoc = nullptr;
        cond = ASC_receiveAssociation(network, &assoc, static_cast<long>(cfg.getMaxReceivePDULength()), nullptr,
                                      nullptr, OFFalse, cfg.getConnectionBlockingMode(),
                                      static_cast<int>(cfg.getConnectionTimeout()));
        if (cond.good() && m_stopAccepting.load()) {
            // stopAccepting()'s wake-up connection (or a caller in the same instant, who will retry and reach
            // the listener that replaces this one): close it without serving it.
            dropAndDestroyAssociation(assoc);
        } else if (cond.good()) {
            // DCMTK 3.6.7's runAssociation() writes into the worker after its thread started (OFThread::start()
            // stores the thread id); a worker whose association ends at once, as a refused one does, could be
            // deleted before that write: heap corruption (valgrind: invalid write in OFThread::start) that crashed
            // about 1 in 15 runs of the whitelist test. Workers wait for this gate before they end.
            const std::lock_guard starting(m_startGate);
            cond = runAssociation(assoc, shared);
            if (cond.bad()) {
                rejectAssociation(assoc,
                                  cond == NET_EC_SCPBusy ? ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED
                                                         : ASC_REASON_SP_PRES_TEMPORARYCONGESTION);
                dropAndDestroyAssociation(assoc);
            }
        } else if (cond == DUL_NOASSOCIATIONREQUEST) {
            ASC_destroyAssociation(&assoc);
        } else {
            dropAndDestroyAssociation(assoc);
            // After a stop request this is stopAccepting()'s wake-up connection.
            if (!m_stopAccepting.load())
                qCWarning(lcNet).noquote() << "Error receiving an association:" << QString::fromLatin1(cond.text());
        }
    }
    // Accepted associations own their sockets: closing the listening one does not touch them.
    ASC_dropNetwork(&network);
    markClosed();
    // Workers remove themselves from the busy list when their association ends.
    while (numThreads(OFTrue) > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return EC_Normal;
}

void ListenerPool::stopAccepting()
{
    // Once only: after its socket closed, the port may belong to the listener that replaced this one.
    if (m_stopAccepting.exchange(true))
        return;
    {
        const std::lock_guard lock(m_closedMutex);
        if (m_socketClosed)
            return;
    }
    // The accept loop sleeps in select() for up to the connection timeout (one second). A connection that closes
    // at once wakes it: DCMTK accepts it, reads end-of-file, and the loop sees the stop before the next wait.
    // So the GUI, which applies new settings on its thread, does not wait for that second.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(getConfig().getPort());
    ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::close(fd);
}

void ListenerPool::waitUntilSocketClosed()
{
    std::unique_lock lock(m_closedMutex);
    m_closedChanged.wait(lock, [this] { return m_socketClosed; });
}

DcmBaseSCPPool::DcmBaseSCPWorker *ListenerPool::createSCPWorker()
{
    return new PooledWorker(*this, m_context, m_startGate);
}

} // namespace lightbox
