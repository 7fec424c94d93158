#include "core/net/EchoScu.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/net/NetErrors.h"

#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QElapsedTimer>
#include <QHostInfo>
#include <QScopeGuard>

namespace lightbox {

EchoResult EchoScu::echo(const DicomNode &remote, const QString &callingAe, int timeoutSeconds)
{
    initializeDcmtk();
    EchoResult result;
    QElapsedTimer clock;
    clock.start();
    // Time to the answer, or to the failure: both tell a technician something.
    const auto elapsed = qScopeGuard([&] { result.roundTripMs = static_cast<double>(clock.nsecsElapsed()) / 1e6; });

    // Resolve first: DCMTK's message for an unknown host is vague.
    const QHostInfo host = QHostInfo::fromName(remote.host);
    if (host.error() != QHostInfo::NoError || host.addresses().isEmpty()) {
        result.error = QStringLiteral("host not found: \"%1\" cannot be resolved (check the host name or use the "
                                      "IP address)")
                           .arg(remote.host);
        result.detail = host.errorString();
        return result;
    }

    dcmConnectionTimeout.set(timeoutSeconds);
    T_ASC_Network *net = nullptr;
    OFCondition cond = ASC_initializeNetwork(NET_REQUESTOR, 0, timeoutSeconds, &net);
    if (cond.bad()) {
        result.error = QStringLiteral("cannot initialise the network: %1").arg(QString::fromLatin1(cond.text()));
        return result;
    }
    T_ASC_Parameters *params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, callingAe.toLatin1().constData(), remote.aeTitle.toLatin1().constData(), nullptr);
    const QByteArray peer = (remote.host + QLatin1Char(':') + QString::number(remote.port)).toLatin1();
    ASC_setPresentationAddresses(params, "localhost", peer.constData());
    const char *syntaxes[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
    ASC_addPresentationContext(params, 1, UID_VerificationSOPClass, syntaxes, 2);

    T_ASC_Association *assoc = nullptr;
    cond = ASC_requestAssociation(net, params, &assoc);
    if (cond.bad()) {
        result.detail = QString::fromLatin1(cond.text());
        result.error = describeAssociationFailure(cond, params, remote, callingAe, timeoutSeconds);
        if (assoc)
            ASC_destroyAssociation(&assoc);
        else
            ASC_destroyAssociationParameters(&params);
        ASC_dropNetwork(&net);
        return result;
    }
    if (ASC_countAcceptedPresentationContexts(params) == 0) {
        result.error = QStringLiteral("no presentation context accepted: the remote does not offer the "
                                      "Verification service (C-ECHO)");
        ASC_abortAssociation(assoc);
    } else {
        DIC_US status = 0;
        DcmDataset *detail = nullptr;
        cond = DIMSE_echoUser(assoc, assoc->nextMsgID++, DIMSE_NONBLOCKING, timeoutSeconds, &status, &detail);
        delete detail;
        if (cond.bad()) {
            result.detail = QString::fromLatin1(cond.text());
            if (cond == DUL_PEERABORTEDASSOCIATION)
                result.error = QStringLiteral("the remote accepted the connection but refused the echo: it does not "
                                              "allow C-ECHO from our calling AE title \"%1\" (register %1 with this "
                                              "host on the remote)")
                                   .arg(callingAe);
            else
                result.error = describeAssociationFailure(cond, nullptr, remote, callingAe, timeoutSeconds);
            ASC_abortAssociation(assoc);
        } else if (status != STATUS_Success) {
            result.error = QStringLiteral("the remote answered the echo with %1").arg(describeDimseStatus(status));
            ASC_releaseAssociation(assoc);
        } else {
            result.ok = true;
            ASC_releaseAssociation(assoc);
        }
    }
    ASC_destroyAssociation(&assoc);
    ASC_dropNetwork(&net);
    return result;
}

} // namespace lightbox
