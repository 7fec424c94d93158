#include "app/HeadlessRunner.h"

#include "core/common/Logging.h"
#include "core/service/Workstation.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace lightbox {
namespace {

int g_signalPipe[2] = {-1, -1};

void onUnixSignal(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

} // namespace

HeadlessRunner::HeadlessRunner(Workstation &workstation, QObject *parent)
    : QObject(parent)
    , m_workstation(workstation)
{
}

HeadlessRunner::~HeadlessRunner() = default;

bool HeadlessRunner::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return false;
    m_notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HeadlessRunner::onSignal);
    struct sigaction action = {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGHUP, &action, nullptr) == 0;
}

void HeadlessRunner::onSignal()
{
    char byte = 0;
    [[maybe_unused]] const auto got = ::read(g_signalPipe[1], &byte, 1);
    m_notifier->setEnabled(false);
    qCInfo(lcApp) << "Received signal" << int(byte) << "- finishing the associations in progress, then exiting";
    m_workstation.stop();
    QCoreApplication::exit(0);
}

} // namespace lightbox
