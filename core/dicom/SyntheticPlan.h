#pragma once

// Internal to core/dicom: the plan of a synthetic study, shared by SyntheticStudy and SyntheticDataset.

#include "core/dicom/SyntheticStudy.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace lightbox {

/// What each series of a synthetic study shows.
enum class SyntheticRole { CtScout, CtAxialSoft, CtAxialLung, MrT1, MrT2, MrFlair, CrPa, XaRun };

/// One planned series: its role, attributes and instance UIDs.
struct SyntheticSeriesPlan
{
    SyntheticRole role = SyntheticRole::CtScout;
    int number = 0;
    QString description;
    QString sopClassUid;
    QString seriesUid;
    QString frameOfReferenceUid;
    QStringList instanceUids;
    int frames = 1; ///< Frames per instance (XA cine).
    int view = 0; ///< XA projection (0 or 1).
    QDateTime startedAt;
};

/// The patient of a synthetic study.
struct SyntheticPatient
{
    QString name;
    QString id;
    QString birthDate;
    QString sex;
    QString weightKg;
    QString sizeM;
};

/// Everything fixed when a SyntheticStudy is constructed.
struct SyntheticPlan
{
    SyntheticKind kind = SyntheticKind::CtChest;
    QString modality;
    int matrix = 256;
    SyntheticPatient patient;
    QString studyUid;
    QString studyId;
    QString accession;
    QString description;
    QString referringPhysician;
    QString institution;
    QString stationName;
    QString modelName;
    QString bodyPart;
    QDateTime when;
    uint32_t seed = 1;
    std::vector<SyntheticSeriesPlan> series;
};

} // namespace lightbox
