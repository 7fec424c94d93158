#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>
#include <QStringList>

#include <atomic>

namespace lightbox {

/// Series thumbnails kept as PNG files in one folder (the GUI uses <storage root>/thumbnails). A file is named
/// by a SHA-1 of the Series Instance UID plus the size, never by the raw UID. Rendering goes through
/// ThumbnailRenderer. Thread-safe: concurrent calls (QtConcurrent) are fine, for the same series too, since every
/// PNG is written to a temporary file and renamed into place.
class ThumbnailCache
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::ThumbnailCache)

public:
    /// @param folder where the PNG files go (created when the first one is written).
    explicit ThumbnailCache(QString folder);

    /// The thumbnail of a series, at most @p size x @p size pixels: the cached PNG when present and readable,
    /// else rendered from the middle of @p candidateFiles (absolute paths ordered by instance number; the others
    /// are tried in turn when it fails), written to the cache and returned.
    /// @return a null image with @p error set in plain words when no candidate can be rendered.
    QImage cachedOrRender(const QString &seriesInstanceUid, const QStringList &candidateFiles, int size,
                          QString *error = nullptr);

    /// Removes every cached size of a series' thumbnail (e.g. after the series changed or was deleted).
    void invalidate(const QString &seriesInstanceUid);

    /// The cache file of a series at @p size (it may not exist).
    QString pathFor(const QString &seriesInstanceUid, int size) const;

    QString folder() const { return m_folder; }
    /// How many thumbnails this object has rendered (rather than read from the cache).
    int renderCount() const { return m_renders.load(); }

private:
    /// The file-name stem shared by every size of a series' thumbnail.
    static QString stemFor(const QString &seriesInstanceUid);

    QString m_folder;
    std::atomic<int> m_renders {0};
};

} // namespace lightbox
