#pragma once

#include <QString>

#include <optional>

namespace lightbox {

/// The folder layout of one Lightbox storage root:
///   ROOT/index.sqlite   the index (SQLite, WAL)
///   ROOT/files/ab/…     received instances, named by a hash of the SOP Instance UID
///   ROOT/incoming/      temporary files being received (same file system, so renames are atomic)
///   ROOT/lightbox.lock  held by the one running Lightbox that owns this root
///   ROOT/listener.json  the running Lightbox's listener (AE title, port, process), while it receives
class StorageLocation
{
public:
    /// @param root the storage root; empty means defaultRoot().
    explicit StorageLocation(const QString &root = {});

    /// $XDG_DATA_HOME/lightbox (usually ~/.local/share/lightbox).
    static QString defaultRoot();

    QString root() const { return m_root; }
    QString indexPath() const;
    QString filesDir() const;
    QString incomingDir() const;
    QString lockPath() const;
    QString listenerInfoPath() const;

private:
    QString m_root;
};

/// The listener of the Lightbox running on a storage root, as it published it: command-line verbs that need it
/// (C-MOVE to our AE title, handing C-GET results over) find its real AE title and port there, even when it was
/// started with --aet or --port.
struct RunningListener
{
    QString aeTitle;
    quint16 port = 0;
    qint64 pid = 0;
};

/// Writes @p listener to location.listenerInfoPath() atomically. @return false when it could not be written.
bool publishListener(const StorageLocation &location, const RunningListener &listener);
/// Removes the published listener (it stopped).
void withdrawListener(const StorageLocation &location);
/// The published listener, if the file exists and its process is alive.
std::optional<RunningListener> runningListener(const StorageLocation &location);

} // namespace lightbox
