#include "ui/activity/LogBridge.h"

#include <QMetaObject>
#include <QPointer>
#include <atomic>

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
    g_bridge = this;
    g_previous = qInstallMessageHandler(handler);
}

LogBridge::~LogBridge()
{
    g_bridge = nullptr;
    qInstallMessageHandler(g_previous);
}

} // namespace lightbox
