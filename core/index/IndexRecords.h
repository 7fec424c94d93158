#pragma once

#include "core/dicom/InstanceMetadata.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lightbox {

/// One instance to index: its metadata and where and how it arrived.
struct InstanceRecord
{
    InstanceMetadata meta;
    QString filePath; ///< Relative to the storage files folder.
    qint64 fileSize = 0;
    QDateTime receivedAt;
    QString callingAe; ///< Who sent it ("" for imports and reindexing).
};

/// Totals over the whole index.
struct IndexStats
{
    qint64 patients = 0;
    qint64 studies = 0;
    qint64 series = 0;
    qint64 instances = 0;
    qint64 bytes = 0;
};

/// One study as the browser and the command line list it.
struct StudyRow
{
    QString studyInstanceUid;
    QString patientId;
    QString patientName;
    QString patientBirthDate;
    QString patientSex;
    QString studyDate;
    QString studyTime;
    QString studyId;
    QString accessionNumber;
    QString studyDescription;
    QString referringPhysicianName;
    QString modalities; ///< Distinct modalities of its series, "CT\\SR".
    int seriesCount = 0;
    int instanceCount = 0;
    qint64 sizeBytes = 0;
    QDateTime receivedAt; ///< When its first instance arrived.
    QDateTime updatedAt; ///< When its last instance arrived.
};

/// One series of a study, as the browser's series panel lists it.
struct SeriesRow
{
    QString seriesInstanceUid;
    QString studyInstanceUid;
    QString modality;
    QString seriesNumber;
    QString description;
    QString bodyPart;
    int instanceCount = 0;
    qint64 sizeBytes = 0;
    QDateTime receivedAt;
};

/// One stored file of an instance.
struct InstanceFile
{
    QString sopInstanceUid;
    QString seriesInstanceUid;
    QString instanceNumber;
    QString filePath; ///< Relative to the storage files folder.
    qint64 fileSize = 0;
};

/// The levels of the patient / study / series / instance hierarchy (what a DICOM query walks).
enum class HierarchyLevel { Patient, Study, Series, Instance };

/// Which rows a hierarchical walk visits: those below the given unique keys (empty: any).
struct HierarchyFilter
{
    HierarchyLevel level = HierarchyLevel::Study;
    QString patientId; ///< Exact.
    QStringList studyInstanceUids;
    QStringList seriesInstanceUids;
    QStringList sopInstanceUids;
};

/// One row of a hierarchical walk: the entity at the walked level with its parents' columns (columns below the
/// level stay empty). Patient rows carry the patient's totals in the count fields.
struct HierarchyRow
{
    QString patientId;
    QString patientName;
    QString patientBirthDate;
    QString patientSex;
    int patientStudies = 0;
    QString studyInstanceUid;
    QString studyDate;
    QString studyTime;
    QString studyId;
    QString accessionNumber;
    QString studyDescription;
    QString referringPhysicianName;
    QString modalitiesInStudy; ///< "CT\SR".
    int studySeries = 0; ///< Series of the study (of the patient, for patient rows).
    int studyInstances = 0; ///< Instances of the study (of the patient, for patient rows).
    QString seriesInstanceUid;
    QString modality;
    QString seriesNumber;
    QString seriesDescription;
    QString bodyPart;
    int seriesInstances = 0;
    QString sopInstanceUid;
    QString sopClassUid;
    QString instanceNumber;
    QString transferSyntaxUid;
    int numberOfFrames = 0;
    int rows = 0;
    int columns = 0;
    QString filePath; ///< Relative to the storage files folder.
};

/// Columns a study list can be ordered by.
enum class StudySort {
    StudyDate, ///< Study date and time (the default, newest first).
    PatientName,
    PatientId,
    BirthDate,
    Sex,
    Modalities,
    Description,
    Accession,
    SeriesCount,
    InstanceCount,
    Received,
};

/// A study search. Empty fields match everything. Text fields accept DICOM wildcards (* and ?) and match
/// case- and accent-insensitively; without a wildcard, patient name matches words as prefixes
/// ("doe jo" finds "DOE^JOHN"), IDs and accession match exactly.
struct StudyQuery
{
    QString patientName;
    QString patientId;
    QString accessionNumber;
    QString anyText; ///< Matches name, patient ID or accession (the browser's one search box).
    QString modality; ///< One modality, e.g. "CT"; matches studies with a series of it.
    QString dateFrom; ///< YYYYMMDD, inclusive.
    QString dateTo; ///< YYYYMMDD, inclusive.
    QString studyInstanceUid;
    QStringList studyInstanceUids; ///< When not empty, only these studies.
    StudySort sort = StudySort::StudyDate;
    bool descending = true;
    int limit = 0; ///< 0: no limit.
    int offset = 0;
};

} // namespace lightbox

// For queued signals between the index reader threads and the GUI.
Q_DECLARE_METATYPE(lightbox::StudyRow)
Q_DECLARE_METATYPE(lightbox::StudyQuery)
Q_DECLARE_METATYPE(lightbox::SeriesRow)
Q_DECLARE_METATYPE(lightbox::InstanceFile)
Q_DECLARE_METATYPE(lightbox::IndexStats)
