#include "core/common/StorageLocation.h"

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
QString StorageLocation::lockPath() const
{
    return m_root + QStringLiteral("/lightbox.lock");
}

} // namespace lightbox
