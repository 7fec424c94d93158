#include "core/service/IndexQueryProvider.h"

#include "core/index/IndexReader.h"

namespace lightbox {
namespace {

HierarchyLevel hierarchyLevel(QueryLevel level)
{
    switch (level) {
    case QueryLevel::Patient:
        return HierarchyLevel::Patient;
    case QueryLevel::Study:
        return HierarchyLevel::Study;
    case QueryLevel::Series:
        return HierarchyLevel::Series;
    case QueryLevel::Image:
        return HierarchyLevel::Instance;
    }
    return HierarchyLevel::Study;
}

QStringList uidList(const QString &value)
{
    QStringList uids;
    for (const QString &uid : value.split(QLatin1Char('\\'), Qt::SkipEmptyParts)) {
        if (!uid.trimmed().isEmpty())
            uids << uid.trimmed();
    }
    return uids;
}

// The index narrows by the unique keys only (exact values, UID lists); the listener does the full DICOM matching
// on what comes back. A key with wildcards is left to the listener.
HierarchyFilter filterOf(const QueryRequest &request)
{
    HierarchyFilter filter;
    filter.level = hierarchyLevel(request.level);
    const QString patientId = request.value(tags::PatientId);
    if (!patientId.contains(QLatin1Char('*')) && !patientId.contains(QLatin1Char('?'))
        && !patientId.contains(QLatin1Char('\\')))
        filter.patientId = patientId;
    filter.studyInstanceUids = uidList(request.value(tags::StudyInstanceUid));
    filter.seriesInstanceUids = uidList(request.value(tags::SeriesInstanceUid));
    filter.sopInstanceUids = uidList(request.value(tags::SopInstanceUid));
    return filter;
}

QString count(int n)
{
    return QString::number(n);
}

QString positive(int n)
{
    return n > 0 ? QString::number(n) : QString();
}

QueryRecord recordOf(const HierarchyRow &r, QueryLevel level)
{
    QueryRecord record;
    // Every indexed instance is on local disk.
    record.insert(tags::InstanceAvailability, QStringLiteral("ONLINE"));
    record.insert(tags::PatientId, r.patientId);
    record.insert(tags::PatientName, r.patientName);
    record.insert(tags::PatientBirthDate, r.patientBirthDate);
    record.insert(tags::PatientSex, r.patientSex);
    if (level == QueryLevel::Patient) {
        record.insert(tags::NumberOfPatientRelatedStudies, count(r.patientStudies));
        record.insert(tags::NumberOfPatientRelatedSeries, count(r.studySeries));
        record.insert(tags::NumberOfPatientRelatedInstances, count(r.studyInstances));
        return record;
    }
    record.insert(tags::StudyInstanceUid, r.studyInstanceUid);
    record.insert(tags::StudyDate, r.studyDate);
    record.insert(tags::StudyTime, r.studyTime);
    record.insert(tags::StudyId, r.studyId);
    record.insert(tags::AccessionNumber, r.accessionNumber);
    record.insert(tags::StudyDescription, r.studyDescription);
    record.insert(tags::ReferringPhysicianName, r.referringPhysicianName);
    record.insert(tags::ModalitiesInStudy, r.modalitiesInStudy);
    record.insert(tags::NumberOfStudyRelatedSeries, count(r.studySeries));
    record.insert(tags::NumberOfStudyRelatedInstances, count(r.studyInstances));
    if (level == QueryLevel::Study)
        return record;
    record.insert(tags::SeriesInstanceUid, r.seriesInstanceUid);
    record.insert(tags::Modality, r.modality);
    record.insert(tags::SeriesNumber, r.seriesNumber);
    record.insert(tags::SeriesDescription, r.seriesDescription);
    record.insert(tags::BodyPartExamined, r.bodyPart);
    record.insert(tags::NumberOfSeriesRelatedInstances, count(r.seriesInstances));
    if (level == QueryLevel::Series)
        return record;
    record.insert(tags::SopInstanceUid, r.sopInstanceUid);
    record.insert(tags::SopClassUid, r.sopClassUid);
    record.insert(tags::InstanceNumber, r.instanceNumber);
    record.insert(tags::AvailableTransferSyntaxUid, r.transferSyntaxUid);
    record.insert(tags::NumberOfFrames, positive(r.numberOfFrames));
    record.insert(tags::Rows, positive(r.rows));
    record.insert(tags::Columns, positive(r.columns));
    return record;
}

} // namespace

IndexQueryProvider::IndexQueryProvider(QString indexPath, QString filesDir)
    : m_indexPath(std::move(indexPath))
    , m_filesDir(std::move(filesDir))
{
}

bool IndexQueryProvider::query(const QueryRequest &request, const std::function<bool(const QueryRecord &)> &visit,
                               QString *error)
{
    IndexReader reader(m_indexPath);
    if (!reader.open(error))
        return false;
    return reader.forEachInHierarchy(
        filterOf(request), [&](const HierarchyRow &row) { return visit(recordOf(row, request.level)); }, error);
}

bool IndexQueryProvider::filesFor(const QueryRequest &request, QList<RetrieveItem> *files, QString *error)
{
    IndexReader reader(m_indexPath);
    if (!reader.open(error))
        return false;
    HierarchyFilter filter = filterOf(request);
    filter.level = HierarchyLevel::Instance;
    // Keys below the retrieve level do not narrow it (a STUDY retrieve sends the whole study).
    if (request.level < QueryLevel::Image)
        filter.sopInstanceUids.clear();
    if (request.level < QueryLevel::Series)
        filter.seriesInstanceUids.clear();
    if (request.level < QueryLevel::Study)
        filter.studyInstanceUids.clear();
    return reader.forEachInHierarchy(
        filter,
        [&](const HierarchyRow &row) {
            files->append({m_filesDir + QLatin1Char('/') + row.filePath, row.sopClassUid, row.sopInstanceUid,
                           row.transferSyntaxUid});
            return true;
        },
        error);
}

} // namespace lightbox
