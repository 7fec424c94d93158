#include "ui/browser/RemoteSeriesPanel.h"

#include "core/net/FindScu.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace lightbox {

RemoteSeriesPanel::RemoteSeriesPanel(QWidget *parent)
    : QWidget(parent)
{
    m_pool.setMaxThreadCount(2);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("remoteSeriesCaption"));
    m_caption->setWordWrap(true);
    m_view = new QTreeWidget(this);
    m_view->setObjectName(QStringLiteral("remoteSeriesView"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setHeaderLabels({tr("Number"), tr("Description"), tr("Modality"), tr("Images"), tr("Body part")});
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(Number, fontMetrics().horizontalAdvance(tr("Number")) + 32);
    m_view->setColumnWidth(Description, fontMetrics().horizontalAdvance(QStringLiteral("CT Chest with contrast xx")));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);

    connect(m_view, &QTreeWidget::itemActivated, this, [this] {
        const QStringList uids = selectedSeriesUids();
        if (!uids.isEmpty())
            Q_EMIT retrieveRequested(m_studyUid, uids);
    });
}

void RemoteSeriesPanel::setSource(const Destination &source, const QString &callingAe)
{
    m_source = source;
    m_callingAe = callingAe;
    showStudy({});
}

void RemoteSeriesPanel::showStudy(const QString &studyUid)
{
    if (studyUid == m_studyUid && !studyUid.isEmpty())
        return;
    m_studyUid = studyUid;
    m_error.clear();
    m_view->clear();
    const int generation = ++m_generation;
    if (studyUid.isEmpty()) {
        m_caption->setText(tr("Series"));
        return;
    }
    m_caption->setText(tr("Asking %1 for the series…").arg(m_source.name));
    const DicomNode node = m_source.node;
    const QString callingAe = m_callingAe;
    auto *watcher = new QFutureWatcher<FindResult<RemoteSeries>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, studyUid] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const FindResult<RemoteSeries> result = watcher->result();
        if (!result.ok) {
            m_error = result.error;
            m_caption->setText(tr("The series could not be listed: %1").arg(result.error));
            Q_EMIT seriesListed(studyUid);
            return;
        }
        int images = 0;
        bool imagesKnown = true;
        for (const RemoteSeries &s : result.records) {
            auto *item = new QTreeWidgetItem(m_view);
            bool numeric = false;
            const int number = s.seriesNumber.toInt(&numeric);
            item->setData(Number, Qt::DisplayRole, numeric ? QVariant(number) : QVariant(s.seriesNumber));
            item->setText(Description, s.seriesDescription);
            item->setText(Modality, s.modality);
            item->setText(Images, s.numberOfInstances >= 0 ? QString::number(s.numberOfInstances) : QString());
            item->setText(BodyPart, s.bodyPart);
            item->setTextAlignment(Images, Qt::AlignRight | Qt::AlignVCenter);
            item->setData(Number, SeriesUidRole, s.seriesInstanceUid);
            item->setToolTip(Description, tr("Double-click to retrieve this series"));
            images += qMax(0, s.numberOfInstances);
            imagesKnown = imagesKnown && s.numberOfInstances >= 0;
        }
        m_view->sortItems(Number, Qt::AscendingOrder);
        const QString series = result.records.size() == 1 ? tr("1 series") : tr("%1 series").arg(result.records.size());
        const QString imagesText = images == 1 ? tr("1 image") : tr("%1 images").arg(images);
        //: %1 "3 series", %2 "120 images", %3 a PACS name
        m_caption->setText(imagesKnown ? tr("%1 · %2 on %3").arg(series, imagesText, m_source.name)
                                       : tr("%1 on %2").arg(series, m_source.name));
        Q_EMIT seriesListed(studyUid);
    });
    watcher->setFuture(QtConcurrent::run(
        &m_pool, [node, callingAe, studyUid] { return FindScu::findSeries(node, callingAe, studyUid); }));
}

QStringList RemoteSeriesPanel::selectedSeriesUids() const
{
    QStringList uids;
    for (const QTreeWidgetItem *item : m_view->selectedItems())
        uids << item->data(Number, SeriesUidRole).toString();
    return uids;
}

} // namespace lightbox
