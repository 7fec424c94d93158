#include "core/storage/FileStore.h"

#include "core/common/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lightbox {

bool syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

FileStore::FileStore(const QString &filesDir)
    : m_filesDir(filesDir)
{
    // All 256 buckets exist before the first instance arrives, and their names are durable: the hot path never
    // creates a folder, so syncing the bucket after a link is enough.
    QDir().mkpath(m_filesDir);
    bool created = false;
    for (int i = 0; i < 256; ++i) {
        const QByteArray bucket = QFile::encodeName(m_filesDir + QStringLiteral("/%1").arg(i, 2, 16, QLatin1Char('0')));
        if (::mkdir(bucket.constData(), 0755) == 0)
            created = true;
    }
    if (created) {
        syncPath(m_filesDir);
        syncPath(QFileInfo(m_filesDir).absolutePath());
    }
}

QString FileStore::relativePathFor(const QString &sopInstanceUid)
{
    const QByteArray hash
        = QCryptographicHash::hash(sopInstanceUid.trimmed().toUtf8(), QCryptographicHash::Sha256).toHex().left(40);
    const QString h = QString::fromLatin1(hash);
    return h.left(2) + QLatin1Char('/') + h + QStringLiteral(".dcm");
}

QString FileStore::absolutePath(const QString &relativePath) const
{
    return m_filesDir + QLatin1Char('/') + relativePath;
}

FileStore::Result FileStore::commit(const QString &tempPath, const QString &sopInstanceUid) const
{
    Result result = place(tempPath, sopInstanceUid);
    if (result.ok() && !syncFolderOf(result.path)) {
        result.error = Error::IoError;
        result.message = QStringLiteral("cannot sync the storage folder");
    }
    return result;
}

FileStore::Result FileStore::place(const QString &tempPath, const QString &sopInstanceUid) const
{
    Result result;
    result.path = relativePathFor(sopInstanceUid);
    const QByteArray to = QFile::encodeName(absolutePath(result.path));
    const QByteArray from = QFile::encodeName(tempPath);

    auto fail = [&](int err, const QString &what) {
        ::unlink(from.constData());
        result.error = (err == ENOSPC || err == EDQUOT) ? Error::DiskFull : Error::IoError;
        result.message = result.error == Error::DiskFull
            ? QStringLiteral("the storage disk is full (%1)").arg(m_filesDir)
            : QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err)));
        qCWarning(lcStorage).noquote() << "Storing" << sopInstanceUid << "failed:" << result.message;
        return result;
    };

    // The data must be on disk before any name points at it.
    const int fd = ::open(from.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(errno, QStringLiteral("cannot open the received file"));
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(err, QStringLiteral("cannot write the received file to disk"));
    }
    ::close(fd);

    // link() + unlink() instead of rename(): an instance that is already stored is never replaced (re-sent
    // instances are idempotent; the first copy stays) - unless what is there is empty, as a power cut can leave it.
    if (::link(from.constData(), to.constData()) == 0) {
        result.created = true;
    } else if (errno == EEXIST) {
        struct stat existing = {};
        if (::stat(to.constData(), &existing) == 0 && existing.st_size == 0) {
            if (::rename(from.constData(), to.constData()) != 0)
                return fail(errno, QStringLiteral("cannot replace an empty stored file"));
            result.created = true;
        }
    } else {
        return fail(errno, QStringLiteral("cannot move the received file into storage"));
    }
    ::unlink(from.constData());
    return result;
}

bool FileStore::syncFolderOf(const QString &relativePath) const
{
    return syncPath(QFileInfo(absolutePath(relativePath)).absolutePath());
}

bool FileStore::remove(const QString &relativePath) const
{
    const QString path = absolutePath(relativePath);
    if (!QFile::exists(path))
        return true;
    if (!QFile::remove(path))
        return false;
    syncPath(QFileInfo(path).absolutePath());
    return true;
}

} // namespace lightbox
