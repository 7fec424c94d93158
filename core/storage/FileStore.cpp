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
    QDir().mkpath(m_filesDir);
}

QString FileStore::relativePathFor(const QString &sopInstanceUid)
{
    const QByteArray hash
        = QCryptographicHash::hash(sopInstanceUid.trimmed().toUtf8(), QCryptographicHash::Sha256).toHex().left(40);
    const QString h = QString::fromLatin1(hash);
    return h.left(2) + QLatin1Char('/') + h.mid(2, 2) + QLatin1Char('/') + h + QStringLiteral(".dcm");
}

QString FileStore::absolutePath(const QString &relativePath) const
{
    return m_filesDir + QLatin1Char('/') + relativePath;
}

FileStore::Result FileStore::commit(const QString &tempPath, const QString &sopInstanceUid) const
{
    Result result;
    result.path = relativePathFor(sopInstanceUid);
    const QString finalPath = absolutePath(result.path);
    const QString dir = QFileInfo(finalPath).absolutePath();

    auto fail = [&](int err, const QString &what) {
        QFile::remove(tempPath);
        result.error = (err == ENOSPC || err == EDQUOT) ? Error::DiskFull : Error::IoError;
        result.message = result.error == Error::DiskFull
            ? QStringLiteral("the storage disk is full (%1)").arg(m_filesDir)
            : QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err)));
        qCWarning(lcStorage).noquote() << "Storing" << sopInstanceUid << "failed:" << result.message;
        return result;
    };

    const int fd = ::open(QFile::encodeName(tempPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(errno, QStringLiteral("cannot open the received file"));
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(err, QStringLiteral("cannot write the received file to disk"));
    }
    ::close(fd);

    if (!QDir().mkpath(dir))
        return fail(errno ? errno : EIO, QStringLiteral("cannot create the folder %1").arg(dir));
    // link() + unlink() instead of rename(): it never replaces an instance that is already stored
    // (re-sent instances are idempotent; the first copy stays).
    const QByteArray from = QFile::encodeName(tempPath);
    const QByteArray to = QFile::encodeName(finalPath);
    if (::link(from.constData(), to.constData()) == 0) {
        result.created = true;
    } else {
        const int err = errno;
        if (err != EEXIST)
            return fail(err, QStringLiteral("cannot move the received file into storage"));
    }
    ::unlink(from.constData());
    if (!syncPath(dir))
        return fail(errno, QStringLiteral("cannot sync the storage folder"));
    return result;
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
