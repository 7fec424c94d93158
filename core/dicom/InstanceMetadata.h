#pragma once

#include <QString>

namespace lightbox {

/// What the index keeps of one DICOM instance: the patient, study, series and instance attributes the
/// browser and C-FIND need. Text is UTF-8 (converted from the dataset's Specific Character Set);
/// person names keep DICOM's "Family^Given" form; dates are "YYYYMMDD", times "HHMMSS.ffffff".
struct InstanceMetadata
{
    // Patient
    QString patientId;
    QString patientName;
    QString patientBirthDate;
    QString patientSex;
    // Study
    QString studyInstanceUid;
    QString studyDate;
    QString studyTime;
    QString studyId;
    QString accessionNumber;
    QString studyDescription;
    QString referringPhysicianName;
    // Series
    QString seriesInstanceUid;
    QString modality;
    QString seriesNumber;
    QString seriesDescription;
    QString bodyPartExamined;
    // Instance
    QString sopClassUid;
    QString sopInstanceUid;
    QString instanceNumber;
    QString transferSyntaxUid;
    int numberOfFrames = 0;
    int rows = 0;
    int columns = 0;
    QString specificCharacterSet; ///< As found in the file (e.g. "ISO_IR 192"); empty for the default.
    bool charsetConverted = true; ///< False when the conversion to UTF-8 failed and text is best effort.
};

} // namespace lightbox
