#include "core/index/IndexWriter.h"

#include "core/common/Logging.h"
#include "core/index/IndexSchema.h"
#include "core/index/SearchText.h"
#include "core/index/SqliteDb.h"

#include <QDateTime>

#include <sqlite3.h>

namespace lightbox {
namespace {

constexpr size_t kMaxBatch = 2000;

qint64 toMs(const QDateTime &t)
{
    return (t.isValid() ? t : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

QString patientKey(const InstanceMetadata &m)
{
    if (!m.patientId.isEmpty())
        return QStringLiteral("id:") + m.patientId;
    return QStringLiteral("name:") + m.patientName + QLatin1Char('|') + m.patientBirthDate;
}

} // namespace

// The insert path's statements, prepared once per writer connection.
struct IndexWriter::InsertStatements
{
    explicit InsertStatements(SqliteDb &db)
        : patient(
            db,
            QStringLiteral(
                "INSERT INTO patients(patient_key, patient_id, name, name_search, birth_date, sex) VALUES(?,?,?,?,?,?) "
                "ON CONFLICT(patient_key) DO UPDATE SET patient_key = excluded.patient_key RETURNING id"))
        , study(db,
                QStringLiteral("INSERT INTO studies(patient_ref, study_uid, study_date, study_time, study_id, "
                               "accession, description, "
                               "referring_physician, received_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?) "
                               "ON CONFLICT(study_uid) DO UPDATE SET updated_at = excluded.updated_at RETURNING id"))
        , series(db,
                 QStringLiteral("INSERT INTO series(study_ref, series_uid, modality, series_number, description, "
                                "body_part, received_at) "
                                "VALUES(?,?,?,?,?,?,?) ON CONFLICT(series_uid) DO NOTHING"))
        , findSeries(db, QStringLiteral("SELECT id FROM series WHERE series_uid = ?"))
        , instance(
              db,
              QStringLiteral("INSERT INTO instances(series_ref, sop_instance_uid, sop_class_uid, instance_number, "
                             "transfer_syntax, "
                             "number_of_frames, rows, columns, charset, file_path, file_size, received_at, calling_ae) "
                             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING"))
        , countSeries(
              db,
              QStringLiteral(
                  "UPDATE series SET instance_count = instance_count + 1, size_bytes = size_bytes + ? WHERE id = ?"))
        , countStudy(
              db,
              QStringLiteral("UPDATE studies SET instance_count = instance_count + 1, size_bytes = size_bytes + ?, "
                             "series_count = series_count + ?, updated_at = ? WHERE id = ?"))
        , modalities(
              db,
              QStringLiteral(
                  "UPDATE studies SET modalities = (SELECT group_concat(modality, '\\') FROM (SELECT DISTINCT modality "
                  "FROM series WHERE study_ref = ?1 AND modality <> '' ORDER BY modality)) WHERE id = ?1"))
        , enqueue(db,
                  QStringLiteral("INSERT INTO sync_outbox(destination, sop_instance_uid, study_uid, state, "
                                 "next_attempt_at, queued_at) VALUES(?,?,?,0,0,?) ON CONFLICT DO NOTHING"))
    {
    }

    SqliteStatement patient, study, series, findSeries, instance, countSeries, countStudy, modalities, enqueue;
};

namespace {

// Inserts one instance and keeps the per-study and per-series counters. Runs inside a savepoint.
IndexWriter::Result insertInstance(SqliteDb &db, IndexWriter::InsertStatements &st, const InstanceRecord &r,
                                   const QList<Destination> &syncTargets, int &syncQueued, QStringList &changed)
{
    const InstanceMetadata &m = r.meta;
    const qint64 now = toMs(r.receivedAt);
    auto failed = [&db](SqliteStatement &statement, const QString &what) {
        statement.reset();
        return IndexWriter::Result {IndexWriter::Outcome::Failed,
                                    QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db.handle())))};
    };

    st.patient.bind(1, patientKey(m))
        .bind(2, m.patientId)
        .bind(3, m.patientName)
        .bind(4, searchKey(m.patientName))
        .bind(5, m.patientBirthDate)
        .bind(6, m.patientSex);
    if (!st.patient.next())
        return failed(st.patient, QStringLiteral("cannot index the patient"));
    const qint64 patientId = st.patient.integer(0);
    st.patient.reset();

    st.study.bind(1, patientId)
        .bind(2, m.studyInstanceUid)
        .bind(3, m.studyDate)
        .bind(4, m.studyTime)
        .bind(5, m.studyId)
        .bind(6, m.accessionNumber)
        .bind(7, m.studyDescription)
        .bind(8, m.referringPhysicianName)
        .bind(9, now)
        .bind(10, now);
    if (!st.study.next())
        return failed(st.study, QStringLiteral("cannot index the study"));
    const qint64 studyId = st.study.integer(0);
    st.study.reset();

    st.series.bind(1, studyId)
        .bind(2, m.seriesInstanceUid)
        .bind(3, m.modality)
        .bind(4, m.seriesNumber)
        .bind(5, m.seriesDescription)
        .bind(6, m.bodyPartExamined)
        .bind(7, now);
    if (!st.series.run())
        return failed(st.series, QStringLiteral("cannot index the series"));
    const bool newSeries = sqlite3_changes(db.handle()) > 0;
    qint64 seriesId = 0;
    if (newSeries) {
        seriesId = sqlite3_last_insert_rowid(db.handle());
    } else {
        st.findSeries.bind(1, m.seriesInstanceUid);
        if (!st.findSeries.next())
            return failed(st.findSeries, QStringLiteral("cannot find the series"));
        seriesId = st.findSeries.integer(0);
        st.findSeries.reset();
    }

    st.instance.bind(1, seriesId)
        .bind(2, m.sopInstanceUid)
        .bind(3, m.sopClassUid)
        .bind(4, m.instanceNumber)
        .bind(5, m.transferSyntaxUid)
        .bind(6, qint64(m.numberOfFrames))
        .bind(7, qint64(m.rows))
        .bind(8, qint64(m.columns))
        .bind(9, m.specificCharacterSet)
        .bind(10, r.filePath)
        .bind(11, r.fileSize)
        .bind(12, now)
        .bind(13, r.callingAe);
    if (!st.instance.run())
        return failed(st.instance, QStringLiteral("cannot index the instance"));
    if (sqlite3_changes(db.handle()) == 0)
        return {IndexWriter::Outcome::Duplicate, {}};

    st.countSeries.bind(1, r.fileSize).bind(2, seriesId);
    if (!st.countSeries.run())
        return failed(st.countSeries, QStringLiteral("cannot update the counts"));
    st.countStudy.bind(1, r.fileSize).bind(2, qint64(newSeries ? 1 : 0)).bind(3, now).bind(4, studyId);
    if (!st.countStudy.run())
        return failed(st.countStudy, QStringLiteral("cannot update the counts"));
    if (newSeries && !m.modality.isEmpty()) {
        st.modalities.bind(1, studyId);
        if (!st.modalities.run())
            return failed(st.modalities, QStringLiteral("cannot update the study's modalities"));
    }
    // Queued with its row: nothing can arrive without being synced, even if Lightbox stops right after.
    for (const Destination &target : syncTargets) {
        if (!target.syncs(m.modality, r.callingAe))
            continue;
        st.enqueue.bind(1, target.name).bind(2, m.sopInstanceUid).bind(3, m.studyInstanceUid).bind(4, now);
        if (!st.enqueue.run())
            return failed(st.enqueue, QStringLiteral("cannot queue the instance for sync"));
        ++syncQueued;
    }
    changed.append(m.studyInstanceUid);
    return {IndexWriter::Outcome::Inserted, {}};
}

} // namespace

IndexWriter::IndexWriter(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
}

IndexWriter::~IndexWriter()
{
    close();
}

bool IndexWriter::open(QString *error)
{
    if (m_running)
        return true;
    // Open and migrate on the caller's thread so failures are reported synchronously, then hand over.
    auto db = std::make_unique<SqliteDb>();
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        qCCritical(lcIndex).noquote() << why;
        return false;
    };
    if (!db->open(m_path, SqliteDb::Mode::ReadWrite))
        return fail(QStringLiteral("cannot open the index %1: %2").arg(m_path, db->lastError()));
    if (!db->exec(QStringLiteral("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                 "PRAGMA cache_size = -16000; PRAGMA wal_autocheckpoint = 4000;")))
        return fail(QStringLiteral("cannot configure the index %1: %2").arg(m_path, db->lastError()));
    QString why;
    if (!IndexSchema::migrate(*db, &why))
        return fail(why);
    db->close();

    m_stop = false;
    m_running = true;
    m_thread = std::thread([this] { run(); });
    return true;
}

void IndexWriter::close()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_running = false;
}

std::future<IndexWriter::Result> IndexWriter::submit(InstanceRecord record)
{
    return execute([this, record = std::move(record)](SqliteDb &db, QStringList &changed) {
        if (!m_insert)
            m_insert = std::make_unique<InsertStatements>(db);
        return insertInstance(db, *m_insert, record, m_batchTargets, m_batchSyncQueued, changed);
    });
}

void IndexWriter::setSyncTargets(const QList<Destination> &targets)
{
    QList<Destination> selected;
    for (const Destination &d : targets) {
        if (d.roles.testFlag(Destination::Sync))
            selected.append(d);
    }
    std::lock_guard lock(m_targetsMutex);
    m_syncTargets = selected;
}

std::future<IndexWriter::Result> IndexWriter::execute(Job job)
{
    Task task {std::move(job), {}};
    auto future = task.promise.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (!m_running || m_stop) {
            task.promise.set_value({Outcome::Failed, QStringLiteral("the index is closed")});
            return future;
        }
        m_queue.push_back(std::move(task));
    }
    m_wake.notify_one();
    return future;
}

void IndexWriter::run()
{
    SqliteDb db;
    if (!db.open(m_path, SqliteDb::Mode::ReadWrite)
        || !db.exec(QStringLiteral("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                   "PRAGMA cache_size = -16000;"))) {
        qCCritical(lcIndex).noquote() << "The index writer cannot open" << m_path << ":" << db.lastError();
    }
    for (;;) {
        std::deque<Task> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty() && m_stop)
                break;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        processBatch(db, batch);
    }
    m_insert.reset();
    db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

void IndexWriter::processBatch(SqliteDb &db, std::deque<Task> &batch)
{
    std::vector<Result> results(batch.size());
    QStringList changed;
    if (!db.isOpen() || !db.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        const QString why = QStringLiteral("the index cannot be written: %1").arg(db.lastError());
        for (Task &t : batch)
            t.promise.set_value({Outcome::Failed, why});
        return;
    }
    {
        std::lock_guard lock(m_targetsMutex);
        m_batchTargets = m_syncTargets;
    }
    m_batchSyncQueued = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
        const int queuedBefore = m_batchSyncQueued;
        db.exec(QStringLiteral("SAVEPOINT job"));
        QStringList jobChanged;
        try {
            results[i] = batch[i].job(db, jobChanged);
        } catch (const std::exception &e) {
            results[i] = {Outcome::Failed, QString::fromUtf8(e.what())};
        }
        if (results[i].outcome != Outcome::Failed) {
            db.exec(QStringLiteral("RELEASE job"));
            changed += jobChanged;
        } else {
            db.exec(QStringLiteral("ROLLBACK TO job; RELEASE job"));
            m_batchSyncQueued = queuedBefore;
        }
    }
    // Start-up reconciliation looks at files newer than this; a second's resolution is plenty.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (nowMs - m_lastMarkMs >= 1000) {
        m_lastMarkMs = nowMs;
        SqliteStatement mark(db,
                             QStringLiteral("INSERT INTO meta(key, value) VALUES('last_commit', ?) "
                                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        mark.bind(1, QString::number(nowMs));
        mark.run();
    }
    if (!db.exec(QStringLiteral("COMMIT"))) {
        const QString why = QStringLiteral("the index commit failed: %1").arg(db.lastError());
        qCWarning(lcIndex).noquote() << why;
        db.exec(QStringLiteral("ROLLBACK"));
        for (Task &t : batch)
            t.promise.set_value({Outcome::Failed, why});
        return;
    }
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i].promise.set_value(results[i]);
    if (m_batchSyncQueued > 0)
        Q_EMIT syncQueued();
    if (!changed.isEmpty()) {
        changed.removeDuplicates();
        Q_EMIT studiesChanged(changed, QDateTime::currentMSecsSinceEpoch());
    }
}

} // namespace lightbox
