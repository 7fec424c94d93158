#pragma once

#include <QString>

namespace lightbox {

/// The folder layout of one Lightbox storage root:
///   ROOT/index.sqlite   the index (SQLite, WAL)
///   ROOT/files/ab/…     received instances, named by a hash of the SOP Instance UID
///   ROOT/incoming/      temporary files being received (same file system, so renames are atomic)
///   ROOT/lightbox.lock  held by the one running Lightbox that owns this root
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

private:
    QString m_root;
};

} // namespace lightbox
