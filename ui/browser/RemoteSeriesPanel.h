#pragma once

#include "core/common/Destination.h"

#include <QThreadPool>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace lightbox {

/// The series of a study on a remote node, from a series-level C-FIND run off the GUI thread: a plain list
/// (number, description, modality, images, body part) without thumbnails, each series retrievable.
class RemoteSeriesPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { Number, Description, Modality, Images, BodyPart, ColumnCount };
    enum Role { SeriesUidRole = Qt::UserRole + 1 };

    explicit RemoteSeriesPanel(QWidget *parent = nullptr);

    /// Where to query, as @p callingAe.
    void setSource(const Destination &source, const QString &callingAe);
    /// Queries and lists the series of @p studyUid (empty: none).
    void showStudy(const QString &studyUid);
    QString studyUid() const { return m_studyUid; }
    QStringList selectedSeriesUids() const;
    QTreeWidget *view() const { return m_view; }
    /// Why the last series query failed ("" if it did not).
    QString error() const { return m_error; }

Q_SIGNALS:
    /// The user activated series (double-click, Enter) of @p studyUid.
    void retrieveRequested(const QString &studyUid, const QStringList &seriesUids);
    /// A series query finished (see error()).
    void seriesListed(const QString &studyUid);

private:
    Destination m_source;
    QString m_callingAe;
    QString m_studyUid;
    QString m_error;
    int m_generation = 0;
    QLabel *m_caption = nullptr;
    QTreeWidget *m_view = nullptr;
    QThreadPool m_pool; ///< Series queries wait on the network: not on the global pool.
};

} // namespace lightbox
