#include "core/common/StorageLocation.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <signal.h>

#include <QDir>
#include <QStandardPaths>

namespace lightbox {

StorageLocation::StorageLocation(const QString &root)
    : m_root(QDir::cleanPath(QDir(root.isEmpty() ? defaultRoot() : root).absolutePath()))
{
}

QString StorageLocation::defaultRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/lightbox");
}

QString StorageLocation::indexPath() const
{
    return m_root + QStringLiteral("/index.sqlite");
}
QString StorageLocation::filesDir() const
{
    return m_root + QStringLiteral("/files");
}
QString StorageLocation::incomingDir() const
{
    return m_root + QStringLiteral("/incoming");
}
QString StorageLocation::listenerInfoPath() const
{
    return m_root + QStringLiteral("/listener.json");
}

bool publishListener(const StorageLocation &location, const RunningListener &listener)
{
    QSaveFile file(location.listenerInfoPath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject o {{QStringLiteral("aeTitle"), listener.aeTitle},
                         {QStringLiteral("port"), listener.port},
                         {QStringLiteral("pid"), listener.pid}};
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return file.commit();
}

void withdrawListener(const StorageLocation &location)
{
    QFile::remove(location.listenerInfoPath());
}

std::optional<RunningListener> runningListener(const StorageLocation &location)
{
    QFile file(location.listenerInfoPath());
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    RunningListener l;
    l.aeTitle = o.value(QStringLiteral("aeTitle")).toString();
    l.port = static_cast<quint16>(o.value(QStringLiteral("port")).toInt());
    l.pid = o.value(QStringLiteral("pid")).toInteger();
    // A file left by a process that was killed names a dead (or reused, then not ours) process: ignore it.
    if (l.aeTitle.isEmpty() || l.port == 0 || l.pid <= 0 || ::kill(pid_t(l.pid), 0) != 0)
        return std::nullopt;
    return l;
}

QString StorageLocation::lockPath() const
{
    return m_root + QStringLiteral("/lightbox.lock");
}

} // namespace lightbox
