#include "app/DestinationsWatcher.h"

#include "core/service/Workstation.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace lightbox {

DestinationsWatcher::DestinationsWatcher(Workstation &workstation, QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_workstation(workstation)
    , m_settings(settings)
{
    // QSettings replaces the file (write beside it, rename): watch the folder, then look at the file.
    const QFileInfo file(m_settings.fileName());
    QDir().mkpath(file.absolutePath());
    m_watcher.addPath(file.absolutePath());
    m_settle.setSingleShot(true);
    m_settle.setInterval(200); // a writer's temporary file and rename come as several notices
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_settle, &QTimer::timeout, this, &DestinationsWatcher::onFolderChanged);
    reload();
}

void DestinationsWatcher::reload()
{
    m_seen = QFileInfo(m_settings.fileName()).lastModified();
    m_settings.sync();
    m_current = destinations::load(m_settings);
    m_workstation.setDestinations(m_current);
}

void DestinationsWatcher::onFolderChanged()
{
    const QDateTime modified = QFileInfo(m_settings.fileName()).lastModified();
    if (modified == m_seen)
        return;
    const QList<Destination> before = m_current;
    reload();
    if (m_current != before)
        Q_EMIT changed(m_current);
}

} // namespace lightbox
