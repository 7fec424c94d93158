#pragma once

#include "core/index/IndexRecords.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QTimer>

namespace lightbox {

class StudyQueryWorker;
class StudySyncStates;

/// The study list: a window onto the index, not a copy of it. Rows are read page by page as the view scrolls
/// (canFetchMore/fetchMore); every query runs on a worker thread. Index change notices are coalesced and only
/// the studies they name are re-read, then updated, inserted at their sorted place or removed in place — the
/// model is never reset for an arrival, so selection and scroll position stay where the user left them.
class StudyListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        PatientName,
        PatientId,
        BirthDate,
        Sex,
        StudyDate,
        Modalities,
        Description,
        Accession,
        SeriesCount,
        InstanceCount,
        Received,
        Sync, ///< The study's sync state (see StudySyncStates); empty when nothing of it is to be synced.
        ColumnCount
    };
    enum Role { StudyUidRole = Qt::UserRole + 1 };

    explicit StudyListModel(const QString &indexPath, QObject *parent = nullptr);
    ~StudyListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    /// The title of @p column, as the header shows it.
    static QString columnTitle(int column);
    /// What @p column shows of @p row ("DOE, John", the locale's date, "CT, SR", ...).
    static QVariant displayText(const StudyRow &row, int column);
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

    /// Runs a new search (filters only; the sort stays as the view set it).
    void setQuery(const StudyQuery &filters);
    StudyQuery query() const { return m_query; }
    /// Re-runs the current search.
    void reload();
    /// How many studies match the current search (loaded or not).
    int totalCount() const { return m_total; }
    const StudyRow &studyAt(int row) const { return m_rows.at(row); }
    /// Row of a loaded study, -1 if not loaded.
    int rowOf(const QString &studyUid) const { return m_rowByUid.value(studyUid, -1); }
    /// The worker, so other views (series panel, status bar) can share its thread and connection.
    StudyQueryWorker *worker() const { return m_worker; }
    /// The Sync column's states (give it the sync service once the workstation runs).
    StudySyncStates *syncStates() const { return m_sync; }
    /// How long the coalescing window is (ms) before changed studies are re-read.
    void setCoalesceInterval(int ms) { m_coalesce.setInterval(ms); }

public Q_SLOTS:
    /// Call with the index's change notices (queued from the writer thread).
    void onStudiesChanged(const QStringList &studyUids, qint64 committedAtMs);

Q_SIGNALS:
    /// A search finished: @p total rows match, the first page took @p elapsedMs.
    void queryFinished(int total, qint64 elapsedMs);
    /// Arrivals (new or grown studies) are on screen, @p latencyMs after their index commit.
    void arrivalsShown(const QStringList &studyUids, qint64 latencyMs);
    /// A study's row changed (counts, modalities, ...), for views showing its details.
    void studyUpdated(const QString &studyUid);
    void queryFailed(const QString &reason);

    // To the worker thread.
    void requestQuery(int generation, const lightbox::StudyQuery &query, int pageSize);
    void requestPage(int generation, const lightbox::StudyQuery &query, int offset, int count);
    void requestRefresh(int generation, const lightbox::StudyQuery &query, const QStringList &studyUids,
                        qint64 committedAtMs);

private:
    void onQueryDone(int generation, int total, const QList<StudyRow> &rows, qint64 elapsedMs);
    void onPageDone(int generation, int offset, const QList<StudyRow> &rows);
    void onRefreshDone(int generation, const QStringList &studyUids, const QList<StudyRow> &matching,
                       qint64 committedAtMs);
    void flushChanges();
    void rebuildRowIndex();
    void onSyncStatesChanged(const QStringList &studyUids);
    int insertPosition(const StudyRow &row) const;
    bool before(const StudyRow &a, const StudyRow &b) const;

    StudyQueryWorker *m_worker = nullptr;
    QThread m_thread;
    StudySyncStates *m_sync = nullptr;
    StudyQuery m_query;
    int m_generation = 0;
    QList<StudyRow> m_rows;
    QHash<QString, int> m_rowByUid;
    int m_total = 0;
    bool m_pageInFlight = false;
    bool m_refreshInFlight = false;
    QTimer m_coalesce;
    QSet<QString> m_pendingUids;
    qint64 m_pendingSinceMs = 0; ///< Commit time of the oldest pending notice.
};

} // namespace lightbox
