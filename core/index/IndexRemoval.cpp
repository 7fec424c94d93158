#include "core/index/IndexRemoval.h"

#include "core/index/SqliteDb.h"

#include <sqlite3.h>

namespace lightbox {

IndexWriter::Result removeInstanceRows(SqliteDb &db, const QStringList &sopInstanceUids, QStringList &changedStudies)
{
    auto failed = [&db](const QString &what) {
        return IndexWriter::Result {IndexWriter::Outcome::Failed,
                                    QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db.handle())))};
    };
    SqliteStatement find(
        db,
        QStringLiteral("SELECT i.id, i.file_size, se.id, st.id, st.study_uid, st.patient_ref FROM instances i "
                       "JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE "
                       "i.sop_instance_uid = ?"));
    SqliteStatement dropInstance(db, QStringLiteral("DELETE FROM instances WHERE id = ?"));
    SqliteStatement dropMeasurements(db, QStringLiteral("DELETE FROM measurements WHERE sop_instance_uid = ?"));
    // Nothing left to sync; a study that changed is verified again when it is complete.
    SqliteStatement dropOutbox(db, QStringLiteral("DELETE FROM sync_outbox WHERE sop_instance_uid = ?"));
    SqliteStatement dropVerified(db, QStringLiteral("DELETE FROM sync_verified WHERE study_uid = ?"));
    SqliteStatement countSeries(
        db,
        QStringLiteral(
            "UPDATE series SET instance_count = instance_count - 1, size_bytes = size_bytes - ? WHERE id = ?"));
    SqliteStatement countStudy(
        db,
        QStringLiteral(
            "UPDATE studies SET instance_count = instance_count - 1, size_bytes = size_bytes - ? WHERE id = ?"));
    SqliteStatement dropEmptySeries(db, QStringLiteral("DELETE FROM series WHERE id = ? AND instance_count <= 0"));
    SqliteStatement recountStudy(
        db,
        QStringLiteral(
            "UPDATE studies SET series_count = (SELECT count(*) FROM series WHERE study_ref = ?1), modalities = "
            "coalesce((SELECT group_concat(modality, '\\') FROM (SELECT DISTINCT modality FROM series WHERE study_ref "
            "= "
            "?1 AND modality <> '' ORDER BY modality)), '') WHERE id = ?1"));
    SqliteStatement dropEmptyStudy(db, QStringLiteral("DELETE FROM studies WHERE id = ? AND instance_count <= 0"));
    SqliteStatement dropEmptyPatient(
        db,
        QStringLiteral(
            "DELETE FROM patients WHERE id = ? AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = ?1)"));

    bool removed = false;
    for (const QString &uid : sopInstanceUids) {
        find.bind(1, uid);
        if (!find.next()) {
            find.reset();
            continue;
        }
        const qint64 instanceId = find.integer(0);
        const qint64 size = find.integer(1);
        const qint64 seriesId = find.integer(2);
        const qint64 studyId = find.integer(3);
        const QString studyUid = find.text(4);
        const qint64 patientId = find.integer(5);
        find.reset();
        if (!dropInstance.bind(1, instanceId).run() || !dropMeasurements.bind(1, uid).run()
            || !dropOutbox.bind(1, uid).run() || !dropVerified.bind(1, studyUid).run())
            return failed(QStringLiteral("cannot remove the instance"));
        if (!countSeries.bind(1, size).bind(2, seriesId).run() || !countStudy.bind(1, size).bind(2, studyId).run())
            return failed(QStringLiteral("cannot update the counts"));
        if (!dropEmptySeries.bind(1, seriesId).run() || !recountStudy.bind(1, studyId).run()
            || !dropEmptyStudy.bind(1, studyId).run() || !dropEmptyPatient.bind(1, patientId).run())
            return failed(QStringLiteral("cannot remove empty series, studies or patients"));
        changedStudies.append(studyUid);
        removed = true;
    }
    return {removed ? IndexWriter::Outcome::Inserted : IndexWriter::Outcome::Duplicate, {}};
}

} // namespace lightbox
