#pragma once

#include "core/common/Destination.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

class QSettings;

namespace lightbox {

class Workstation;

/// Keeps the running Workstation's destinations table (which the C-MOVE SCP resolves move destinations from)
/// equal to the settings file's, whoever changes it: the settings dialog, or `lightbox destination add|remove`
/// run beside a running Lightbox.
class DestinationsWatcher : public QObject
{
    Q_OBJECT

public:
    DestinationsWatcher(Workstation &workstation, QSettings &settings, QObject *parent = nullptr);

    /// Loads the table from the settings file into the workstation now.
    void reload();

Q_SIGNALS:
    /// The table in the settings file changed (already handed to the workstation).
    void changed(const QList<lightbox::Destination> &destinations);

private:
    void onFolderChanged();

    Workstation &m_workstation;
    QSettings &m_settings;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QDateTime m_seen;
    QList<Destination> m_current;
};

} // namespace lightbox
