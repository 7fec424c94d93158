#include "ui/activity/LogBridge.h"

#include <QMetaObject>
#include <QPointer>
#include <atomic>
#include <mutex>

namespace lightbox {
namespace {

std::atomic<LogBridge *> g_bridge {nullptr};
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (g_previous)
        g_previous(type, context, text);
    LogBridge *bridge = g_bridge.load();
    if (!bridge || type == QtDebugMsg || type == QtInfoMsg || !context.category)
        return;
    const QString category = QString::fromLatin1(context.category);
    if (!category.startsWith(QLatin1String("lightbox")))
        return;
    QMetaObject::invokeMethod(
        bridge, [bridge, type, category, text] { Q_EMIT bridge->message(type, category, text); }, Qt::QueuedConnection);
}

} // namespace

LogBridge::LogBridge(QObject *parent)
    : QObject(parent)
{
    // Installed once per process and left in place: with several bridges (tests open several windows), chaining
    // to "the previous handler" would otherwise chain to ourselves.
    static std::once_flag installed;
    std::call_once(installed, [] { g_previous = qInstallMessageHandler(handler); });
    g_bridge = this;
}

LogBridge::~LogBridge()
{
    LogBridge *self = this;
    g_bridge.compare_exchange_strong(self, nullptr);
}

} // namespace lightbox
