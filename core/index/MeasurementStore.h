#pragma once

#include "core/index/IndexWriter.h"
#include "core/index/Measurement.h"

#include <QList>
#include <QStringList>

#include <future>

namespace lightbox {

class SqliteDb;

/// Keeps measurements in the index's `measurements` table, next to the instances they were drawn on. Writes go
/// through the one IndexWriter; reads run on any reader connection (IndexReader::measurementsFor()).
///
/// Ids are given out by save() on the caller's thread, before the write is queued, so a caller (the GUI) never
/// waits for the writer to learn its measurement's id: it can move or delete a measurement right after drawing
/// it, and the writer applies the jobs in order. A measurement is only stored while its instance is indexed;
/// deleting the instance (removeInstanceRows) deletes its measurements.
class MeasurementStore
{
public:
    /// Inserts @p measurement, or updates the stored one with the same id (its frame, kind, points and label).
    /// A new measurement (id 0) gets its id at once: @p measurement.id is set before this returns, and
    /// createdAt is set to now when it is invalid.
    /// @return a future resolving once the write is committed: Inserted when stored, Failed (with a reason in
    /// plain words) e.g. when the instance is no longer in the index.
    static std::future<IndexWriter::Result> save(IndexWriter &writer, Measurement &measurement);

    /// Deletes the measurement @p id.
    /// @return a future resolving once committed: Inserted when a row went, Duplicate when there was none.
    static std::future<IndexWriter::Result> remove(IndexWriter &writer, qint64 id);

    /// The measurements drawn on @p sopInstanceUids, ordered by instance, frame and id. Runs on @p db's
    /// connection (a reader's or, inside a job, the writer's). Empty for an index older than schema 3.
    static QList<Measurement> measurementsOf(SqliteDb &db, const QStringList &sopInstanceUids);

    /// Every measurement in @p db, e.g. to carry them into a rebuilt index. Empty for an index older than schema 3.
    static QList<Measurement> all(SqliteDb &db);

    /// Writes @p measurements with their ids into @p db; run it inside an IndexWriter job. Those whose instance
    /// is not indexed are skipped; @p written (optional) receives how many were written.
    /// @return Inserted, or Failed with SQLite's reason.
    static IndexWriter::Result restore(SqliteDb &db, const QList<Measurement> &measurements, int *written = nullptr);

    /// A new measurement id: unique in this process and increasing (microseconds since the epoch, bumped when
    /// two are asked for in the same microsecond), so ids stay unique across runs too. Thread-safe.
    static qint64 newId();
};

} // namespace lightbox
