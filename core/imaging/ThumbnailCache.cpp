#include "core/imaging/ThumbnailCache.h"

#include "core/common/Logging.h"
#include "core/imaging/ThumbnailRenderer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace lightbox {

ThumbnailCache::ThumbnailCache(QString folder)
    : m_folder(std::move(folder))
{
}

QString ThumbnailCache::stemFor(const QString &seriesInstanceUid)
{
    const QByteArray hash = QCryptographicHash::hash(seriesInstanceUid.trimmed().toUtf8(), QCryptographicHash::Sha1);
    return QString::fromLatin1(hash.toHex());
}

QString ThumbnailCache::pathFor(const QString &seriesInstanceUid, int size) const
{
    return m_folder + QLatin1Char('/') + stemFor(seriesInstanceUid) + QStringLiteral("-%1.png").arg(size);
}

QImage ThumbnailCache::cachedOrRender(const QString &seriesInstanceUid, const QStringList &candidateFiles, int size,
                                      QString *error)
{
    const QString path = pathFor(seriesInstanceUid, size);
    if (QFile::exists(path)) {
        QImage cached(path, "PNG");
        if (!cached.isNull() && cached.width() <= size && cached.height() <= size) {
            if (error)
                error->clear();
            return cached;
        }
        qCInfo(lcStorage).noquote() << "Thumbnail" << path << "is unreadable; rendering it again";
    }
    if (candidateFiles.isEmpty()) {
        if (error)
            *error = tr("The series has no stored image to make a thumbnail from.");
        return {};
    }

    // The middle image shows the series best; its neighbours outward are the fallbacks.
    const qsizetype middle = candidateFiles.size() / 2;
    QList<qsizetype> order {middle};
    for (qsizetype step = 1; order.size() < candidateFiles.size(); ++step) {
        if (middle + step < candidateFiles.size())
            order << middle + step;
        if (middle - step >= 0)
            order << middle - step;
    }
    QImage image;
    QString firstError;
    for (const qsizetype index : order) {
        QString why;
        image = ThumbnailRenderer::render(candidateFiles.at(index), size, &why);
        if (!image.isNull())
            break;
        if (firstError.isEmpty())
            firstError = why;
    }
    if (image.isNull()) {
        if (error)
            *error = firstError;
        return {};
    }
    ++m_renders;

    if (!QDir().mkpath(m_folder)) {
        qCWarning(lcStorage).noquote() << "Cannot create the thumbnail folder" << m_folder;
    } else {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            qCWarning(lcStorage).noquote() << "Cannot write the thumbnail" << path << ":" << file.errorString();
    }
    if (error)
        error->clear();
    return image;
}

void ThumbnailCache::invalidate(const QString &seriesInstanceUid)
{
    const QString pattern = stemFor(seriesInstanceUid) + QStringLiteral("-*.png");
    const QDir dir(m_folder);
    for (const QString &name : dir.entryList({pattern}, QDir::Files))
        QFile::remove(dir.filePath(name));
}

} // namespace lightbox
