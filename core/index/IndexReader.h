#pragma once

#include "core/index/IndexRecords.h"
#include "core/index/Measurement.h"
#include "core/index/SyncOutbox.h"

#include <QList>
#include <functional>
#include <memory>
#include <optional>

namespace lightbox {

class SqliteDb;

/// A read-only view of the index on its own connection (WAL readers never block the writer).
/// Not thread-safe: give each thread its own IndexReader.
class IndexReader
{
public:
    explicit IndexReader(const QString &databasePath);
    ~IndexReader();

    /// @return false with @p error set when the index does not exist or cannot be read.
    bool open(QString *error = nullptr);

    IndexStats stats();
    /// Studies matching @p query in its sort order (study date, newest first, by default).
    QList<StudyRow> findStudies(const StudyQuery &query);
    /// How many studies match @p query (its limit and offset are ignored).
    int countStudies(const StudyQuery &query);
    /// The series of a study, by series number.
    QList<SeriesRow> seriesOf(const QString &studyInstanceUid);
    /// Walks the rows of @p filter's level that lie below its unique keys, streaming: @p visit is called once per
    /// row while the statement runs (nothing is collected) and stops the walk by returning false. Instances come
    /// by series and instance number. @return false with @p error set when the index cannot be read.
    bool forEachInHierarchy(const HierarchyFilter &filter, const std::function<bool(const HierarchyRow &)> &visit,
                            QString *error = nullptr);
    /// The stored files of a study, ordered by series and instance number.
    QList<InstanceFile> filesOfStudy(const QString &studyInstanceUid);
    /// The stored files of a series, ordered by instance number.
    QList<InstanceFile> filesOfSeries(const QString &seriesInstanceUid);
    /// Relative file path of an indexed instance, if indexed.
    std::optional<QString> filePathOf(const QString &sopInstanceUid);
    /// True when some instance row points at @p relativePath.
    bool hasFile(const QString &relativePath);
    /// Instances received at or after @p sinceMs: pairs of SOP Instance UID and relative file path.
    QList<QPair<QString, QString>> instancesReceivedSince(qint64 sinceMs);
    /// The measurements drawn on @p sopInstanceUids, ordered by instance, frame and id (see MeasurementStore).
    QList<Measurement> measurementsFor(const QStringList &sopInstanceUids);
    /// The sync state of each of @p studyInstanceUids that has outbox rows (see core/index/SyncOutbox.h); studies
    /// without rows are absent. SyncState::Sending is never stored: the sync service knows it.
    QHash<QString, StudySync> syncStates(const QStringList &studyInstanceUids);
    /// Milliseconds since the epoch of the last committed batch, 0 if none.
    qint64 lastCommitMs();
    /// Runs PRAGMA integrity_check. @return "ok" or SQLite's report.
    QString integrityCheck();

private:
    QString m_path;
    std::unique_ptr<SqliteDb> m_db;
};

} // namespace lightbox
