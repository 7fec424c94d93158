#pragma once

#include "core/net/AssociationInfo.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scpthrd.h>

#include <QElapsedTimer>
#include <memory>

namespace lightbox {

struct ListenerContext;

/// Serves one association on a pool thread: C-ECHO, and C-STORE received straight to a temporary file that
/// is handed to the InstanceSink; answers the sink's status. With a QueryProvider also C-FIND, C-MOVE and C-GET
/// (QueryRetrieveScp.cpp). Applies the AssociationPolicy during negotiation.
class StoreScpWorker : public DcmThreadSCP
{
public:
    explicit StoreScpWorker(std::shared_ptr<ListenerContext> context);

    OFCondition run(T_ASC_Association *association) override;

protected:
    /// Accepts every storage SOP class in every transfer syntax Lightbox knows, preferring the order of
    /// acceptedTransferSyntaxes(). DCMTK's profile-based negotiation is limited to 128 contexts per profile,
    /// too few for all storage SOP classes, so this does what storescp does instead.
    OFCondition negotiateAssociation() override;
    OFCondition handleIncomingCommand(T_DIMSE_Message *message, const DcmPresentationContextInfo &info) override;
    void notifyAssociationRequest(const T_ASC_Parameters &params, DcmSCPActionType &desiredAction) override;
    OFBool checkCalledAETitleAccepted(const OFString &calledAE) override;
    OFBool checkCallingAETitleAccepted(const OFString &callingAE) override;
    void notifyAssociationAcknowledge() override;
    void notifyReleaseRequest() override;
    void notifyAbortRequest() override;
    void notifyDIMSEError(const OFCondition &cond) override;

private:
    OFCondition handleStore(T_DIMSE_C_StoreRQ &request, const DcmPresentationContextInfo &info);
    bool diskIsLow() const;
    void noteOperation(const QString &name);

    // Query/retrieve (QueryRetrieveScp.cpp).
    OFCondition handleFind(T_DIMSE_C_FindRQ &request, T_ASC_PresentationContextID presentationId);
    OFCondition handleMove(T_DIMSE_C_MoveRQ &request, T_ASC_PresentationContextID presentationId);
    OFCondition handleGet(T_DIMSE_C_GetRQ &request, T_ASC_PresentationContextID presentationId);
    /// C-MOVE (@p move, to @p destination) or C-GET of what @p identifier names: sub-operations, pending
    /// responses with the counts, final status.
    OFCondition serveRetrieve(bool move, T_ASC_PresentationContextID presentationId, quint16 messageId,
                              const char *sopClass, DcmDataset *identifier, const QString &destination);
    /// Sends a C-MOVE (@p move) or C-GET response with the sub-operation counts.
    OFCondition sendRetrieveResponse(bool move, T_ASC_PresentationContextID presentationId, quint16 messageId,
                                     const char *sopClass, quint16 status, int remaining, int completed, int failed,
                                     int warnings, DcmDataset *identifier, const QString &errorComment = {});

    std::shared_ptr<ListenerContext> m_context;
    T_ASC_Association *m_association = nullptr;
    AssociationSummary m_summary;
    QElapsedTimer m_clock;
    bool m_acknowledged = false;
    bool m_policyRejected = false;
    QString m_policyReason;
    bool m_calledAeRejected = false;
};

} // namespace lightbox
