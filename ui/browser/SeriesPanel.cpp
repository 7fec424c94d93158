#include "ui/browser/SeriesPanel.h"

#include "core/imaging/ThumbnailCache.h"
#include "ui/browser/SeriesListModel.h"
#include "ui/browser/StudyQueryWorker.h"

#include <QDir>
#include <QFutureWatcher>
#include <QLabel>
#include <QListView>
#include <QPointer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace lightbox {
namespace {
constexpr int kThumbSize = 96;
} // namespace

SeriesPanel::SeriesPanel(StudyQueryWorker *worker, const QString &filesDir, const QString &thumbnailDir,
                         QWidget *parent)
    : QWidget(parent)
    , m_model(new SeriesListModel(this))
    , m_filesDir(filesDir)
    , m_cache(std::make_unique<ThumbnailCache>(thumbnailDir))
{
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() / 2));
    m_caption = new QLabel(tr("Series"), this);
    m_caption->setObjectName(QStringLiteral("seriesCaption"));
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("seriesView"));
    m_view->setModel(m_model);
    m_view->setModelColumn(SeriesListModel::Number);
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setIconSize(QSize(kThumbSize, kThumbSize));
    m_view->setGridSize(QSize(kThumbSize + 80, kThumbSize + 48));
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);

    connect(this, &SeriesPanel::requestSeries, worker, &StudyQueryWorker::loadSeries);
    connect(worker, &StudyQueryWorker::seriesDone, this, &SeriesPanel::onSeriesDone);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openSeriesRequested(m_studyUid, index.data(SeriesListModel::SeriesUidRole).toString());
    });
}

SeriesPanel::~SeriesPanel()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void SeriesPanel::showStudy(const QString &studyUid)
{
    m_studyUid = studyUid;
    if (studyUid.isEmpty()) {
        m_model->clear();
        m_caption->setText(tr("Series"));
        return;
    }
    Q_EMIT requestSeries(studyUid);
}

void SeriesPanel::refreshIfShown(const QString &studyUid)
{
    if (!m_studyUid.isEmpty() && studyUid == m_studyUid)
        Q_EMIT requestSeries(studyUid);
}

void SeriesPanel::forgetSeries(const QStringList &seriesUids)
{
    for (const QString &uid : seriesUids) {
        m_cache->invalidate(uid);
        m_renderedAtCount.remove(uid);
    }
}

QStringList SeriesPanel::selectedSeriesUids() const
{
    QStringList uids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        uids << index.data(SeriesListModel::SeriesUidRole).toString();
    return uids;
}

void SeriesPanel::onSeriesDone(const QString &studyUid, const QList<SeriesRow> &series,
                               const QList<InstanceFile> &files)
{
    if (studyUid != m_studyUid)
        return;
    m_model->setSeries(studyUid, series);
    int images = 0;
    for (const SeriesRow &s : series)
        images += s.instanceCount;
    m_caption->setText((series.size() == 1 ? tr("1 series") : tr("%1 series").arg(series.size()))
                       + QStringLiteral(" · ") + (images == 1 ? tr("1 image") : tr("%1 images").arg(images)));

    QHash<QString, QStringList> filesBySeries;
    const QDir dir(m_filesDir);
    for (const InstanceFile &f : files)
        filesBySeries[f.seriesInstanceUid] << dir.filePath(f.filePath);
    for (const SeriesRow &s : series) {
        const int madeAt = m_renderedAtCount.value(s.seriesInstanceUid, 0);
        // A thumbnail made from the first images of a series still arriving is redone once it has doubled.
        const bool stale = madeAt > 0 && madeAt < 64 && s.instanceCount >= 2 * madeAt;
        if (m_model->hasThumbnail(s.seriesInstanceUid) && !stale)
            continue;
        if (madeAt > 0 && !stale)
            continue; // Being rendered.
        m_renderedAtCount.insert(s.seriesInstanceUid, qMax(1, s.instanceCount));
        renderThumbnail(s.seriesInstanceUid, filesBySeries.value(s.seriesInstanceUid), stale);
    }
}

void SeriesPanel::renderThumbnail(const QString &seriesUid, const QStringList &files, bool refresh)
{
    ThumbnailCache *cache = m_cache.get();
    auto *watcher = new QFutureWatcher<QPair<QImage, QString>>(this);
    ++m_pending;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, seriesUid] {
        const auto [image, error] = watcher->result();
        watcher->deleteLater();
        m_model->setThumbnail(seriesUid, QPixmap::fromImage(image), error);
        if (--m_pending == 0)
            Q_EMIT thumbnailsReady();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [cache, seriesUid, files, refresh] {
        if (refresh)
            cache->invalidate(seriesUid);
        QString error;
        QImage image = cache->cachedOrRender(seriesUid, files, kThumbSize, &error);
        return qMakePair(image, error);
    }));
}

} // namespace lightbox
