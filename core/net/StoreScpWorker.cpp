#include "core/net/StoreScpWorker.h"

#include "core/common/Logging.h"
#include "core/dicom/TransferSyntaxes.h"
#include "core/net/InstanceSink.h"
#include "core/net/ListenerPool.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QFile>
#include <QFileInfo>
#include <atomic>
#include <sys/statvfs.h>

namespace lightbox {
namespace {

// Process-wide, not per listener: while a restarted listener drains, two listeners run side by side; their
// associations must not share a number in the log, nor their files a temporary name in the incoming folder.
std::atomic<quint64> g_nextAssociationId {1};
std::atomic<quint64> g_nextFileId {1};

QString fromOF(const OFString &s)
{
    return QString::fromLatin1(s.c_str()).trimmed();
}

QString fromC(const char *s)
{
    return QString::fromLatin1(s).trimmed();
}

// A C-GET requester proposes storage contexts with itself as SCP (role selection): accept the role it proposes,
// so C-GET sub-operations may go out on them. Accepted again in order of least to most preferred syntax, the last
// accepted wins (as dcmqrscp does).
OFCondition acceptStorageRoles(T_ASC_Parameters *params, const std::vector<const char *> &syntaxes)
{
    const int count = ASC_countPresentationContexts(params);
    for (int i = 0; i < count; ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(params, i, &pc).bad())
            continue;
        if (pc.proposedRole != ASC_SC_ROLE_SCP && pc.proposedRole != ASC_SC_ROLE_SCUSCP)
            continue;
        if (!dcmIsaStorageSOPClassUID(pc.abstractSyntax, ESSC_All))
            continue;
        for (auto ts = syntaxes.rbegin(); ts != syntaxes.rend(); ++ts) {
            for (int j = 0; j < pc.transferSyntaxCount; ++j) {
                if (strcmp(pc.proposedTransferSyntaxes[j], *ts) != 0)
                    continue;
                const OFCondition cond
                    = ASC_acceptPresentationContext(params, pc.presentationContextID, *ts, pc.proposedRole);
                if (cond.bad())
                    return cond;
            }
        }
    }
    return EC_Normal;
}

} // namespace

StoreScpWorker::StoreScpWorker(std::shared_ptr<ListenerContext> context)
    : m_context(std::move(context))
{
}

OFCondition StoreScpWorker::run(T_ASC_Association *association)
{
    m_summary = {};
    m_summary.info.id = g_nextAssociationId.fetch_add(1);
    m_summary.info.startedAt = QDateTime::currentDateTime();
    m_acknowledged = false;
    m_policyRejected = false;
    m_calledAeRejected = false;
    m_clock.start();
    m_association = association;
    ++m_context->openAssociations;

    const OFCondition cond = DcmThreadSCP::run(association);
    m_association = nullptr;

    --m_context->openAssociations;
    m_summary.durationMs = m_clock.elapsed();
    if (m_policyRejected) {
        m_summary.rejected = true;
        m_summary.result = m_policyReason;
    } else if (!m_acknowledged) {
        m_summary.rejected = true;
        if (m_summary.result.isEmpty())
            m_summary.result = QStringLiteral("rejected: no acceptable presentation context or bad request");
    } else if (m_summary.result.isEmpty()) {
        m_summary.result = cond.good() ? QStringLiteral("released") : fromC(cond.text());
    }
    // Queries and retrieves, for the log line; the activity panel reads the counts from the summary.
    QString served;
    if (m_summary.queries > 0)
        served += QStringLiteral(", %1 C-FIND (%2 results)").arg(m_summary.queries).arg(m_summary.queryMatches);
    if (m_summary.retrieves > 0)
        served += QStringLiteral(", %1 retrieve(s): %2 sent, %3 failed")
                      .arg(m_summary.retrieves)
                      .arg(m_summary.instancesSent)
                      .arg(m_summary.instancesSendFailed);
    if (m_summary.rejected) {
        qCWarning(lcNet).noquote() << QStringLiteral("Association #%1 from %2 (%3) refused: %4")
                                          .arg(m_summary.info.id)
                                          .arg(m_summary.info.callingAe, m_summary.info.peerHost, m_summary.result);
    } else if (m_summary.instancesFailed > 0 || m_summary.instancesSendFailed > 0) {
        qCWarning(lcNet).noquote()
            << QStringLiteral("Association #%1 from %2 (%3) ended: %4 stored, %5 failed, %6 bytes%7, %8 ms (%9)")
                   .arg(m_summary.info.id)
                   .arg(m_summary.info.callingAe, m_summary.info.peerHost)
                   .arg(m_summary.instancesStored)
                   .arg(m_summary.instancesFailed)
                   .arg(m_summary.bytesReceived)
                   .arg(served)
                   .arg(m_summary.durationMs)
                   .arg(m_summary.result);
    } else {
        qCInfo(lcNet).noquote() << QStringLiteral(
                                       "Association #%1 from %2 (%3) ended: %4 stored, %5 bytes%6, %7 ms (%8)")
                                       .arg(m_summary.info.id)
                                       .arg(m_summary.info.callingAe, m_summary.info.peerHost)
                                       .arg(m_summary.instancesStored)
                                       .arg(m_summary.bytesReceived)
                                       .arg(served)
                                       .arg(m_summary.durationMs)
                                       .arg(m_summary.result);
    }
    if (m_context->associationFinished)
        m_context->associationFinished(m_summary);
    return cond;
}

OFCondition StoreScpWorker::negotiateAssociation()
{
    if (!m_association)
        return DIMSE_ILLEGALASSOCIATION;
    // Built once: DCMTK wants arrays of C strings.
    static struct Tables
    {
        std::vector<const char *> storage;
        std::vector<const char *> syntaxes;
        Tables()
        {
            for (const std::string &s : storageSopClasses())
                storage.push_back(s.c_str());
            for (const std::string &s : acceptedTransferSyntaxes())
                syntaxes.push_back(s.c_str());
        }
    } tables;
    static const char *verification[] = {UID_VerificationSOPClass};
    static const char *echoSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
                                         UID_BigEndianExplicitTransferSyntax};
    static const char *queryRetrieve[]
        = {UID_FINDPatientRootQueryRetrieveInformationModel, UID_FINDStudyRootQueryRetrieveInformationModel,
           UID_MOVEPatientRootQueryRetrieveInformationModel, UID_MOVEStudyRootQueryRetrieveInformationModel,
           UID_GETPatientRootQueryRetrieveInformationModel,  UID_GETStudyRootQueryRetrieveInformationModel};
    T_ASC_Parameters *params = m_association->params;
    OFCondition cond = ASC_acceptContextsWithPreferredTransferSyntaxes(params, verification, 1, echoSyntaxes, 3);
    if (cond.good() && m_context->queries)
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(params, queryRetrieve, 6, echoSyntaxes, 3);
    if (cond.good())
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(
            params, tables.storage.data(), static_cast<int>(tables.storage.size()), tables.syntaxes.data(),
            static_cast<int>(tables.syntaxes.size()));
    if (cond.good() && m_context->queries)
        cond = acceptStorageRoles(params, tables.syntaxes);
    return cond;
}

void StoreScpWorker::notifyAssociationRequest(const T_ASC_Parameters &params, DcmSCPActionType &desiredAction)
{
    m_summary.info.callingAe = fromC(params.DULparams.callingAPTitle);
    m_summary.info.calledAe = fromC(params.DULparams.calledAPTitle);
    QString address = fromC(params.DULparams.callingPresentationAddress);
    m_summary.info.peerHost = address.isEmpty() ? fromOF(getPeerIP()) : address;
    qCDebug(lcNet).noquote() << "Association request" << m_summary.info.callingAe << "->" << m_summary.info.calledAe
                             << "from" << m_summary.info.peerHost;
    DcmThreadSCP::notifyAssociationRequest(params, desiredAction);
}

OFBool StoreScpWorker::checkCalledAETitleAccepted(const OFString & /*calledAE*/)
{
    const auto decision
        = m_context->policy.decide(m_summary.info.callingAe, m_summary.info.calledAe, m_summary.info.peerHost);
    if (decision.verdict == AssociationPolicy::Verdict::Accept)
        return OFTrue;
    m_policyRejected = true;
    m_policyReason = decision.reason;
    m_calledAeRejected = decision.verdict == AssociationPolicy::Verdict::CalledAeNotRecognized;
    return m_calledAeRejected ? OFFalse : OFTrue;
}

OFBool StoreScpWorker::checkCallingAETitleAccepted(const OFString & /*callingAE*/)
{
    // The decision was made once in checkCalledAETitleAccepted(); this reports the calling-AE half of it,
    // so the peer gets "calling AE title not recognized" as the reject reason.
    return (m_policyRejected && !m_calledAeRejected) ? OFFalse : OFTrue;
}

void StoreScpWorker::notifyAssociationAcknowledge()
{
    m_acknowledged = true;
    if (m_context->associationStarted)
        m_context->associationStarted(m_summary.info);
}

void StoreScpWorker::notifyReleaseRequest()
{
    m_summary.result = QStringLiteral("released");
}

void StoreScpWorker::notifyAbortRequest()
{
    m_summary.result = QStringLiteral("aborted by the peer");
}

void StoreScpWorker::notifyDIMSEError(const OFCondition &cond)
{
    if (cond == DUL_PEERREQUESTEDRELEASE || cond == DUL_PEERABORTEDASSOCIATION)
        return;
    m_summary.result = QStringLiteral("network error: %1").arg(fromC(cond.text()));
}

OFCondition StoreScpWorker::handleIncomingCommand(T_DIMSE_Message *message, const DcmPresentationContextInfo &info)
{
    switch (message->CommandField) {
    case DIMSE_C_ECHO_RQ:
        noteOperation(QStringLiteral("C-ECHO"));
        return handleECHORequest(message->msg.CEchoRQ, info.presentationContextID);
    case DIMSE_C_STORE_RQ:
        noteOperation(QStringLiteral("C-STORE"));
        return handleStore(message->msg.CStoreRQ, info);
    case DIMSE_C_FIND_RQ:
        noteOperation(QStringLiteral("C-FIND"));
        return handleFind(message->msg.CFindRQ, info.presentationContextID);
    case DIMSE_C_MOVE_RQ:
        noteOperation(QStringLiteral("C-MOVE"));
        return handleMove(message->msg.CMoveRQ, info.presentationContextID);
    case DIMSE_C_GET_RQ:
        noteOperation(QStringLiteral("C-GET"));
        return handleGet(message->msg.CGetRQ, info.presentationContextID);
    default:
        return DcmThreadSCP::handleIncomingCommand(message, info);
    }
}

void StoreScpWorker::noteOperation(const QString &name)
{
    if (!m_summary.operations.contains(name))
        m_summary.operations.append(name);
}

bool StoreScpWorker::diskIsLow() const
{
    if (m_context->minFreeBytes <= 0)
        return false;
    struct statvfs volume = {};
    if (::statvfs(QFile::encodeName(m_context->incomingDir).constData(), &volume) != 0)
        return false;
    const qint64 available = qint64(volume.f_bavail) * qint64(volume.f_frsize);
    return available < m_context->minFreeBytes;
}

OFCondition StoreScpWorker::handleStore(T_DIMSE_C_StoreRQ &request, const DcmPresentationContextInfo &info)
{
    const T_ASC_PresentationContextID presentationId = info.presentationContextID;

    auto respond = [&](const StoreStatus &status) {
        if (status.isSuccess()) {
            ++m_summary.instancesStored;
            return sendSTOREResponse(presentationId, request, status.code);
        }
        ++m_summary.instancesFailed;
        DcmDataset detail;
        // Error Comment is limited to 64 characters.
        detail.putAndInsertString(DCM_ErrorComment, status.comment.left(64).toLatin1().constData());
        return sendSTOREResponse(presentationId, request.MessageID, request.AffectedSOPClassUID,
                                 request.AffectedSOPInstanceUID, status.code, &detail);
    };

    if (diskIsLow()) {
        // Read the data set and drop it, so the association stays usable, then refuse: out of resources.
        DcmDataset *discard = nullptr;
        OFCondition cond = receiveSTORERequest(request, presentationId, discard);
        delete discard;
        if (cond.bad())
            return cond;
        qCWarning(lcNet).noquote() << "Refusing" << request.AffectedSOPInstanceUID << "from" << m_summary.info.callingAe
                                   << ": the storage disk is (nearly) full";
        return respond({StoreStatus::kOutOfResources, QStringLiteral("Storage disk full on the receiver")});
    }

    const QString tempPath
        = m_context->incomingDir + QStringLiteral("/%1-%2.part").arg(m_summary.info.id).arg(g_nextFileId.fetch_add(1));
    OFCondition cond = receiveSTORERequest(request, presentationId, OFString(QFile::encodeName(tempPath).constData()));
    if (cond.bad()) {
        QFile::remove(tempPath);
        ++m_summary.instancesFailed;
        qCWarning(lcNet).noquote() << "Receiving" << request.AffectedSOPInstanceUID << "from"
                                   << m_summary.info.callingAe << "failed:" << cond.text();
        return cond;
    }

    ReceivedFile file;
    file.path = tempPath;
    file.sopClassUid = fromC(request.AffectedSOPClassUID);
    file.sopInstanceUid = fromC(request.AffectedSOPInstanceUID);
    file.transferSyntaxUid = fromOF(info.acceptedTransferSyntax);
    file.size = QFileInfo(tempPath).size();
    m_summary.bytesReceived += file.size;

    StoreStatus status;
    try {
        status = m_context->sink->accept(file, m_summary.info);
    } catch (const std::exception &e) {
        QFile::remove(tempPath);
        status
            = {StoreStatus::kProcessingFailure, QStringLiteral("Internal error: %1").arg(QString::fromUtf8(e.what()))};
    }
    return respond(status);
}

} // namespace lightbox
