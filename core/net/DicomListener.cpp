#include "core/net/DicomListener.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/net/ListenerPool.h"

#include <QDir>
#include <QMetaObject>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace lightbox {
namespace {

// DCMTK reports a failed bind only once listen() runs on its thread; checking first gives the technician
// a clear reason at start-up.
QString checkPortFree(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return {};
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(port);
    QString reason;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        const int err = errno;
        if (err == EADDRINUSE)
            reason = QStringLiteral("port %1 is already in use by another program (another Lightbox, Orthanc or "
                                    "storescp?); stop it or choose another port")
                         .arg(port);
        else if (err == EACCES)
            reason = QStringLiteral("port %1 needs administrator rights (ports below 1024); choose a port above 1024")
                         .arg(port);
        else
            reason = QStringLiteral("cannot listen on port %1: %2")
                         .arg(port)
                         .arg(QString::fromLocal8Bit(std::strerror(err)));
    }
    ::close(fd);
    return reason;
}

} // namespace

struct DicomListener::Runner
{
    std::shared_ptr<ListenerContext> context;
    std::unique_ptr<ListenerPool> pool;
    std::thread thread;
    std::atomic<bool> running {false};
    std::atomic<bool> stopping {false};
};

DicomListener::DicomListener(InstanceSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
{
    qRegisterMetaType<lightbox::AssociationInfo>();
    qRegisterMetaType<lightbox::AssociationSummary>();
}

DicomListener::~DicomListener()
{
    stop();
}

bool DicomListener::start(const NodeSettings &settings, const QString &incomingDir, QString *error)
{
    stop();
    initializeDcmtk();
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        qCCritical(lcNet).noquote() << "Listener not started:" << why;
        return false;
    };
    if (!QDir().mkpath(incomingDir))
        return fail(QStringLiteral("cannot create the folder %1").arg(incomingDir));
    if (const QString busy = checkPortFree(settings.port); !busy.isEmpty())
        return fail(busy);

    m_settings = settings;
    auto runner = std::make_unique<Runner>();
    runner->context = std::make_shared<ListenerContext>();
    ListenerContext &ctx = *runner->context;
    ctx.sink = m_sink;
    ctx.queries = m_queries;
    ctx.resolveMoveDestination = m_resolveMoveDestination;
    ctx.aeTitle = settings.aeTitle;
    ctx.policy = AssociationPolicy(settings);
    ctx.incomingDir = incomingDir;
    ctx.minFreeBytes = qMax(0, settings.minFreeMegabytes) * qint64(1024 * 1024);
    ctx.associationStarted = [this](const AssociationInfo &info) { Q_EMIT associationStarted(info); };
    ctx.associationFinished = [this](const AssociationSummary &summary) { Q_EMIT associationFinished(summary); };

    runner->pool = std::make_unique<ListenerPool>(runner->context);
    ListenerPool &pool = *runner->pool;
    pool.setMaxThreads(static_cast<Uint16>(qBound(1, settings.poolSize, 1000)));
    DcmSCPConfig &cfg = pool.getConfig();
    cfg.setPort(settings.port);
    cfg.setAETitle(settings.aeTitle.toLatin1().constData());
    // Answer with the AE title the caller used, so modalities configured for another name keep working.
    cfg.setRespondWithCalledAETitle(OFTrue);
    // Poll for new connections once a second so stop() is noticed.
    cfg.setConnectionBlockingMode(DUL_NOBLOCK);
    cfg.setConnectionTimeout(1);
    cfg.setACSETimeout(30);
    // A sender that goes silent must not hold a worker forever.
    cfg.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    cfg.setDIMSETimeout(120);
    cfg.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE);
    cfg.setHostLookupEnabled(OFFalse);

    runner->running = true;
    Runner *r = runner.get();
    runner->thread = std::thread([this, r] {
        const OFCondition result = r->pool->listen();
        r->running = false;
        if (!r->stopping) {
            const QString why
                = QStringLiteral("the DICOM listener stopped: %1").arg(QString::fromLatin1(result.text()));
            qCCritical(lcNet).noquote() << why;
            Q_EMIT listenerFailed(why);
        }
    });
    m_runner = std::move(runner);
    qCInfo(lcNet).noquote() << QStringLiteral("Listening as %1 on port %2 (up to %3 simultaneous associations)")
                                   .arg(settings.aeTitle)
                                   .arg(settings.port)
                                   .arg(settings.poolSize);
    return true;
}

void DicomListener::stop()
{
    if (!m_runner)
        return;
    const int open = m_runner->context->openAssociations.load();
    if (open > 0)
        qCInfo(lcNet) << "Stopping the listener; waiting for" << open << "association(s) in progress to finish";
    m_runner->stopping = true;
    m_runner->pool->stopAccepting();
    if (m_runner->thread.joinable())
        m_runner->thread.join();
    m_runner.reset();
    qCInfo(lcNet) << "Listener stopped";
}

void DicomListener::stopAccepting()
{
    if (!m_runner || m_runner->stopping)
        return;
    m_runner->stopping = true;
    m_runner->pool->stopAccepting();
    m_runner->pool->waitUntilSocketClosed();
    const int open = m_runner->context->openAssociations.load();
    qCInfo(lcNet).noquote() << QStringLiteral("No longer accepting on port %1; %2 association(s) in progress finish "
                                              "on their own")
                                   .arg(m_settings.port)
                                   .arg(open);
}

bool DicomListener::isListening() const
{
    return m_runner && m_runner->running && !m_runner->stopping;
}

int DicomListener::openAssociations() const
{
    return m_runner ? m_runner->context->openAssociations.load() : 0;
}

} // namespace lightbox
