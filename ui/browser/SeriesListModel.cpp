#include "ui/browser/SeriesListModel.h"

#include <QPainter>

namespace lightbox {

namespace {
constexpr int kThumbSize = 96;
}

SeriesListModel::SeriesListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_placeholder(kThumbSize, kThumbSize)
{
    m_placeholder.fill(QColor(32, 32, 32));
}

int SeriesListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_series.size());
}

int SeriesListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeriesListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_series.size())
        return {};
    const SeriesRow &s = m_series.at(index.row());
    if (role == SeriesUidRole)
        return s.seriesInstanceUid;
    if (role == Qt::DecorationRole && index.column() == Number)
        return m_thumbnails.value(s.seriesInstanceUid, m_placeholder);
    if (role == Qt::ToolTipRole && index.column() == Number) {
        const QString error = m_thumbnailErrors.value(s.seriesInstanceUid);
        return error.isEmpty() ? s.seriesInstanceUid : tr("No preview: %1").arg(error);
    }
    if (role == Qt::TextAlignmentRole && index.column() == Images)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number: {
        // The thumbnail strip shows this column only: number and description, then modality and count.
        const QString title = s.description.isEmpty() ? tr("(no description)") : s.description;
        const QString count = s.instanceCount == 1 ? tr("1 image") : tr("%1 images").arg(s.instanceCount);
        const QString first = s.seriesNumber.isEmpty() ? title : s.seriesNumber + QStringLiteral(" · ") + title;
        return QString(first + QLatin1Char('\n') + s.modality + QStringLiteral(" · ") + count);
    }
    case Description:
        return s.description.isEmpty() ? tr("(no description)") : s.description;
    case Modality:
        return s.modality;
    case Images:
        return s.instanceCount;
    default:
        return {};
    }
}

QVariant SeriesListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("Series");
    case Description:
        return tr("Description");
    case Modality:
        return tr("Modality");
    case Images:
        return tr("Images");
    default:
        return {};
    }
}

void SeriesListModel::setSeries(const QString &studyUid, const QList<SeriesRow> &series)
{
    if (studyUid != m_studyUid || series.size() < m_series.size()) {
        beginResetModel();
        if (studyUid != m_studyUid) {
            m_thumbnails.clear();
            m_thumbnailErrors.clear();
        }
        m_studyUid = studyUid;
        m_series = series;
        endResetModel();
        return;
    }
    // Same study, grown: update rows in place and append new series, so the selection stays.
    for (int i = 0; i < series.size(); ++i) {
        if (i < m_series.size() && m_series.at(i).seriesInstanceUid == series.at(i).seriesInstanceUid) {
            m_series[i] = series.at(i);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        // A new series sorted in between: simplest correct answer is a reset of this small list.
        beginResetModel();
        m_series = series;
        endResetModel();
        return;
    }
}

void SeriesListModel::clear()
{
    beginResetModel();
    m_studyUid.clear();
    m_series.clear();
    m_thumbnails.clear();
    m_thumbnailErrors.clear();
    endResetModel();
}

void SeriesListModel::setThumbnail(const QString &seriesUid, const QPixmap &pixmap, const QString &error)
{
    if (pixmap.isNull()) {
        QPixmap none(kThumbSize, kThumbSize);
        none.fill(QColor(48, 16, 16));
        QPainter p(&none);
        p.setPen(Qt::lightGray);
        p.drawText(none.rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("no preview"));
        m_thumbnails.insert(seriesUid, none);
        m_thumbnailErrors.insert(seriesUid, error);
    } else {
        // Small images (a 64² nuclear medicine frame, a 16² test image) are scaled up to fill the frame.
        const QPixmap fitted = pixmap.width() > kThumbSize || pixmap.height() > kThumbSize
                || (pixmap.width() < kThumbSize && pixmap.height() < kThumbSize)
            ? pixmap.scaled(kThumbSize, kThumbSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            : pixmap;
        QPixmap framed(kThumbSize, kThumbSize);
        framed.fill(Qt::black);
        QPainter p(&framed);
        p.drawPixmap((kThumbSize - fitted.width()) / 2, (kThumbSize - fitted.height()) / 2, fitted);
        m_thumbnails.insert(seriesUid, framed);
        m_thumbnailErrors.remove(seriesUid);
    }
    for (int i = 0; i < m_series.size(); ++i)
        if (m_series.at(i).seriesInstanceUid == seriesUid)
            Q_EMIT dataChanged(index(i, Number), index(i, Number), {Qt::DecorationRole, Qt::ToolTipRole});
}

} // namespace lightbox
