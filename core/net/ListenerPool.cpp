#include "core/net/ListenerPool.h"

#include "core/net/StoreScpWorker.h"

namespace lightbox {
namespace {

class PooledWorker : public DcmBaseSCPPool::DcmBaseSCPWorker, public StoreScpWorker
{
public:
    PooledWorker(DcmBaseSCPPool &pool, std::shared_ptr<ListenerContext> context)
        : DcmBaseSCPWorker(pool)
        , StoreScpWorker(std::move(context))
    {
    }

    OFCondition setSharedConfig(const DcmSharedSCPConfig &config) override
    {
        return StoreScpWorker::setSharedConfig(config);
    }
    OFBool busy() override { return StoreScpWorker::isConnected(); }

protected:
    OFCondition workerListen(T_ASC_Association *const association) override { return StoreScpWorker::run(association); }
};

} // namespace

ListenerPool::ListenerPool(std::shared_ptr<ListenerContext> context)
    : m_context(std::move(context))
{
}

DcmBaseSCPPool::DcmBaseSCPWorker *ListenerPool::createSCPWorker()
{
    return new PooledWorker(*this, m_context);
}

} // namespace lightbox
