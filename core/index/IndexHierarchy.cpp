// IndexReader::forEachInHierarchy: the patient / study / series / instance walk behind DICOM queries.
#include "core/index/IndexReader.h"
#include "core/index/SqliteDb.h"

namespace lightbox {
namespace {

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

bool IndexReader::forEachInHierarchy(const HierarchyFilter &filter,
                                     const std::function<bool(const HierarchyRow &)> &visit, QString *error)
{
    const int level = static_cast<int>(filter.level);
    const int study = static_cast<int>(HierarchyLevel::Study);
    const int series = static_cast<int>(HierarchyLevel::Series);
    const int instance = static_cast<int>(HierarchyLevel::Instance);

    QString sql = QStringLiteral("SELECT p.patient_id, p.name, p.birth_date, p.sex");
    if (level == 0) {
        // Patient totals from the per-study counters the writer keeps (no scan of instance rows).
        sql += QStringLiteral(", (SELECT count(*) FROM studies x WHERE x.patient_ref = p.id), "
                              "(SELECT coalesce(sum(x.series_count), 0) FROM studies x WHERE x.patient_ref = p.id), "
                              "(SELECT coalesce(sum(x.instance_count), 0) FROM studies x WHERE x.patient_ref = p.id)");
    } else {
        sql += QStringLiteral(", s.study_uid, s.study_date, s.study_time, s.study_id, s.accession, s.description, "
                              "s.referring_physician, s.modalities, s.series_count, s.instance_count");
    }
    if (level >= series)
        sql += QStringLiteral(", se.series_uid, se.modality, se.series_number, se.description, se.body_part, "
                              "se.instance_count");
    if (level >= instance)
        sql += QStringLiteral(", i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.transfer_syntax, "
                              "i.number_of_frames, i.rows, i.columns, i.file_path");

    if (level == 0)
        sql += QStringLiteral(" FROM patients p");
    else if (level == study)
        sql += QStringLiteral(" FROM studies s JOIN patients p ON p.id = s.patient_ref");
    else if (level == series)
        sql += QStringLiteral(" FROM series se JOIN studies s ON s.id = se.study_ref JOIN patients p ON p.id = "
                              "s.patient_ref");
    else
        sql += QStringLiteral(" FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies s ON s.id = "
                              "se.study_ref JOIN patients p ON p.id = s.patient_ref");

    QStringList where;
    QStringList binds;
    if (level == 0)
        where << QStringLiteral("EXISTS (SELECT 1 FROM studies x WHERE x.patient_ref = p.id)");
    if (!filter.patientId.isEmpty()) {
        where << QStringLiteral("p.patient_id = ?");
        binds << filter.patientId;
    }
    if (level >= study && !filter.studyInstanceUids.isEmpty()) {
        where << QStringLiteral("s.study_uid IN (%1)").arg(placeholders(filter.studyInstanceUids.size()));
        binds << filter.studyInstanceUids;
    }
    if (level >= series && !filter.seriesInstanceUids.isEmpty()) {
        where << QStringLiteral("se.series_uid IN (%1)").arg(placeholders(filter.seriesInstanceUids.size()));
        binds << filter.seriesInstanceUids;
    }
    if (level >= instance && !filter.sopInstanceUids.isEmpty()) {
        where << QStringLiteral("i.sop_instance_uid IN (%1)").arg(placeholders(filter.sopInstanceUids.size()));
        binds << filter.sopInstanceUids;
    }
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    if (level >= instance)
        sql += QStringLiteral(" ORDER BY s.id, CAST(se.series_number AS INTEGER), se.id, "
                              "CAST(i.instance_number AS INTEGER), i.id");

    SqliteStatement q(*m_db, sql);
    if (!q.isValid()) {
        if (error)
            *error = QStringLiteral("cannot query the index: %1").arg(q.error());
        return false;
    }
    for (int i = 0; i < binds.size(); ++i)
        q.bind(i + 1, binds.at(i));
    while (q.next()) {
        HierarchyRow r;
        r.patientId = q.text(0);
        r.patientName = q.text(1);
        r.patientBirthDate = q.text(2);
        r.patientSex = q.text(3);
        int c = 4;
        if (level == 0) {
            r.patientStudies = static_cast<int>(q.integer(c++));
            r.studySeries = static_cast<int>(q.integer(c++));
            r.studyInstances = static_cast<int>(q.integer(c++));
        } else {
            r.studyInstanceUid = q.text(c++);
            r.studyDate = q.text(c++);
            r.studyTime = q.text(c++);
            r.studyId = q.text(c++);
            r.accessionNumber = q.text(c++);
            r.studyDescription = q.text(c++);
            r.referringPhysicianName = q.text(c++);
            r.modalitiesInStudy = q.text(c++);
            r.studySeries = static_cast<int>(q.integer(c++));
            r.studyInstances = static_cast<int>(q.integer(c++));
        }
        if (level >= series) {
            r.seriesInstanceUid = q.text(c++);
            r.modality = q.text(c++);
            r.seriesNumber = q.text(c++);
            r.seriesDescription = q.text(c++);
            r.bodyPart = q.text(c++);
            r.seriesInstances = static_cast<int>(q.integer(c++));
        }
        if (level >= instance) {
            r.sopInstanceUid = q.text(c++);
            r.sopClassUid = q.text(c++);
            r.instanceNumber = q.text(c++);
            r.transferSyntaxUid = q.text(c++);
            r.numberOfFrames = static_cast<int>(q.integer(c++));
            r.rows = static_cast<int>(q.integer(c++));
            r.columns = static_cast<int>(q.integer(c++));
            r.filePath = q.text(c++);
        }
        if (!visit(r))
            break;
    }
    if (!q.error().isEmpty()) {
        if (error)
            *error = QStringLiteral("reading the index failed: %1").arg(q.error());
        return false;
    }
    return true;
}

} // namespace lightbox
