#pragma once

#include "core/common/Destination.h"
#include "core/index/IndexRecords.h"
#include "core/net/FindScu.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <optional>

namespace lightbox {

class StudySyncStates;

/// One row of the unified list: a study on the remote, here, or both.
struct UnifiedStudy
{
    QString studyInstanceUid;
    std::optional<RemoteStudy> remote; ///< What the remote answered to the study-level C-FIND.
    std::optional<StudyRow> local; ///< The study in the local index, when stored here.
};

/// The browser's list when a remote source is chosen: the studies a remote node (a destination with the
/// query/retrieve role) returns for the search, marked by whether they are already stored here, and — when the
/// source is "Local + remote" — the local studies matching the same search beside them. The C-FIND and the index
/// reads run off the GUI thread. Index change notices update the local side live: a study being retrieved turns
/// from "Remote" to "Both" as it arrives. The local-only list stays StudyListModel (paged, live): this model only
/// serves remote sources and holds what one query returned.
class UnifiedStudyModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// "Where", then the columns of StudyListModel from PatientName to InstanceCount, in its order, then the sync
    /// state of the studies stored here.
    enum Column {
        Location,
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
        Sync,
        ColumnCount
    };
    enum Role {
        StudyUidRole = Qt::UserRole + 1, ///< Same value as StudyListModel::StudyUidRole.
        PresenceRole, ///< A Presence value.
    };
    enum Presence { LocalOnly, RemoteOnly, Both };

    /// @param indexPath the local index (read on worker threads with their own connections).
    explicit UnifiedStudyModel(const QString &indexPath, QObject *parent = nullptr);
    ~UnifiedStudyModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;

    /// Where to query: @p source (a DICOM destination), as @p callingAe; with @p includeLocal the local studies
    /// matching the search are listed too. Clears the list; setQuery() runs the search.
    void setSource(const Destination &source, const QString &callingAe, bool includeLocal);
    const Destination &source() const { return m_source; }
    bool includesLocal() const { return m_includeLocal; }
    /// Runs the search with @p filters (the same the local list uses) against the source.
    void setQuery(const StudyQuery &filters);
    StudyQuery query() const { return m_query; }
    /// Runs the current search again.
    void reload();

    bool isSearching() const { return m_searching; }
    /// Why the last search of the remote failed, in plain words ("" when it did not).
    QString error() const { return m_error; }
    /// True when the last search did not ask the remote at all because nothing was filtered (see
    /// remotesearch::isUnfiltered()); local studies are still listed with "Local + remote".
    bool remoteSkipped() const { return m_remoteSkipped; }
    /// How many rows are on the remote (RemoteOnly or Both).
    int remoteCount() const;

    const UnifiedStudy &studyAt(int row) const { return m_rows.at(row); }
    static Presence presenceOf(const UnifiedStudy &study);
    /// Row of @p studyUid, -1 if not listed.
    int rowOf(const QString &studyUid) const { return m_rowByUid.value(studyUid, -1); }
    /// The Sync column's states (give it the sync service once the workstation runs).
    StudySyncStates *syncStates() const { return m_sync; }
    /// How long the coalescing window for change notices is (ms).
    void setCoalesceInterval(int ms) { m_coalesce.setInterval(ms); }

public Q_SLOTS:
    /// Call with the index's change notices: the local side of the studies they name is re-read.
    void onStudiesChanged(const QStringList &studyUids, qint64 committedAtMs);

Q_SIGNALS:
    void searchStarted();
    /// A search finished (successfully or not; see error()), @p elapsedMs after it started.
    void searchFinished(int rows, qint64 elapsedMs);
    /// The local side of a listed study changed (it arrived, grew or was deleted).
    void studyUpdated(const QString &studyUid);

private:
    struct SearchOutcome;
    struct RefreshOutcome;
    void onSearchDone(int generation, const SearchOutcome &outcome, qint64 elapsedMs);
    void flushChanges();
    void onRefreshDone(int generation, const RefreshOutcome &outcome);
    void sortRows();
    void rebuildRowIndex();
    void onSyncStatesChanged(const QStringList &studyUids);
    bool before(const UnifiedStudy &a, const UnifiedStudy &b) const;
    QVariant display(const UnifiedStudy &study, int column) const;

    QString m_indexPath;
    StudySyncStates *m_sync = nullptr;
    Destination m_source;
    QString m_callingAe;
    bool m_includeLocal = false;
    StudyQuery m_query;
    int m_generation = 0;
    bool m_searching = false;
    bool m_remoteSkipped = false;
    QString m_error;
    QList<UnifiedStudy> m_rows;
    QHash<QString, int> m_rowByUid;
    int m_sortColumn = StudyDate;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QTimer m_coalesce;
    QSet<QString> m_pendingUids;
    bool m_refreshInFlight = false;
    /// Remote searches wait on the network (up to the timeout): their own threads, so they never hold up the
    /// global pool that opens viewers and runs imports.
    QThreadPool m_remotePool;
};

} // namespace lightbox
