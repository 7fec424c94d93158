#include "core/net/FindScu.h"

#include "core/common/Logging.h"
#include "core/dicom/CharsetDecoder.h"
#include "core/net/NetErrors.h"
#include "core/net/ScuConnection.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dimse.h>

#include <QElapsedTimer>

#include <functional>

namespace lightbox {
namespace {

const ScuContext kFindContext {UID_FINDStudyRootQueryRetrieveInformationModel,
                               {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax},
                               ASC_SC_ROLE_DEFAULT};

QByteArray rawValue(DcmDataset *dataset, const DcmTagKey &tag)
{
    OFString value;
    if (dataset->findAndGetOFStringArray(tag, value).bad())
        return {};
    return QByteArray(value.c_str(), static_cast<qsizetype>(value.size()));
}

// Text of the default repertoire (UIDs, dates, codes).
QString plain(DcmDataset *dataset, const DcmTagKey &tag)
{
    return QString::fromLatin1(rawValue(dataset, tag)).trimmed();
}

int number(DcmDataset *dataset, const DcmTagKey &tag)
{
    bool ok = false;
    const int n = plain(dataset, tag).toInt(&ok);
    return ok ? n : -1;
}

// Our query text is sent as UTF-8 (ISO_IR 192) when it is not plain ASCII.
bool isAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() > 0x7E)
            return false;
    return true;
}

void put(DcmDataset &keys, const DcmTagKey &tag, const QString &value = {})
{
    keys.putAndInsertString(tag, value.toUtf8().constData());
}

struct Collected
{
    std::function<void(DcmDataset *)> onRecord;
};

void collect(void *callbackData, T_DIMSE_C_FindRQ *, int, T_DIMSE_C_FindRSP *, DcmDataset *identifiers)
{
    if (identifiers)
        static_cast<Collected *>(callbackData)->onRecord(identifiers);
}

// Runs one C-FIND on a new association. @return false with result.error set.
template<typename Record>
bool runFind(const DicomNode &remote, const QString &callingAe, DcmDataset &keys, int timeoutSeconds,
             FindResult<Record> &result, const std::function<Record(DcmDataset *, const CharsetDecoder &)> &toRecord)
{
    ScuConnection connection;
    if (!connection.open(remote, callingAe, {kFindContext}, timeoutSeconds)) {
        result.error = connection.error();
        result.detail = connection.detail();
        return false;
    }
    const T_ASC_PresentationContextID id = connection.acceptedContext(UID_FINDStudyRootQueryRetrieveInformationModel);
    if (id == 0) {
        result.error = QStringLiteral("no presentation context accepted: the remote does not offer Study Root "
                                      "queries (C-FIND)");
        connection.abort();
        return false;
    }

    T_DIMSE_C_FindRQ request {};
    request.MessageID = connection.nextMessageId();
    OFStandard::strlcpy(request.AffectedSOPClassUID, UID_FINDStudyRootQueryRetrieveInformationModel,
                        sizeof(request.AffectedSOPClassUID));
    request.DataSetType = DIMSE_DATASET_PRESENT;
    request.Priority = DIMSE_PRIORITY_MEDIUM;
    Collected collected;
    collected.onRecord = [&](DcmDataset *identifiers) {
        const CharsetDecoder decoder(rawValue(identifiers, DCM_SpecificCharacterSet));
        result.records.append(toRecord(identifiers, decoder));
    };
    int responses = 0;
    T_DIMSE_C_FindRSP response {};
    DcmDataset *statusDetail = nullptr;
    const OFCondition cond = DIMSE_findUser(connection.association(), id, &request, &keys, responses, collect,
                                            &collected, DIMSE_NONBLOCKING, timeoutSeconds, &response, &statusDetail);
    if (statusDetail) {
        OFString comment;
        if (statusDetail->findAndGetOFString(DCM_ErrorComment, comment).good())
            result.detail = QString::fromLatin1(comment.c_str());
        delete statusDetail;
    }
    if (cond.bad()) {
        result.error
            = QStringLiteral("query failed: %1").arg(connection.describeNetworkFailure(cond, QStringLiteral("query")));
        result.detail = QString::fromLatin1(cond.text());
        connection.abort();
        return false;
    }
    connection.release();
    if (response.DimseStatus != STATUS_Success) {
        result.error
            = QStringLiteral("the remote refused the query: %1").arg(describeDimseStatus(response.DimseStatus));
        return false;
    }
    return true;
}

template<typename Record> FindResult<Record> timed(const std::function<void(FindResult<Record> &)> &body)
{
    FindResult<Record> result;
    QElapsedTimer clock;
    clock.start();
    body(result);
    result.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return result;
}

} // namespace

FindResult<RemoteStudy> FindScu::findStudies(const DicomNode &remote, const QString &callingAe,
                                             const RemoteStudyQuery &query, int timeoutSeconds)
{
    return timed<RemoteStudy>([&](FindResult<RemoteStudy> &result) {
        DcmDataset keys;
        const bool ascii = isAscii(query.patientName) && isAscii(query.patientId) && isAscii(query.accessionNumber);
        if (!ascii)
            put(keys, DCM_SpecificCharacterSet, QStringLiteral("ISO_IR 192"));
        put(keys, DCM_QueryRetrieveLevel, QStringLiteral("STUDY"));
        put(keys, DCM_StudyInstanceUID, query.studyInstanceUid);
        put(keys, DCM_PatientName, query.patientName);
        put(keys, DCM_PatientID, query.patientId);
        put(keys, DCM_AccessionNumber, query.accessionNumber);
        put(keys, DCM_ModalitiesInStudy, query.modality);
        QString dates;
        if (!query.dateFrom.isEmpty() && query.dateFrom == query.dateTo)
            dates = query.dateFrom;
        else if (!query.dateFrom.isEmpty() || !query.dateTo.isEmpty())
            dates = query.dateFrom + QLatin1Char('-') + query.dateTo;
        put(keys, DCM_StudyDate, dates);
        for (const DcmTagKey &tag :
             {DCM_PatientBirthDate, DCM_PatientSex, DCM_StudyTime, DCM_StudyDescription, DCM_ReferringPhysicianName,
              DCM_StudyID, DCM_NumberOfStudyRelatedSeries, DCM_NumberOfStudyRelatedInstances})
            put(keys, tag);
        result.ok = runFind<RemoteStudy>(
            remote, callingAe, keys, timeoutSeconds, result, [](DcmDataset *d, const CharsetDecoder &decoder) {
                RemoteStudy s;
                s.studyInstanceUid = plain(d, DCM_StudyInstanceUID);
                s.patientName = decoder.decode(rawValue(d, DCM_PatientName), CharsetDecoder::Vr::PersonName).trimmed();
                s.patientId = decoder.decode(rawValue(d, DCM_PatientID), CharsetDecoder::Vr::Text).trimmed();
                s.patientBirthDate = plain(d, DCM_PatientBirthDate);
                s.patientSex = plain(d, DCM_PatientSex);
                s.studyDate = plain(d, DCM_StudyDate);
                s.studyTime = plain(d, DCM_StudyTime);
                s.accessionNumber
                    = decoder.decode(rawValue(d, DCM_AccessionNumber), CharsetDecoder::Vr::Text).trimmed();
                s.studyDescription
                    = decoder.decode(rawValue(d, DCM_StudyDescription), CharsetDecoder::Vr::Text).trimmed();
                s.referringPhysician
                    = decoder.decode(rawValue(d, DCM_ReferringPhysicianName), CharsetDecoder::Vr::PersonName).trimmed();
                for (const QString &m : plain(d, DCM_ModalitiesInStudy).split(QLatin1Char('\\'), Qt::SkipEmptyParts))
                    s.modalities.append(m.trimmed());
                s.numberOfSeries = number(d, DCM_NumberOfStudyRelatedSeries);
                s.numberOfInstances = number(d, DCM_NumberOfStudyRelatedInstances);
                return s;
            });
        if (result.ok)
            qCDebug(lcNet) << "C-FIND studies at" << remote.toString() << "returned" << result.records.size();
    });
}

FindResult<RemoteSeries> FindScu::findSeries(const DicomNode &remote, const QString &callingAe,
                                             const QString &studyInstanceUid, int timeoutSeconds)
{
    return timed<RemoteSeries>([&](FindResult<RemoteSeries> &result) {
        if (studyInstanceUid.trimmed().isEmpty()) {
            result.error = QStringLiteral("a series query needs the Study Instance UID");
            return;
        }
        DcmDataset keys;
        put(keys, DCM_QueryRetrieveLevel, QStringLiteral("SERIES"));
        put(keys, DCM_StudyInstanceUID, studyInstanceUid.trimmed());
        for (const DcmTagKey &tag : {DCM_SeriesInstanceUID, DCM_Modality, DCM_SeriesNumber, DCM_SeriesDescription,
                                     DCM_BodyPartExamined, DCM_NumberOfSeriesRelatedInstances})
            put(keys, tag);
        result.ok = runFind<RemoteSeries>(
            remote, callingAe, keys, timeoutSeconds, result, [](DcmDataset *d, const CharsetDecoder &decoder) {
                RemoteSeries s;
                s.seriesInstanceUid = plain(d, DCM_SeriesInstanceUID);
                s.modality = plain(d, DCM_Modality);
                s.seriesNumber = plain(d, DCM_SeriesNumber);
                s.seriesDescription
                    = decoder.decode(rawValue(d, DCM_SeriesDescription), CharsetDecoder::Vr::Text).trimmed();
                s.bodyPart = plain(d, DCM_BodyPartExamined);
                s.numberOfInstances = number(d, DCM_NumberOfSeriesRelatedInstances);
                return s;
            });
    });
}

namespace {

// One value per image of a study (image-level C-FIND), e.g. its SOP class or SOP instance UID; distinct, non-empty.
FindResult<QString> findImageValues(const DicomNode &remote, const QString &callingAe, const QString &studyInstanceUid,
                                    int timeoutSeconds, const DcmTagKey &wanted)
{
    return timed<QString>([&](FindResult<QString> &result) {
        DcmDataset keys;
        put(keys, DCM_QueryRetrieveLevel, QStringLiteral("IMAGE"));
        put(keys, DCM_StudyInstanceUID, studyInstanceUid.trimmed());
        put(keys, DCM_SeriesInstanceUID);
        put(keys, DCM_SOPInstanceUID);
        if (wanted != DCM_SOPInstanceUID)
            put(keys, wanted);
        result.ok = runFind<QString>(remote, callingAe, keys, timeoutSeconds, result,
                                     [&wanted](DcmDataset *d, const CharsetDecoder &) { return plain(d, wanted); });
        result.records.removeAll(QString());
        result.records.removeDuplicates();
    });
}

} // namespace

FindResult<QString> FindScu::findSopClasses(const DicomNode &remote, const QString &callingAe,
                                            const QString &studyInstanceUid, int timeoutSeconds)
{
    return findImageValues(remote, callingAe, studyInstanceUid, timeoutSeconds, DCM_SOPClassUID);
}

FindResult<QString> FindScu::findSopInstances(const DicomNode &remote, const QString &callingAe,
                                              const QString &studyInstanceUid, int timeoutSeconds)
{
    return findImageValues(remote, callingAe, studyInstanceUid, timeoutSeconds, DCM_SOPInstanceUID);
}

} // namespace lightbox
