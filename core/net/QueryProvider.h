#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace lightbox {

/// The level of a C-FIND, C-MOVE or C-GET (Query/Retrieve Level, 0008,0052).
enum class QueryLevel { Patient, Study, Series, Image };

/// A DICOM attribute tag as (group << 16) | element, e.g. 0x00100010 for Patient Name. Keeps DCMTK's types out of
/// the interface between core/net and the services that implement it.
using AttributeTag = quint32;

/// The attributes a QueryProvider knows, by tag. Values are text as DICOM encodes them (multiple values joined by
/// a backslash, dates YYYYMMDD, names with ^).
namespace tags {
constexpr AttributeTag PatientName = 0x00100010;
constexpr AttributeTag PatientId = 0x00100020;
constexpr AttributeTag PatientBirthDate = 0x00100030;
constexpr AttributeTag PatientSex = 0x00100040;
constexpr AttributeTag NumberOfPatientRelatedStudies = 0x00201200;
constexpr AttributeTag NumberOfPatientRelatedSeries = 0x00201202;
constexpr AttributeTag NumberOfPatientRelatedInstances = 0x00201204;
constexpr AttributeTag StudyInstanceUid = 0x0020000D;
constexpr AttributeTag StudyDate = 0x00080020;
constexpr AttributeTag StudyTime = 0x00080030;
constexpr AttributeTag StudyId = 0x00200010;
constexpr AttributeTag AccessionNumber = 0x00080050;
constexpr AttributeTag StudyDescription = 0x00081030;
constexpr AttributeTag ReferringPhysicianName = 0x00080090;
constexpr AttributeTag ModalitiesInStudy = 0x00080061;
constexpr AttributeTag NumberOfStudyRelatedSeries = 0x00201206;
constexpr AttributeTag NumberOfStudyRelatedInstances = 0x00201208;
constexpr AttributeTag SeriesInstanceUid = 0x0020000E;
constexpr AttributeTag Modality = 0x00080060;
constexpr AttributeTag SeriesNumber = 0x00200011;
constexpr AttributeTag SeriesDescription = 0x0008103E;
constexpr AttributeTag BodyPartExamined = 0x00180015;
constexpr AttributeTag NumberOfSeriesRelatedInstances = 0x00201209;
constexpr AttributeTag SopInstanceUid = 0x00080018;
constexpr AttributeTag SopClassUid = 0x00080016;
constexpr AttributeTag InstanceNumber = 0x00200013;
constexpr AttributeTag Rows = 0x00280010;
constexpr AttributeTag Columns = 0x00280011;
constexpr AttributeTag NumberOfFrames = 0x00280008;
constexpr AttributeTag AvailableTransferSyntaxUid = 0x00083002;
constexpr AttributeTag InstanceAvailability = 0x00080056;
} // namespace tags

/// One C-FIND / C-MOVE / C-GET identifier as the listener parsed it.
struct QueryRequest
{
    QueryLevel level = QueryLevel::Study;
    bool patientRoot = false; ///< Patient Root information model (else Study Root).
    /// Every key of the identifier: matching keys carry a value, return keys are empty. Text is UTF-8 decoded.
    QHash<AttributeTag, QString> keys;

    /// The value of @p tag, empty when absent or universal.
    QString value(AttributeTag tag) const { return keys.value(tag); }
};

/// One matching entity (a patient, study, series or instance) with the attributes the provider knows, its parent
/// levels' included.
using QueryRecord = QHash<AttributeTag, QString>;

/// A stored instance a C-MOVE or C-GET sends.
struct RetrieveItem
{
    QString path; ///< Absolute path of the stored file.
    QString sopClassUid;
    QString sopInstanceUid;
    QString transferSyntaxUid; ///< As stored.
};

/// What the listener asks when it serves C-FIND, C-MOVE and C-GET, so the network layer never knows the index
/// (like InstanceSink for C-STORE). Called concurrently from several listener threads: implementations must be
/// thread-safe (e.g. one read-only index connection per call).
class QueryProvider
{
public:
    virtual ~QueryProvider() = default;

    /// Streams the candidates of @p request: every entity at request.level that matches, possibly more. The
    /// listener applies DICOM matching (PS3.4 C.2.2.2) to each record itself, so a provider may filter coarsely
    /// (for speed) but must never leave out a match.
    /// @param visit called once per record, in the provider's order; returning false stops the query (cancel).
    /// @param error set to a plain-words reason when the query cannot run.
    /// @return false on failure.
    virtual bool query(const QueryRequest &request, const std::function<bool(const QueryRecord &)> &visit,
                       QString *error)
        = 0;

    /// The stored instances a retrieve of @p request sends: those below the entities its unique keys name
    /// (Patient ID; Study, Series and SOP Instance UID lists) at request.level.
    /// @return false with @p error set when the index cannot be read.
    virtual bool filesFor(const QueryRequest &request, QList<RetrieveItem> *files, QString *error) = 0;
};

} // namespace lightbox
