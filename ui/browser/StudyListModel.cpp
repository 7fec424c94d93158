#include "ui/browser/StudyListModel.h"

#include "core/index/SearchText.h"
#include "ui/browser/StudyQueryWorker.h"
#include "ui/browser/StudySyncStates.h"
#include "ui/common/DicomFormat.h"

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBrowser, "lightbox.ui.browser", QtInfoMsg)

namespace lightbox {
namespace {

constexpr int kPageSize = 200;

StudySort sortFor(int column)
{
    switch (column) {
    case StudyListModel::PatientName:
        return StudySort::PatientName;
    case StudyListModel::PatientId:
        return StudySort::PatientId;
    case StudyListModel::BirthDate:
        return StudySort::BirthDate;
    case StudyListModel::Sex:
        return StudySort::Sex;
    case StudyListModel::Modalities:
        return StudySort::Modalities;
    case StudyListModel::Description:
        return StudySort::Description;
    case StudyListModel::Accession:
        return StudySort::Accession;
    case StudyListModel::SeriesCount:
        return StudySort::SeriesCount;
    case StudyListModel::InstanceCount:
        return StudySort::InstanceCount;
    case StudyListModel::Received:
        return StudySort::Received;
    default:
        return StudySort::StudyDate;
    }
}

// Same keys as IndexReader's ORDER BY, for placing a live arrival among the loaded rows.
template<typename T> int compareKeys(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareCaseless(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive);
}

} // namespace

StudyListModel::StudyListModel(const QString &indexPath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(new StudyQueryWorker(indexPath))
    , m_sync(new StudySyncStates(
          indexPath, [this](const QString &uid) { return m_rowByUid.contains(uid); }, this))
{
    connect(m_sync, &StudySyncStates::changed, this, &StudyListModel::onSyncStatesChanged);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &StudyListModel::requestQuery, m_worker, &StudyQueryWorker::runQuery);
    connect(this, &StudyListModel::requestPage, m_worker, &StudyQueryWorker::fetchPage);
    connect(this, &StudyListModel::requestRefresh, m_worker, &StudyQueryWorker::refresh);
    connect(m_worker, &StudyQueryWorker::queryDone, this, &StudyListModel::onQueryDone);
    connect(m_worker, &StudyQueryWorker::pageDone, this, &StudyListModel::onPageDone);
    connect(m_worker, &StudyQueryWorker::refreshDone, this, &StudyListModel::onRefreshDone);
    connect(m_worker, &StudyQueryWorker::failed, this, &StudyListModel::queryFailed);
    m_thread.setObjectName(QStringLiteral("browser-queries"));
    m_thread.start();

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(40);
    connect(&m_coalesce, &QTimer::timeout, this, &StudyListModel::flushChanges);
}

StudyListModel::~StudyListModel()
{
    m_thread.quit();
    m_thread.wait();
}

int StudyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StudyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StudyListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const StudyRow &r = m_rows.at(index.row());
    if (role == StudyUidRole)
        return r.studyInstanceUid;
    if (index.column() == Sync)
        return m_sync->data(r.studyInstanceUid, role);
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == SeriesCount || index.column() == InstanceCount)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == PatientName)
        return r.patientName;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return displayText(r, index.column());
}

QVariant StudyListModel::displayText(const StudyRow &r, int column)
{
    switch (column) {
    case PatientName:
        return dicomformat::personName(r.patientName);
    case PatientId:
        return r.patientId;
    case BirthDate:
        return dicomformat::date(r.patientBirthDate);
    case Sex:
        return r.patientSex;
    case StudyDate: {
        const QString time = dicomformat::time(r.studyTime);
        return time.isEmpty() ? dicomformat::date(r.studyDate)
                              : dicomformat::date(r.studyDate) + QLatin1Char(' ') + time;
    }
    case Modalities:
        return dicomformat::multiValue(r.modalities);
    case Description:
        return r.studyDescription;
    case Accession:
        return r.accessionNumber;
    case SeriesCount:
        return r.seriesCount;
    case InstanceCount:
        return r.instanceCount;
    case Received:
        return QLocale().toString(r.receivedAt.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant StudyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

QString StudyListModel::columnTitle(int column)
{
    switch (column) {
    case PatientName:
        return tr("Patient name");
    case PatientId:
        return tr("Patient ID");
    case BirthDate:
        return tr("Birth date");
    case Sex:
        return tr("Sex");
    case StudyDate:
        return tr("Study date");
    case Modalities:
        return tr("Modalities");
    case Description:
        return tr("Description");
    case Accession:
        return tr("Accession");
    case SeriesCount:
        return tr("Series");
    case InstanceCount:
        return tr("Images");
    case Received:
        return tr("Received");
    case Sync:
        return tr("Sync");
    default:
        return {};
    }
}

bool StudyListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void StudyListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_pageInFlight || m_rows.size() >= m_total)
        return;
    m_pageInFlight = true;
    Q_EMIT requestPage(m_generation, m_query, static_cast<int>(m_rows.size()), kPageSize);
}

void StudyListModel::sort(int column, Qt::SortOrder order)
{
    // The index cannot order by sync state (it lives in the outbox); the list keeps its order.
    if (column == Sync)
        return;
    const StudySort sort = sortFor(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_query.sort && descending == m_query.descending && m_generation > 0)
        return;
    m_query.sort = sort;
    m_query.descending = descending;
    // Before the first search (the index may not exist yet) only remember the order.
    if (m_generation > 0)
        reload();
}

void StudyListModel::setQuery(const StudyQuery &filters)
{
    const StudySort sort = m_query.sort;
    const bool descending = m_query.descending;
    m_query = filters;
    m_query.sort = sort;
    m_query.descending = descending;
    reload();
}

void StudyListModel::reload()
{
    ++m_generation;
    m_pageInFlight = false;
    // Changes pending for the old search are covered by the new one.
    m_pendingUids.clear();
    m_coalesce.stop();
    Q_EMIT requestQuery(m_generation, m_query, kPageSize);
}

void StudyListModel::onQueryDone(int generation, int total, const QList<StudyRow> &rows, qint64 elapsedMs)
{
    if (generation != m_generation)
        return;
    beginResetModel();
    m_rows = rows;
    m_total = total;
    rebuildRowIndex();
    endResetModel();
    m_sync->refresh(m_rowByUid.keys());
    qCDebug(lcBrowser) << "query:" << total << "studies, first page in" << elapsedMs << "ms";
    Q_EMIT queryFinished(total, elapsedMs);
}

void StudyListModel::onPageDone(int generation, int offset, const QList<StudyRow> &rows)
{
    if (generation != m_generation)
        return;
    m_pageInFlight = false;
    if (offset != m_rows.size()) {
        // Rows moved under us (live changes beyond the loaded range): ask again from where we are.
        fetchMore({});
        return;
    }
    QList<StudyRow> fresh;
    for (const StudyRow &r : rows)
        if (!m_rowByUid.contains(r.studyInstanceUid))
            fresh.append(r);
    if (rows.size() < kPageSize)
        m_total = static_cast<int>(m_rows.size() + fresh.size());
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    QStringList uids;
    for (const StudyRow &r : fresh) {
        m_rowByUid.insert(r.studyInstanceUid, static_cast<int>(m_rows.size()));
        m_rows.append(r);
        uids << r.studyInstanceUid;
    }
    endInsertRows();
    m_sync->refresh(uids);
}

void StudyListModel::onStudiesChanged(const QStringList &studyUids, qint64 committedAtMs)
{
    if (m_pendingUids.isEmpty())
        m_pendingSinceMs = committedAtMs;
    for (const QString &uid : studyUids)
        m_pendingUids.insert(uid);
    if (!m_coalesce.isActive() && !m_refreshInFlight)
        m_coalesce.start();
}

void StudyListModel::flushChanges()
{
    if (m_pendingUids.isEmpty() || m_refreshInFlight)
        return;
    m_refreshInFlight = true;
    const QStringList uids(m_pendingUids.begin(), m_pendingUids.end());
    m_pendingUids.clear();
    Q_EMIT requestRefresh(m_generation, m_query, uids, m_pendingSinceMs);
}

void StudyListModel::onRefreshDone(int generation, const QStringList &studyUids, const QList<StudyRow> &matching,
                                   qint64 committedAtMs)
{
    m_refreshInFlight = false;
    if (!m_pendingUids.isEmpty())
        m_coalesce.start();
    if (generation != m_generation)
        return;

    QHash<QString, StudyRow> byUid;
    for (const StudyRow &r : matching)
        byUid.insert(r.studyInstanceUid, r);

    // Removed (deleted, or no longer matching): take them out in place.
    QList<int> gone;
    for (const QString &uid : studyUids) {
        const int row = m_rowByUid.value(uid, -1);
        if (row >= 0 && !byUid.contains(uid))
            gone.append(row);
    }
    std::sort(gone.begin(), gone.end(), std::greater<int>());
    for (int row : gone) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        --m_total;
    }
    if (!gone.isEmpty())
        rebuildRowIndex();

    // Arrivals are queued for sync in the same transaction as their rows: their state changed too.
    QStringList held;
    for (const StudyRow &r : matching)
        held << r.studyInstanceUid;
    m_sync->refresh(held);

    QStringList arrivals;
    for (const StudyRow &r : matching) {
        const int row = m_rowByUid.value(r.studyInstanceUid, -1);
        if (row >= 0) {
            const bool grew = r.instanceCount > m_rows.at(row).instanceCount;
            if (before(r, m_rows.at(row)) || before(m_rows.at(row), r)) {
                // Its sort key changed (e.g. sorted by image count): move it to its new place.
                beginRemoveRows({}, row, row);
                m_rows.removeAt(row);
                endRemoveRows();
                const int to = insertPosition(r);
                beginInsertRows({}, to, to);
                m_rows.insert(to, r);
                endInsertRows();
                rebuildRowIndex();
            } else {
                m_rows[row] = r;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            Q_EMIT studyUpdated(r.studyInstanceUid);
            if (grew)
                arrivals << r.studyInstanceUid;
            continue;
        }
        ++m_total;
        const int to = insertPosition(r);
        if (to >= m_rows.size() && m_rows.size() < m_total - 1)
            continue; // Belongs beyond the loaded pages: it comes with a later page.
        beginInsertRows({}, to, to);
        m_rows.insert(to, r);
        endInsertRows();
        rebuildRowIndex();
        arrivals << r.studyInstanceUid;
    }
    if (!arrivals.isEmpty()) {
        const qint64 latency = QDateTime::currentMSecsSinceEpoch() - committedAtMs;
        qCDebug(lcBrowser).nospace() << "arrival shown " << latency << " ms after its index commit (" << arrivals.size()
                                     << " studies)";
        Q_EMIT arrivalsShown(arrivals, latency);
    }
}

void StudyListModel::onSyncStatesChanged(const QStringList &studyUids)
{
    for (const QString &uid : studyUids) {
        const int row = m_rowByUid.value(uid, -1);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, Sync), index(row, Sync));
    }
}

void StudyListModel::rebuildRowIndex()
{
    m_rowByUid.clear();
    m_rowByUid.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowByUid.insert(m_rows.at(i).studyInstanceUid, i);
}

int StudyListModel::insertPosition(const StudyRow &row) const
{
    // The index breaks ties by row id in the sort direction, and an arrival has the highest id: descending, it
    // goes before its equals; ascending, after them.
    const auto less = [this](const StudyRow &a, const StudyRow &b) { return before(a, b); };
    const auto it = m_query.descending ? std::lower_bound(m_rows.begin(), m_rows.end(), row, less)
                                       : std::upper_bound(m_rows.begin(), m_rows.end(), row, less);
    return static_cast<int>(it - m_rows.begin());
}

bool StudyListModel::before(const StudyRow &a, const StudyRow &b) const
{
    int c = 0;
    switch (m_query.sort) {
    case StudySort::StudyDate:
        c = compareKeys(a.studyDate, b.studyDate);
        if (c == 0)
            c = compareKeys(a.studyTime, b.studyTime);
        break;
    case StudySort::PatientName:
        c = compareKeys(searchKey(a.patientName), searchKey(b.patientName));
        break;
    case StudySort::PatientId:
        c = compareCaseless(a.patientId, b.patientId);
        break;
    case StudySort::BirthDate:
        c = compareKeys(a.patientBirthDate, b.patientBirthDate);
        break;
    case StudySort::Sex:
        c = compareKeys(a.patientSex, b.patientSex);
        break;
    case StudySort::Modalities:
        c = compareKeys(a.modalities, b.modalities);
        break;
    case StudySort::Description:
        c = compareCaseless(a.studyDescription, b.studyDescription);
        break;
    case StudySort::Accession:
        c = compareCaseless(a.accessionNumber, b.accessionNumber);
        break;
    case StudySort::SeriesCount:
        c = compareKeys(a.seriesCount, b.seriesCount);
        break;
    case StudySort::InstanceCount:
        c = compareKeys(a.instanceCount, b.instanceCount);
        break;
    case StudySort::Received:
        c = compareKeys(a.receivedAt, b.receivedAt);
        break;
    }
    return m_query.descending ? c > 0 : c < 0;
}

} // namespace lightbox
