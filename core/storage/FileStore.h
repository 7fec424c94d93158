#pragma once

#include <QString>
#include <optional>

namespace lightbox {

/// Durable file storage for received instances. A file's name is a hash of its SOP Instance UID, never the UID
/// itself, so no crafted UID can escape the storage folder; the layout is files/ab/<hash>.dcm (256 buckets).
/// Thread-safe: every operation works on distinct paths and relies on atomic renames.
class FileStore
{
public:
    /// Why a store failed, so the listener can answer the right DIMSE status.
    enum class Error { None, DiskFull, IoError };

    struct Result
    {
        QString path; ///< The final path, relative to filesDir ("ab/….dcm").
        bool created = false; ///< True when this call put the file there (false: it was already stored).
        Error error = Error::None;
        QString message; ///< Plain words when error != None.
        bool ok() const { return error == Error::None; }
    };

    /// @param filesDir the folder holding the instance files (created if missing).
    explicit FileStore(const QString &filesDir);

    /// The relative path an instance with @p sopInstanceUid is stored under.
    static QString relativePathFor(const QString &sopInstanceUid);

    /// Makes @p tempPath durable under the instance's final name: fsync the file, rename it into place
    /// (replacing nothing: an existing file is kept), fsync the folder. @p tempPath must be on the same
    /// file system. On failure the temp file is removed.
    Result commit(const QString &tempPath, const QString &sopInstanceUid) const;

    /// The first half of commit(): fsync the file and link it into place, without syncing the folder, so the
    /// caller can overlap the folder sync with other work (the index commit). Call syncFolderOf() before
    /// reporting the instance as stored.
    Result place(const QString &tempPath, const QString &sopInstanceUid) const;
    /// fsync()s the folder holding @p relativePath, making its name durable. @return true on success.
    bool syncFolderOf(const QString &relativePath) const;

    /// Absolute path for a relative path returned by commit().
    QString absolutePath(const QString &relativePath) const;

    /// Removes a stored file (and syncs its folder). @return true if it is gone.
    bool remove(const QString &relativePath) const;

    QString filesDir() const { return m_filesDir; }

private:
    QString m_filesDir;
};

/// fsync()s a file or folder. @return true on success.
bool syncPath(const QString &path);

} // namespace lightbox
