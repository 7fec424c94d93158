#pragma once

#include "core/common/Destination.h"
#include "core/index/IndexRecords.h"

#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace lightbox {

class RemoteSeriesPanel;
class SeriesPanel;
class StudyFilterBar;
class SyncService;
class StudyListModel;
class UnifiedStudyModel;

/// The home screen: search row, the live study list, and the series of the selected study. With a remote source
/// chosen in the search row, the list shows the remote's studies beside the local ones (UnifiedStudyModel) and a
/// remote study's series come from a series-level query (RemoteSeriesPanel).
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
    UnifiedStudyModel *unifiedModel() const { return m_unified; }
    QTableView *remoteView() const { return m_remoteView; }
    RemoteSeriesPanel *remoteSeriesPanel() const { return m_remoteSeries; }

    /// The destinations offered as remote sources (those with the query/retrieve role are used) and our calling
    /// AE title. A remote source chosen before stays chosen if still offered (and is searched again).
    void setRemoteSources(const QList<Destination> &destinations, const QString &callingAe);
    /// The remote source chosen in the search row, if any.
    std::optional<Destination> remoteSource() const;
    /// True while a remote source is chosen (the unified list is shown).
    bool isRemote() const;

    /// The Sync column of both lists follows @p service (nullptr: none). Call once the workstation runs.
    void setSyncService(SyncService *service);
    /// Shows or hides the Sync column (hidden while no destination has the Sync role).
    void setSyncColumnVisible(bool visible);
    bool isSyncColumnVisible() const;

    /// Study Instance UIDs of the selected rows stored here (with a remote source: the Local and Both rows).
    QStringList selectedStudyUids() const;
    /// With a remote source: Study Instance UIDs of the selected rows on the remote (Remote and Both).
    QStringList selectedRemoteStudyUids() const;
    /// The local index row of a listed study (from the list shown), if it is listed and stored here.
    std::optional<StudyRow> localStudy(const QString &studyUid) const;
    /// The one local study whose series are shown ("" if none).
    QString currentStudyUid() const;
    /// Selects the study with @p studyUid if it is listed. @return whether it was found.
    bool selectStudy(const QString &studyUid);

    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray &state);

Q_SIGNALS:
    void openStudyRequested(const QString &studyUid);
    void openSeriesRequested(const QString &studyUid, const QString &seriesUid);
    void selectionChanged();
    void contextMenuRequested(const QPoint &globalPos);
    /// A study only on the remote was activated (double-click, Enter).
    void retrieveRequested(const QStringList &studyUids);
    /// Series of a remote study were activated in the remote series list.
    void retrieveSeriesRequested(const QString &studyUid, const QStringList &seriesUids);
    /// The source (Local or a remote) changed.
    void sourceChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void updateRemoteState();
    void keepScrollOnInsert(int first, int last);
    void applySource();
    void showSeriesOfRemoteSelection();
    /// The row of the remote view whose series are shown, -1 if none.
    int currentRemoteRow() const;

    StudyFilterBar *m_filters = nullptr;
    StudyListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    SeriesPanel *m_series = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_emptyHint = nullptr;
    QString m_emptyText;

    UnifiedStudyModel *m_unified = nullptr;
    QTableView *m_remoteView = nullptr;
    QLabel *m_remoteHint = nullptr;
    QLabel *m_banner = nullptr;
    QStackedWidget *m_viewStack = nullptr;
    QStackedWidget *m_seriesStack = nullptr;
    RemoteSeriesPanel *m_remoteSeries = nullptr;
    QList<Destination> m_destinations;
    QString m_callingAe;
    int m_sortSection = -1; ///< The local list's sort column (the Sync column cannot be sorted by).
};

} // namespace lightbox
