#include "core/index/MeasurementStore.h"

#include "core/index/SqliteDb.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

#include <atomic>

namespace lightbox {
namespace {

// SQLite's default limit on bound parameters is far above this; chunks keep each statement small.
constexpr int kUidsPerQuery = 500;

const char *const kSelect = "SELECT id, sop_instance_uid, frame, kind, points, label, created_at FROM measurements";

QString pointsToJson(const QList<QPointF> &points)
{
    QJsonArray array;
    for (const QPointF &p : points)
        array.append(QJsonArray {p.x(), p.y()});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<QPointF> pointsFromJson(const QString &json)
{
    QList<QPointF> points;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &value : array) {
        const QJsonArray xy = value.toArray();
        if (xy.size() == 2)
            points.append(QPointF(xy.at(0).toDouble(), xy.at(1).toDouble()));
    }
    return points;
}

// Reads the rows of a statement selecting kSelect's columns; rows of an unknown kind are skipped.
void readRows(SqliteStatement &q, QList<Measurement> &out)
{
    while (q.next()) {
        const auto kind = Measurement::kindFromName(q.text(3));
        if (!kind)
            continue;
        Measurement m;
        m.id = q.integer(0);
        m.sopInstanceUid = q.text(1);
        m.frame = static_cast<int>(q.integer(2));
        m.kind = *kind;
        m.points = pointsFromJson(q.text(4));
        m.label = q.text(5);
        m.createdAt = QDateTime::fromMSecsSinceEpoch(q.integer(6), Qt::UTC);
        out.append(m);
    }
}

bool hasTable(SqliteDb &db)
{
    return db.scalar(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'measurements'"))
        .isValid();
}

IndexWriter::Result sqliteFailure(SqliteDb &db, const QString &what)
{
    return {IndexWriter::Outcome::Failed,
            QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db.handle())))};
}

// Inserts (new: plain insert, an id clash is an error) or upserts one measurement, only while its instance is
// indexed. @return the number of rows written (0 or 1), -1 on error.
int write(SqliteDb &db, const Measurement &m, bool isNew)
{
    QString sql = QStringLiteral(
        "INSERT INTO measurements(id, sop_instance_uid, frame, kind, points, label, created_at) "
        "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM instances WHERE sop_instance_uid = ?2)");
    if (!isNew)
        sql += QStringLiteral(" ON CONFLICT(id) DO UPDATE SET frame = excluded.frame, kind = excluded.kind, "
                              "points = excluded.points, label = excluded.label");
    SqliteStatement st(db, sql);
    const QDateTime created = m.createdAt.isValid() ? m.createdAt : QDateTime::currentDateTimeUtc();
    st.bind(1, m.id)
        .bind(2, m.sopInstanceUid)
        .bind(3, qint64(m.frame))
        .bind(4, Measurement::kindName(m.kind))
        .bind(5, pointsToJson(m.points))
        .bind(6, m.label)
        .bind(7, created.toMSecsSinceEpoch());
    if (!st.run())
        return -1;
    return sqlite3_changes(db.handle());
}

} // namespace

qint64 MeasurementStore::newId()
{
    static std::atomic<qint64> last {0};
    // Microseconds since the epoch stay below 2^53, so ids survive a trip through JSON or JavaScript.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    qint64 previous = last.load();
    qint64 next = 0;
    do {
        next = std::max(now, previous + 1);
    } while (!last.compare_exchange_weak(previous, next));
    return next;
}

std::future<IndexWriter::Result> MeasurementStore::save(IndexWriter &writer, Measurement &measurement)
{
    const bool isNew = measurement.id == 0;
    if (isNew)
        measurement.id = newId();
    if (!measurement.createdAt.isValid())
        measurement.createdAt = QDateTime::currentDateTimeUtc();
    return writer.execute([m = measurement, isNew](SqliteDb &db, QStringList &) {
        const int written = write(db, m, isNew);
        if (written < 0)
            return sqliteFailure(db, QStringLiteral("cannot save the measurement"));
        if (written == 0)
            return IndexWriter::Result {IndexWriter::Outcome::Failed,
                                        QStringLiteral("the image of the measurement is no longer in the index")};
        return IndexWriter::Result {IndexWriter::Outcome::Inserted, {}};
    });
}

std::future<IndexWriter::Result> MeasurementStore::remove(IndexWriter &writer, qint64 id)
{
    return writer.execute([id](SqliteDb &db, QStringList &) {
        SqliteStatement st(db, QStringLiteral("DELETE FROM measurements WHERE id = ?"));
        if (!st.bind(1, id).run())
            return sqliteFailure(db, QStringLiteral("cannot delete the measurement"));
        return IndexWriter::Result {
            sqlite3_changes(db.handle()) > 0 ? IndexWriter::Outcome::Inserted : IndexWriter::Outcome::Duplicate, {}};
    });
}

QList<Measurement> MeasurementStore::measurementsOf(SqliteDb &db, const QStringList &sopInstanceUids)
{
    QList<Measurement> out;
    if (sopInstanceUids.isEmpty() || !hasTable(db))
        return out;
    for (qsizetype start = 0; start < sopInstanceUids.size(); start += kUidsPerQuery) {
        const QStringList chunk = sopInstanceUids.mid(start, kUidsPerQuery);
        QStringList marks;
        for (qsizetype i = 0; i < chunk.size(); ++i)
            marks << QStringLiteral("?");
        SqliteStatement q(db,
                          QString::fromLatin1(kSelect) + QStringLiteral(" WHERE sop_instance_uid IN (")
                              + marks.join(QLatin1Char(','))
                              + QStringLiteral(") ORDER BY sop_instance_uid, frame, id"));
        for (qsizetype i = 0; i < chunk.size(); ++i)
            q.bind(static_cast<int>(i + 1), chunk.at(i));
        readRows(q, out);
    }
    return out;
}

QList<Measurement> MeasurementStore::all(SqliteDb &db)
{
    QList<Measurement> out;
    if (!hasTable(db))
        return out;
    SqliteStatement q(db, QString::fromLatin1(kSelect) + QStringLiteral(" ORDER BY id"));
    readRows(q, out);
    return out;
}

IndexWriter::Result MeasurementStore::restore(SqliteDb &db, const QList<Measurement> &measurements, int *written)
{
    int count = 0;
    for (const Measurement &m : measurements) {
        const int n = write(db, m, false);
        if (n < 0)
            return sqliteFailure(db, QStringLiteral("cannot restore the measurements"));
        count += n;
    }
    if (written)
        *written = count;
    return {IndexWriter::Outcome::Inserted, {}};
}

} // namespace lightbox
