#pragma once

#include "core/index/IndexRecords.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPixmap>

namespace lightbox {

/// The series of the selected study with their thumbnails (set as they finish rendering).
class SeriesListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Description, Modality, Images, ColumnCount };
    enum Role { SeriesUidRole = Qt::UserRole + 1 };

    explicit SeriesListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Shows the series of @p studyUid; rows of the same study are updated in place, not reset.
    void setSeries(const QString &studyUid, const QList<SeriesRow> &series);
    void clear();
    void setThumbnail(const QString &seriesUid, const QPixmap &pixmap, const QString &error);
    QString studyUid() const { return m_studyUid; }
    const SeriesRow &seriesAt(int row) const { return m_series.at(row); }
    bool hasThumbnail(const QString &seriesUid) const { return m_thumbnails.contains(seriesUid); }

private:
    QString m_studyUid;
    QList<SeriesRow> m_series;
    QHash<QString, QPixmap> m_thumbnails;
    QHash<QString, QString> m_thumbnailErrors;
    QPixmap m_placeholder;
};

} // namespace lightbox
