#include "ui/browser/UnifiedStudyModel.h"

#include "core/index/IndexReader.h"
#include "core/index/SearchText.h"
#include "ui/browser/RemoteSearch.h"
#include "ui/browser/StudyListModel.h"
#include "ui/browser/StudySyncStates.h"
#include "ui/common/DicomFormat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QLocale>
#include <QStyle>
#include <QtConcurrent>

namespace lightbox {
namespace {

static_assert(UnifiedStudyModel::InstanceCount - UnifiedStudyModel::PatientName
                  == StudyListModel::InstanceCount - StudyListModel::PatientName,
              "the unified list shows the local list's columns after Where");

// Local studies listed beside a remote answer in "Local + remote" (the paged local list shows them all).
constexpr int kLocalLimit = 1000;

// The study as a row of the local list: each field from the remote's answer when it gave one, else the local
// row's (counts stay the local ones).
StudyRow shown(const UnifiedStudy &s)
{
    StudyRow row = s.local.value_or(StudyRow {});
    if (!s.remote)
        return row;
    const RemoteStudy &r = *s.remote;
    const auto take = [](QString &to, const QString &from) {
        if (!from.isEmpty())
            to = from;
    };
    take(row.studyInstanceUid, r.studyInstanceUid);
    take(row.patientName, r.patientName);
    take(row.patientId, r.patientId);
    take(row.patientBirthDate, r.patientBirthDate);
    take(row.patientSex, r.patientSex);
    take(row.studyDate, r.studyDate);
    take(row.studyTime, r.studyTime);
    take(row.accessionNumber, r.accessionNumber);
    take(row.studyDescription, r.studyDescription);
    take(row.referringPhysicianName, r.referringPhysician);
    take(row.modalities, r.modalities.join(QLatin1Char('\\')));
    return row;
}

int remoteCountOf(const UnifiedStudy &s, int RemoteStudy::*field)
{
    return s.remote ? (*s.remote).*field : -1;
}

int localCountOf(const UnifiedStudy &s, int StudyRow::*field)
{
    return s.local ? (*s.local).*field : -1;
}

// The count shown: the local one, the remote one, or "local of remote" while a copy is incomplete.
QVariant countText(int local, int remote)
{
    if (local >= 0 && remote >= 0 && local < remote)
        return UnifiedStudyModel::tr("%1 of %2").arg(local).arg(remote);
    if (local >= 0)
        return local;
    if (remote >= 0)
        return remote;
    return {};
}

template<typename T> int compareKeys(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

struct UnifiedStudyModel::SearchOutcome
{
    bool remoteSkipped = false;
    FindResult<RemoteStudy> remote;
    QList<StudyRow> localOfRemote; ///< Local rows of the remote's studies.
    QList<StudyRow> localMatching; ///< With includeLocal: local rows matching the search.
};

struct UnifiedStudyModel::RefreshOutcome
{
    QStringList studyUids;
    QList<StudyRow> present; ///< Rows of studyUids still stored here.
    QSet<QString> matching; ///< Of those, the ones matching the search.
};

UnifiedStudyModel::UnifiedStudyModel(const QString &indexPath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_indexPath(indexPath)
    , m_sync(new StudySyncStates(
          indexPath,
          [this](const QString &uid) {
              const int row = m_rowByUid.value(uid, -1);
              return row >= 0 && m_rows.at(row).local.has_value();
          },
          this))
{
    connect(m_sync, &StudySyncStates::changed, this, &UnifiedStudyModel::onSyncStatesChanged);
    m_remotePool.setMaxThreadCount(2);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &UnifiedStudyModel::flushChanges);
}

UnifiedStudyModel::~UnifiedStudyModel() = default;

int UnifiedStudyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UnifiedStudyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

UnifiedStudyModel::Presence UnifiedStudyModel::presenceOf(const UnifiedStudy &study)
{
    if (study.remote && study.local)
        return Both;
    return study.remote ? RemoteOnly : LocalOnly;
}

QVariant UnifiedStudyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const UnifiedStudy &s = m_rows.at(index.row());
    // Only a copy stored here is synced; a study on the remote only has no sync state.
    if (index.column() == Sync && role != StudyUidRole && role != PresenceRole)
        return s.local ? m_sync->data(s.studyInstanceUid, role) : QVariant();
    switch (role) {
    case StudyUidRole:
        return s.studyInstanceUid;
    case PresenceRole:
        return presenceOf(s);
    case Qt::TextAlignmentRole:
        if (index.column() == SeriesCount || index.column() == InstanceCount)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole:
        if (index.column() != Location)
            return {};
        return QApplication::style()->standardIcon(presenceOf(s) == RemoteOnly ? QStyle::SP_DriveNetIcon
                                                                               : QStyle::SP_DriveHDIcon);
    case Qt::ToolTipRole:
        if (index.column() == Location) {
            switch (presenceOf(s)) {
            case LocalOnly:
                return tr("Stored on this workstation only");
            case RemoteOnly:
                return tr("On %1 only: retrieve it to open it here").arg(m_source.name);
            case Both:
                return tr("Stored here and on %1").arg(m_source.name);
            }
        }
        return display(s, index.column());
    case Qt::DisplayRole:
        return display(s, index.column());
    default:
        return {};
    }
}

QVariant UnifiedStudyModel::display(const UnifiedStudy &s, int column) const
{
    switch (column) {
    case Location:
        switch (presenceOf(s)) {
        case LocalOnly:
            return tr("Local");
        case RemoteOnly:
            return tr("Remote");
        case Both:
            return tr("Both");
        }
        return {};
    case SeriesCount:
        return countText(localCountOf(s, &StudyRow::seriesCount), remoteCountOf(s, &RemoteStudy::numberOfSeries));
    case InstanceCount:
        return countText(localCountOf(s, &StudyRow::instanceCount), remoteCountOf(s, &RemoteStudy::numberOfInstances));
    case Sync:
        return s.local ? StudySyncStates::text(m_sync->state(s.studyInstanceUid)) : QString();
    default:
        return StudyListModel::displayText(shown(s), column - PatientName + StudyListModel::PatientName);
    }
}

QVariant UnifiedStudyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == Location)
        return tr("Where");
    if (section == Sync)
        return StudyListModel::columnTitle(StudyListModel::Sync);
    return StudyListModel::columnTitle(section - PatientName + StudyListModel::PatientName);
}

void UnifiedStudyModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QStringList uids;
    for (const QModelIndex &i : before)
        uids << m_rows.at(i.row()).studyInstanceUid;
    sortRows();
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i)
        after << index(m_rowByUid.value(uids.at(i)), before.at(i).column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void UnifiedStudyModel::setSource(const Destination &source, const QString &callingAe, bool includeLocal)
{
    m_source = source;
    m_callingAe = callingAe;
    m_includeLocal = includeLocal;
    ++m_generation;
    m_searching = false;
    m_error.clear();
    beginResetModel();
    m_rows.clear();
    m_rowByUid.clear();
    endResetModel();
}

void UnifiedStudyModel::setQuery(const StudyQuery &filters)
{
    m_query = filters;
    reload();
}

void UnifiedStudyModel::reload()
{
    const int generation = ++m_generation;
    m_searching = true;
    m_pendingUids.clear();
    Q_EMIT searchStarted();
    const DicomNode node = m_source.node;
    const QString callingAe = m_callingAe;
    const StudyQuery filters = m_query;
    const QString indexPath = m_indexPath;
    const bool includeLocal = m_includeLocal;
    QElapsedTimer clock;
    clock.start();
    auto *watcher = new QFutureWatcher<SearchOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, clock] {
        watcher->deleteLater();
        onSearchDone(generation, watcher->result(), clock.elapsed());
    });
    watcher->setFuture(QtConcurrent::run(&m_remotePool, [node, callingAe, filters, indexPath, includeLocal] {
        SearchOutcome out;
        out.remoteSkipped = remotesearch::isUnfiltered(filters);
        if (out.remoteSkipped)
            out.remote.ok = true;
        else
            out.remote = remotesearch::findStudies(node, callingAe, filters);
        IndexReader reader(indexPath);
        if (!reader.open())
            return out;
        if (!out.remote.records.isEmpty()) {
            StudyQuery ofRemote;
            for (const RemoteStudy &s : std::as_const(out.remote.records))
                ofRemote.studyInstanceUids << s.studyInstanceUid;
            out.localOfRemote = reader.findStudies(ofRemote);
        }
        if (includeLocal) {
            StudyQuery matching = filters;
            matching.limit = kLocalLimit;
            out.localMatching = reader.findStudies(matching);
        }
        return out;
    }));
}

void UnifiedStudyModel::onSearchDone(int generation, const SearchOutcome &outcome, qint64 elapsedMs)
{
    if (generation != m_generation)
        return;
    m_searching = false;
    m_remoteSkipped = outcome.remoteSkipped;
    m_error = outcome.remote.ok ? QString() : outcome.remote.error;
    QHash<QString, StudyRow> local;
    for (const StudyRow &r : outcome.localOfRemote)
        local.insert(r.studyInstanceUid, r);
    for (const StudyRow &r : outcome.localMatching)
        local.insert(r.studyInstanceUid, r);

    beginResetModel();
    m_rows.clear();
    QSet<QString> listed;
    for (const RemoteStudy &remote : outcome.remote.records) {
        UnifiedStudy s;
        s.studyInstanceUid = remote.studyInstanceUid;
        s.remote = remote;
        if (local.contains(remote.studyInstanceUid))
            s.local = local.value(remote.studyInstanceUid);
        listed.insert(s.studyInstanceUid);
        m_rows.append(s);
    }
    for (const StudyRow &r : outcome.localMatching) {
        if (listed.contains(r.studyInstanceUid))
            continue;
        listed.insert(r.studyInstanceUid);
        m_rows.append(UnifiedStudy {r.studyInstanceUid, std::nullopt, r});
    }
    sortRows();
    endResetModel();
    QStringList stored;
    for (const UnifiedStudy &s : std::as_const(m_rows))
        if (s.local)
            stored << s.studyInstanceUid;
    m_sync->refresh(stored);
    Q_EMIT searchFinished(static_cast<int>(m_rows.size()), elapsedMs);
}

int UnifiedStudyModel::remoteCount() const
{
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const UnifiedStudy &s) { return s.remote.has_value(); }));
}

void UnifiedStudyModel::onStudiesChanged(const QStringList &studyUids, qint64)
{
    for (const QString &uid : studyUids)
        if (m_includeLocal || m_rowByUid.contains(uid))
            m_pendingUids.insert(uid);
    if (!m_pendingUids.isEmpty() && !m_coalesce.isActive() && !m_refreshInFlight)
        m_coalesce.start();
}

void UnifiedStudyModel::flushChanges()
{
    if (m_pendingUids.isEmpty() || m_refreshInFlight)
        return;
    m_refreshInFlight = true;
    const QStringList uids(m_pendingUids.begin(), m_pendingUids.end());
    m_pendingUids.clear();
    const int generation = m_generation;
    const QString indexPath = m_indexPath;
    const StudyQuery filters = m_query;
    const bool includeLocal = m_includeLocal;
    auto *watcher = new QFutureWatcher<RefreshOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_refreshInFlight = false;
        if (!m_pendingUids.isEmpty())
            m_coalesce.start();
        onRefreshDone(generation, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([uids, indexPath, filters, includeLocal] {
        RefreshOutcome out;
        out.studyUids = uids;
        IndexReader reader(indexPath);
        if (!reader.open())
            return out;
        StudyQuery byUid;
        byUid.studyInstanceUids = uids;
        out.present = reader.findStudies(byUid);
        if (includeLocal) {
            StudyQuery matching = filters;
            matching.studyInstanceUids = uids;
            for (const StudyRow &r : reader.findStudies(matching))
                out.matching.insert(r.studyInstanceUid);
        }
        return out;
    }));
}

void UnifiedStudyModel::onRefreshDone(int generation, const RefreshOutcome &outcome)
{
    if (generation != m_generation)
        return;
    QHash<QString, StudyRow> present;
    for (const StudyRow &r : outcome.present)
        present.insert(r.studyInstanceUid, r);
    // A study arriving here is queued for sync with its rows.
    m_sync->refresh(present.keys());
    for (const QString &uid : outcome.studyUids) {
        const int row = m_rowByUid.value(uid, -1);
        const bool here = present.contains(uid);
        if (row >= 0) {
            UnifiedStudy &s = m_rows[row];
            if (here) {
                s.local = present.value(uid);
            } else if (s.remote) {
                s.local.reset();
            } else {
                beginRemoveRows({}, row, row);
                m_rows.removeAt(row);
                endRemoveRows();
                rebuildRowIndex();
                Q_EMIT studyUpdated(uid);
                continue;
            }
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            Q_EMIT studyUpdated(uid);
        } else if (here && m_includeLocal && outcome.matching.contains(uid)) {
            const UnifiedStudy s {uid, std::nullopt, present.value(uid)};
            const auto at
                = std::upper_bound(m_rows.begin(), m_rows.end(), s,
                                   [this](const UnifiedStudy &a, const UnifiedStudy &b) { return before(a, b); });
            const int to = static_cast<int>(at - m_rows.begin());
            beginInsertRows({}, to, to);
            m_rows.insert(to, s);
            endInsertRows();
            rebuildRowIndex();
            Q_EMIT studyUpdated(uid);
        }
    }
}

void UnifiedStudyModel::onSyncStatesChanged(const QStringList &studyUids)
{
    for (const QString &uid : studyUids) {
        const int row = m_rowByUid.value(uid, -1);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, Sync), index(row, Sync));
    }
}

void UnifiedStudyModel::sortRows()
{
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [this](const UnifiedStudy &a, const UnifiedStudy &b) { return before(a, b); });
    rebuildRowIndex();
}

void UnifiedStudyModel::rebuildRowIndex()
{
    m_rowByUid.clear();
    m_rowByUid.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowByUid.insert(m_rows.at(i).studyInstanceUid, i);
}

bool UnifiedStudyModel::before(const UnifiedStudy &a, const UnifiedStudy &b) const
{
    int c = 0;
    switch (m_sortColumn) {
    case Location:
        c = compareKeys(int(presenceOf(a)), int(presenceOf(b)));
        break;
    case PatientName:
        c = compareKeys(searchKey(shown(a).patientName), searchKey(shown(b).patientName));
        break;
    case SeriesCount:
        c = compareKeys(qMax(localCountOf(a, &StudyRow::seriesCount), remoteCountOf(a, &RemoteStudy::numberOfSeries)),
                        qMax(localCountOf(b, &StudyRow::seriesCount), remoteCountOf(b, &RemoteStudy::numberOfSeries)));
        break;
    case InstanceCount:
        c = compareKeys(
            qMax(localCountOf(a, &StudyRow::instanceCount), remoteCountOf(a, &RemoteStudy::numberOfInstances)),
            qMax(localCountOf(b, &StudyRow::instanceCount), remoteCountOf(b, &RemoteStudy::numberOfInstances)));
        break;
    case StudyDate:
        c = compareKeys(shown(a).studyDate + shown(a).studyTime, shown(b).studyDate + shown(b).studyTime);
        break;
    case BirthDate:
        c = compareKeys(shown(a).patientBirthDate, shown(b).patientBirthDate);
        break;
    default:
        c = display(a, m_sortColumn).toString().compare(display(b, m_sortColumn).toString(), Qt::CaseInsensitive);
        break;
    }
    return m_sortOrder == Qt::DescendingOrder ? c > 0 : c < 0;
}

} // namespace lightbox
