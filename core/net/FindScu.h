#pragma once

#include "core/common/DicomNode.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace lightbox {

/// What to ask a remote PACS for at study level (Study Root C-FIND). Empty fields are not matched. Name, ID and
/// accession may use the DICOM wildcards * and ?; dates are YYYYMMDD and make a range when both are set.
struct RemoteStudyQuery
{
    QString patientName;
    QString patientId;
    QString accessionNumber;
    QString modality; ///< Matched against Modalities in Study.
    QString dateFrom;
    QString dateTo;
    QString studyInstanceUid;
};

/// One study a remote node returned.
struct RemoteStudy
{
    QString studyInstanceUid;
    QString patientName; ///< As sent (DICOM PN, "DOE^JOHN"), decoded from its character set.
    QString patientId;
    QString patientBirthDate;
    QString patientSex;
    QString studyDate;
    QString studyTime;
    QString accessionNumber;
    QString studyDescription;
    QString referringPhysician;
    QStringList modalities;
    int numberOfSeries = -1; ///< -1: the remote did not say.
    int numberOfInstances = -1;
};

/// One series of a remote study.
struct RemoteSeries
{
    QString seriesInstanceUid;
    QString modality;
    QString seriesNumber;
    QString seriesDescription;
    QString bodyPart;
    int numberOfInstances = -1;
};

/// The answer to a query: the records, or the reason in plain words.
template<typename Record> struct FindResult
{
    bool ok = false;
    QList<Record> records;
    QString error; ///< e.g. "association rejected: the remote does not recognise the calling AE title \"WS7\"".
    QString detail; ///< DCMTK condition / DIMSE status, for the log.
    double elapsedMs = 0;
};

/// Query SCU (C-FIND, Study Root). Blocking: call it off the GUI thread.
class FindScu
{
public:
    static FindResult<RemoteStudy> findStudies(const DicomNode &remote, const QString &callingAe,
                                               const RemoteStudyQuery &query, int timeoutSeconds = 30);
    static FindResult<RemoteSeries> findSeries(const DicomNode &remote, const QString &callingAe,
                                               const QString &studyInstanceUid, int timeoutSeconds = 30);
    /// The distinct SOP Class UIDs of a study's instances (image-level C-FIND), e.g. to propose exactly the
    /// storage contexts a C-GET needs.
    static FindResult<QString> findSopClasses(const DicomNode &remote, const QString &callingAe,
                                              const QString &studyInstanceUid, int timeoutSeconds = 30);
    /// The SOP Instance UIDs a remote holds for a study (image-level C-FIND), e.g. to verify a sync.
    static FindResult<QString> findSopInstances(const DicomNode &remote, const QString &callingAe,
                                                const QString &studyInstanceUid, int timeoutSeconds = 30);
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::RemoteStudy)
Q_DECLARE_METATYPE(lightbox::RemoteSeries)
