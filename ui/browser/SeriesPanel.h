#pragma once

#include "core/index/IndexRecords.h"

#include <QHash>
#include <QThreadPool>
#include <QWidget>
#include <memory>

class QLabel;
class QListView;

namespace lightbox {

class SeriesListModel;
class StudyQueryWorker;
class ThumbnailCache;

/// The series of the selected study: number, description, modality, image count and a thumbnail rendered in
/// the background with the file's own window/level (cached on disk).
class SeriesPanel : public QWidget
{
    Q_OBJECT
public:
    /// @param filesDir the storage's files folder (index paths are relative to it);
    /// @param thumbnailDir where rendered thumbnails are cached.
    SeriesPanel(StudyQueryWorker *worker, const QString &filesDir, const QString &thumbnailDir,
                QWidget *parent = nullptr);
    ~SeriesPanel() override;

    /// Shows the series of @p studyUid (empty: none).
    void showStudy(const QString &studyUid);
    /// Drops the cached thumbnails of series that were deleted.
    void forgetSeries(const QStringList &seriesUids);
    /// Re-reads the shown study if it is @p studyUid (it changed in the index).
    void refreshIfShown(const QString &studyUid);
    QString studyUid() const { return m_studyUid; }
    QStringList selectedSeriesUids() const;
    SeriesListModel *model() const { return m_model; }
    QListView *view() const { return m_view; }

Q_SIGNALS:
    void openSeriesRequested(const QString &studyUid, const QString &seriesUid);
    void requestSeries(const QString &studyUid);
    /// All thumbnails of the shown study are on screen.
    void thumbnailsReady();

private:
    void onSeriesDone(const QString &studyUid, const QList<SeriesRow> &series, const QList<InstanceFile> &files);
    void renderThumbnail(const QString &seriesUid, const QStringList &files, bool refresh);

    SeriesListModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_caption = nullptr;
    QString m_studyUid;
    QString m_filesDir;
    std::unique_ptr<ThumbnailCache> m_cache;
    QThreadPool m_pool;
    QHash<QString, int> m_renderedAtCount; ///< Instance count a series had when its thumbnail was made.
    int m_pending = 0;
};

} // namespace lightbox
