#include "core/net/RetrieveScu.h"

#include "core/common/Logging.h"
#include "core/dicom/TransferSyntaxes.h"
#include "core/net/FindScu.h"
#include "core/net/InstanceSink.h"
#include "core/net/NetErrors.h"
#include "core/net/ScuConnection.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcostrmf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dimse.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <memory>

namespace lightbox {
namespace {

constexpr int kMaxContexts = 128;
std::atomic<quint64> g_nextFile {1};

std::vector<std::string> uncompressedFirst()
{
    std::vector<std::string> syntaxes {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
    for (const std::string &ts : acceptedTransferSyntaxes())
        if (std::find(syntaxes.begin(), syntaxes.end(), ts) == syntaxes.end())
            syntaxes.push_back(ts);
    return syntaxes;
}

// The storage contexts a C-GET proposes, with us as the Storage SCP. A remote accepts one transfer syntax per
// context and sends an instance held in another one converted (or not at all when it cannot convert it, e.g.
// JPEG 2000 in Orthanc). So when the study's SOP classes are known, each gets an explicit VR little endian context
// plus one context per other syntax we store, and every instance can come as it is held. Otherwise the common classes
// (DCMTK's short list, as getscu proposes) and then others until the 128 contexts are used up, uncompressed first
// in each (a remote that picks the first syntax it supports must not compress to a lossy one).
std::vector<ScuContext> getContexts(const QStringList &knownClasses)
{
    const char *model = UID_GETStudyRootQueryRetrieveInformationModel;
    std::vector<ScuContext> contexts {
        {model, {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}, ASC_SC_ROLE_DEFAULT}};
    const std::vector<std::string> syntaxes = uncompressedFirst();
    const std::vector<std::string> others(syntaxes.begin() + 1, syntaxes.end());
    const int perClass = 1 + static_cast<int>(others.size());
    if (!knownClasses.isEmpty() && 1 + perClass * knownClasses.size() <= kMaxContexts) {
        for (const QString &uid : knownClasses) {
            const std::string sopClass = uid.toStdString();
            contexts.push_back({sopClass, {syntaxes[0]}, ASC_SC_ROLE_SCP});
            for (const std::string &ts : others)
                contexts.push_back({sopClass, {ts}, ASC_SC_ROLE_SCP});
        }
        return contexts;
    }
    std::vector<std::string> classes;
    for (const QString &uid : knownClasses)
        classes.push_back(uid.toStdString());
    for (int i = 0; i < numberOfDcmShortSCUStorageSOPClassUIDs; ++i)
        if (std::find(classes.begin(), classes.end(), dcmShortSCUStorageSOPClassUIDs[i]) == classes.end())
            classes.emplace_back(dcmShortSCUStorageSOPClassUIDs[i]);
    for (const std::string &uid : storageSopClasses())
        if (std::find(classes.begin(), classes.end(), uid) == classes.end())
            classes.push_back(uid);
    for (const std::string &uid : classes) {
        if (static_cast<int>(contexts.size()) >= kMaxContexts)
            break;
        contexts.push_back({uid, syntaxes, ASC_SC_ROLE_SCP});
    }
    return contexts;
}

// The counters of a pending or final C-MOVE / C-GET response (the two have the same fields).
struct Counts
{
    quint16 status = 0xFFFF;
    bool hasDataset = false;
    int remaining = -1;
    int completed = 0;
    int failed = 0;
    int warnings = 0;
};

template<typename Rsp>
Counts countsOf(const Rsp &rsp, unsigned remainingFlag, unsigned completedFlag, unsigned failedFlag,
                unsigned warningFlag)
{
    Counts c;
    c.status = rsp.DimseStatus;
    c.hasDataset = rsp.DataSetType != DIMSE_DATASET_NULL;
    c.remaining = (rsp.opts & remainingFlag) ? rsp.NumberOfRemainingSubOperations : -1;
    c.completed = (rsp.opts & completedFlag) ? rsp.NumberOfCompletedSubOperations : 0;
    c.failed = (rsp.opts & failedFlag) ? rsp.NumberOfFailedSubOperations : 0;
    c.warnings = (rsp.opts & warningFlag) ? rsp.NumberOfWarningSubOperations : 0;
    return c;
}

// The fields a C-MOVE and a C-GET request share.
template<typename Rq> void fillRequest(Rq &rq, DIC_US messageId, const char *model)
{
    rq.MessageID = messageId;
    OFStandard::strlcpy(rq.AffectedSOPClassUID, model, sizeof(rq.AffectedSOPClassUID));
    rq.Priority = DIMSE_PRIORITY_MEDIUM;
    rq.DataSetType = DIMSE_DATASET_PRESENT;
}

bool isPending(quint16 status)
{
    return status == 0xFF00 || status == 0xFF01;
}

QString fromC(const char *s)
{
    return QString::fromLatin1(s).trimmed();
}

// One C-STORE sub-operation of a C-GET: received straight into a temporary file in @p incomingDir (not into
// memory), handed to @p sink, answered with the sink's status. A failure to store is answered and noted in
// @p failures; only a network failure, which ends the association, is returned.
OFCondition receiveSubOperation(ScuConnection &connection, T_ASC_PresentationContextID presentation,
                                T_DIMSE_C_StoreRQ &store, InstanceSink &sink, const QString &incomingDir,
                                const AssociationInfo &info, QStringList &failures)
{
    T_ASC_Association *assoc = connection.association();
    const QString tempPath
        = incomingDir + QStringLiteral("/get-%1-%2.part").arg(QCoreApplication::applicationPid()).arg(g_nextFile++);
    DcmOutputFileStream *stream = nullptr;
    StoreStatus status;
    if (DIMSE_createFilestream(OFFilename(QFile::encodeName(tempPath).constData()), &store, assoc, presentation, OFTrue,
                               &stream)
            .bad()) {
        // Cannot write here: read the data and drop it so the association stays usable.
        DIC_UL bytes = 0;
        DIC_UL pdvs = 0;
        const OFCondition cond = DIMSE_ignoreDataSet(assoc, DIMSE_BLOCKING, 0, &bytes, &pdvs);
        if (cond.bad())
            return cond;
        status = {StoreStatus::kOutOfResources, QStringLiteral("Cannot write the received instance")};
    } else {
        const OFCondition cond
            = DIMSE_receiveDataSetInFile(assoc, DIMSE_BLOCKING, 0, &presentation, stream, nullptr, nullptr);
        delete stream;
        if (cond.bad()) {
            QFile::remove(tempPath);
            return cond;
        }
        ReceivedFile file;
        file.path = tempPath;
        file.sopClassUid = fromC(store.AffectedSOPClassUID);
        file.sopInstanceUid = fromC(store.AffectedSOPInstanceUID);
        file.transferSyntaxUid = QString::fromStdString(connection.acceptedTransferSyntax(presentation));
        file.size = QFileInfo(tempPath).size();
        try {
            status = sink.accept(file, info);
        } catch (const std::exception &e) {
            QFile::remove(tempPath);
            status = {StoreStatus::kProcessingFailure,
                      QStringLiteral("Internal error: %1").arg(QString::fromUtf8(e.what()))};
        }
    }
    if (!status.isSuccess())
        failures.append(
            QStringLiteral("%1: not stored here: %2").arg(fromC(store.AffectedSOPInstanceUID), status.comment));
    T_DIMSE_C_StoreRSP response {};
    response.MessageIDBeingRespondedTo = store.MessageID;
    response.DimseStatus = status.code;
    response.DataSetType = DIMSE_DATASET_NULL;
    OFStandard::strlcpy(response.AffectedSOPClassUID, store.AffectedSOPClassUID, sizeof(response.AffectedSOPClassUID));
    OFStandard::strlcpy(response.AffectedSOPInstanceUID, store.AffectedSOPInstanceUID,
                        sizeof(response.AffectedSOPInstanceUID));
    response.opts = O_STORE_AFFECTEDSOPCLASSUID | O_STORE_AFFECTEDSOPINSTANCEUID;
    std::unique_ptr<DcmDataset> detail;
    if (!status.isSuccess()) {
        detail = std::make_unique<DcmDataset>();
        detail->putAndInsertString(DCM_ErrorComment, status.comment.left(64).toLatin1().constData());
    }
    return DIMSE_sendStoreResponse(assoc, presentation, &store, &response, detail.get());
}

} // namespace

RetrieveOutcome RetrieveScu::move(const DicomNode &remote, const QString &callingAe, const QString &moveDestination,
                                  const RetrieveTarget &target)
{
    return retrieve(true, remote, callingAe, moveDestination, target, nullptr, {});
}

RetrieveOutcome RetrieveScu::get(const DicomNode &remote, const QString &callingAe, const RetrieveTarget &target,
                                 InstanceSink &sink, const QString &incomingDir)
{
    return retrieve(false, remote, callingAe, {}, target, &sink, incomingDir);
}

RetrieveOutcome RetrieveScu::retrieve(bool isMove, const DicomNode &remote, const QString &callingAe,
                                      const QString &moveDestination, const RetrieveTarget &target, InstanceSink *sink,
                                      const QString &incomingDir)
{
    RetrieveOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    const auto finish = [&]() -> RetrieveOutcome & {
        outcome.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        return outcome;
    };
    if (target.studyInstanceUid.trimmed().isEmpty()) {
        outcome.error = QStringLiteral("nothing to retrieve: no Study Instance UID given");
        return finish();
    }
    const char *model
        = isMove ? UID_MOVEStudyRootQueryRetrieveInformationModel : UID_GETStudyRootQueryRetrieveInformationModel;
    std::vector<ScuContext> contexts;
    if (isMove)
        contexts.push_back({model,
                            {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax},
                            ASC_SC_ROLE_DEFAULT});
    else {
        // Which kinds of objects will come decides the contexts; a remote that does not answer the query still
        // gets the general proposal.
        const FindResult<QString> classes
            = FindScu::findSopClasses(remote, callingAe, target.studyInstanceUid.trimmed(), m_timeout);
        if (!classes.ok)
            qCDebug(lcNet) << "C-GET: SOP classes of the study unknown, proposing the common ones:" << classes.error;
        contexts = getContexts(classes.ok ? classes.records : QStringList());
    }

    ScuConnection connection;
    if (!connection.open(remote, callingAe, contexts, m_timeout)) {
        outcome.error = connection.error();
        outcome.detail = connection.detail();
        return finish();
    }
    const T_ASC_PresentationContextID requestContext = connection.acceptedContext(model);
    if (requestContext == 0) {
        outcome.error = isMove
            ? QStringLiteral("no presentation context accepted: the remote does not offer Study Root "
                             "retrieval by C-MOVE")
            : QStringLiteral("no presentation context accepted: the remote does not offer Study Root "
                             "retrieval by C-GET (try C-MOVE)");
        connection.abort();
        return finish();
    }
    T_ASC_Association *assoc = connection.association();

    // One request for the study, or one per series (not every remote matches a list of UIDs in a retrieve).
    QStringList series = target.seriesInstanceUids;
    if (series.isEmpty())
        series.append(QString());
    int doneBefore = 0;
    bool cancelSent = false;
    const int idleLimitSeconds = m_timeout * 10;
    AssociationInfo info;
    info.callingAe = remote.aeTitle;
    info.calledAe = callingAe;
    info.peerHost = remote.host;
    info.startedAt = QDateTime::currentDateTime();

    for (const QString &seriesUid : std::as_const(series)) {
        if (cancelSent)
            break;
        DcmDataset identifiers;
        identifiers.putAndInsertString(DCM_QueryRetrieveLevel, seriesUid.isEmpty() ? "STUDY" : "SERIES");
        identifiers.putAndInsertString(DCM_StudyInstanceUID, target.studyInstanceUid.trimmed().toLatin1().constData());
        if (!seriesUid.isEmpty())
            identifiers.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.trimmed().toLatin1().constData());

        T_DIMSE_Message request {};
        const DIC_US messageId = connection.nextMessageId();
        if (isMove) {
            request.CommandField = DIMSE_C_MOVE_RQ;
            fillRequest(request.msg.CMoveRQ, messageId, model);
            OFStandard::strlcpy(request.msg.CMoveRQ.MoveDestination, moveDestination.toLatin1().constData(),
                                sizeof(request.msg.CMoveRQ.MoveDestination));
        } else {
            request.CommandField = DIMSE_C_GET_RQ;
            fillRequest(request.msg.CGetRQ, messageId, model);
        }
        OFCondition cond = DIMSE_sendMessageUsingMemoryData(assoc, requestContext, &request, nullptr, &identifiers,
                                                            nullptr, nullptr);
        if (cond.bad()) {
            outcome.error = QStringLiteral("retrieve failed: %1")
                                .arg(connection.describeNetworkFailure(cond, QStringLiteral("retrieve")));
            outcome.detail = QString::fromLatin1(cond.text());
            connection.abort();
            return finish();
        }

        Counts last;
        int idleSeconds = 0;
        bool final = false;
        while (!final) {
            if (!cancelSent && m_stop && m_stop()) {
                DIMSE_sendCancelRequest(assoc, requestContext, messageId);
                cancelSent = true;
                outcome.cancelled = true;
                qCInfo(lcNet).noquote() << "Retrieve from" << remote.toString() << "cancelled: C-CANCEL sent";
            }
            T_ASC_PresentationContextID presentation = 0;
            T_DIMSE_Message message {};
            DcmDataset *statusDetail = nullptr;
            cond = DIMSE_receiveCommand(assoc, DIMSE_NONBLOCKING, 1, &presentation, &message, &statusDetail);
            if (cond == DIMSE_NODATAAVAILABLE) {
                if (++idleSeconds > idleLimitSeconds) {
                    outcome.error = QStringLiteral("timeout: %1 sent nothing for %2 s during the retrieve")
                                        .arg(remote.toString())
                                        .arg(idleLimitSeconds);
                    connection.abort();
                    return finish();
                }
                continue;
            }
            idleSeconds = 0;
            if (statusDetail) {
                OFString comment;
                if (statusDetail->findAndGetOFString(DCM_ErrorComment, comment).good() && !comment.empty())
                    outcome.detail = QString::fromLatin1(comment.c_str());
                delete statusDetail;
            }
            if (cond.bad()) {
                outcome.error = QStringLiteral("retrieve failed: %1")
                                    .arg(connection.describeNetworkFailure(cond, QStringLiteral("retrieve")));
                outcome.detail = QString::fromLatin1(cond.text());
                connection.abort();
                return finish();
            }

            if (message.CommandField == DIMSE_C_STORE_RQ && !isMove) {
                cond = receiveSubOperation(connection, presentation, message.msg.CStoreRQ, *sink, incomingDir, info,
                                           outcome.failures);
                if (cond.bad()) {
                    outcome.error = QStringLiteral("retrieve failed: %1")
                                        .arg(connection.describeNetworkFailure(cond, QStringLiteral("retrieve")));
                    outcome.detail = QString::fromLatin1(cond.text());
                    connection.abort();
                    return finish();
                }
                continue;
            }

            Counts counts;
            if (isMove && message.CommandField == DIMSE_C_MOVE_RSP)
                counts = countsOf(message.msg.CMoveRSP, O_MOVE_NUMBEROFREMAININGSUBOPERATIONS,
                                  O_MOVE_NUMBEROFCOMPLETEDSUBOPERATIONS, O_MOVE_NUMBEROFFAILEDSUBOPERATIONS,
                                  O_MOVE_NUMBEROFWARNINGSUBOPERATIONS);
            else if (!isMove && message.CommandField == DIMSE_C_GET_RSP)
                counts = countsOf(message.msg.CGetRSP, O_GET_NUMBEROFREMAININGSUBOPERATIONS,
                                  O_GET_NUMBEROFCOMPLETEDSUBOPERATIONS, O_GET_NUMBEROFFAILEDSUBOPERATIONS,
                                  O_GET_NUMBEROFWARNINGSUBOPERATIONS);
            else {
                outcome.error = QStringLiteral("retrieve failed: the remote sent an unexpected message (command 0x%1)")
                                    .arg(static_cast<unsigned>(message.CommandField), 4, 16, QLatin1Char('0'));
                connection.abort();
                return finish();
            }
            if (counts.hasDataset) {
                // The identifier of a final response lists the instances that failed.
                DcmDataset *failedList = nullptr;
                cond = DIMSE_receiveDataSetInMemory(assoc, DIMSE_BLOCKING, 0, &presentation, &failedList, nullptr,
                                                    nullptr);
                if (failedList) {
                    OFString uids;
                    if (failedList->findAndGetOFStringArray(DCM_FailedSOPInstanceUIDList, uids).good())
                        for (const QString &uid :
                             QString::fromLatin1(uids.c_str()).split(QLatin1Char('\\'), Qt::SkipEmptyParts))
                            outcome.failures.append(QStringLiteral("%1: the remote could not send it").arg(uid));
                    delete failedList;
                }
                if (cond.bad()) {
                    outcome.error = QStringLiteral("retrieve failed: %1")
                                        .arg(connection.describeNetworkFailure(cond, QStringLiteral("retrieve")));
                    connection.abort();
                    return finish();
                }
            }
            last = counts;
            const int done = counts.completed + counts.failed + counts.warnings;
            if (m_progress)
                m_progress(doneBefore + done, counts.remaining < 0 ? 0 : doneBefore + done + counts.remaining);
            final = !isPending(counts.status);
        }
        outcome.completed += last.completed;
        outcome.failed += last.failed;
        outcome.warnings += last.warnings;
        outcome.status = last.status;
        doneBefore += last.completed + last.failed + last.warnings;
        const bool requestOk = last.status == 0x0000 || (last.status & 0xF000) == 0xB000;
        if (!requestOk && !(cancelSent && last.status == 0xFE00)) {
            outcome.error = describeRetrieveStatus(last.status, isMove ? moveDestination : QString());
            if (last.failed > 0)
                outcome.error += QStringLiteral(" (%1 instances failed)").arg(last.failed);
            break;
        }
    }
    connection.release();
    outcome.ok = outcome.error.isEmpty() && !outcome.cancelled && outcome.failed == 0;
    if (outcome.ok && outcome.completed + outcome.warnings == 0 && isMove)
        outcome.detail = QStringLiteral("the remote matched no instances");
    qCInfo(lcNet).noquote() << QStringLiteral("%1 from %2: %3 completed, %4 warnings, %5 failed, %6 ms%7")
                                   .arg(isMove ? QStringLiteral("C-MOVE") : QStringLiteral("C-GET"), remote.toString())
                                   .arg(outcome.completed)
                                   .arg(outcome.warnings)
                                   .arg(outcome.failed)
                                   .arg(qRound(finish().elapsedMs))
                                   .arg(outcome.error.isEmpty() ? QString() : QStringLiteral(": ") + outcome.error);
    return finish();
}

} // namespace lightbox
