#pragma once

#include <QWidget>

class QLabel;
class QSplitter;
class QTableView;

namespace lightbox {

class SeriesPanel;
class StudyFilterBar;
class StudyListModel;

/// The home screen: search row, the live study list, and the series of the selected study.
class StudyBrowser : public QWidget
{
    Q_OBJECT
public:
    /// @param indexPath the index database; @param filesDir the storage's files folder;
    /// @param thumbnailDir where series thumbnails are cached.
    StudyBrowser(const QString &indexPath, const QString &filesDir, const QString &thumbnailDir,
                 QWidget *parent = nullptr);

    /// Runs the first search (call once the index exists).
    void start();
    /// What the empty list says when no search is active (e.g. how to send studies here).
    void setEmptyText(const QString &text);

    StudyListModel *model() const { return m_model; }
    QTableView *studyView() const { return m_view; }
    StudyFilterBar *filterBar() const { return m_filters; }
    SeriesPanel *seriesPanel() const { return m_series; }

    /// Study Instance UIDs of the selected rows.
    QStringList selectedStudyUids() const;
    /// The one study whose series are shown ("" if none).
    QString currentStudyUid() const;
    /// Selects the study with @p studyUid if it is loaded. @return whether it was found.
    bool selectStudy(const QString &studyUid);

    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray &state);

Q_SIGNALS:
    void openStudyRequested(const QString &studyUid);
    void openSeriesRequested(const QString &studyUid, const QString &seriesUid);
    void selectionChanged();
    void contextMenuRequested(const QPoint &globalPos);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void keepScrollOnInsert(int first, int last);

    StudyFilterBar *m_filters = nullptr;
    StudyListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    SeriesPanel *m_series = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_emptyHint = nullptr;
    QString m_emptyText;
};

} // namespace lightbox
