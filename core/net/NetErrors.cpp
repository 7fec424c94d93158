#include "core/net/NetErrors.h"

#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmnet/dul.h>

namespace lightbox {

QString describeAssociationFailure(const OFCondition &cond, T_ASC_Parameters *params, const DicomNode &remote,
                                   const QString &callingAe, int timeoutSeconds)
{
    const QString where = remote.host + QLatin1Char(':') + QString::number(remote.port);
    if (cond == DUL_ASSOCIATIONREJECTED && params) {
        T_ASC_RejectParameters rej {};
        ASC_getRejectParameters(params, &rej);
        const QString permanence
            = rej.result == ASC_RESULT_REJECTEDPERMANENT ? QStringLiteral("permanently") : QStringLiteral("for now");
        switch (rej.reason) {
        case ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED:
            return QStringLiteral("association rejected: the remote does not recognise the called AE title \"%1\" "
                                  "(check the AE title configured for %2)")
                .arg(remote.aeTitle, where);
        case ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED:
            return QStringLiteral("association rejected: the remote does not recognise our calling AE title \"%1\" "
                                  "(register %1 with this host on the remote)")
                .arg(callingAe);
        case ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED:
        case ASC_REASON_SP_PRES_TEMPORARYCONGESTION:
            return QStringLiteral("association rejected %1: the remote is busy (too many connections); try again")
                .arg(permanence);
        case ASC_REASON_SU_APPCONTEXTNAMENOTSUPPORTED:
            return QStringLiteral("association rejected: the remote does not support the DICOM application context");
        case ASC_REASON_SP_ACSE_PROTOCOLVERSIONNOTSUPPORTED:
            return QStringLiteral("association rejected: protocol version not supported by the remote");
        default:
            return QStringLiteral("association rejected %1 by the remote (no reason given)").arg(permanence);
        }
    }
    const QString text = QString::fromLatin1(cond.text());
    if (text.contains(QLatin1String("Connection refused"), Qt::CaseInsensitive))
        return QStringLiteral("connection refused: nothing is listening on %1 (is the DICOM service running, and "
                              "is the port right?)")
            .arg(where);
    if (text.contains(QLatin1String("Name or service not known"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("unknown host"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("Temporary failure in name resolution"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("No address associated"), Qt::CaseInsensitive))
        return QStringLiteral("host not found: \"%1\" cannot be resolved (check the host name or use the IP address)")
            .arg(remote.host);
    if (text.contains(QLatin1String("timed out"), Qt::CaseInsensitive) || cond == DUL_READTIMEOUT
        || cond == DIMSE_NODATAAVAILABLE || text.contains(QLatin1String("timeout"), Qt::CaseInsensitive))
        return QStringLiteral("timeout: no answer from %1 within %2 s (host down, firewall, or wrong address?)")
            .arg(where)
            .arg(timeoutSeconds);
    if (text.contains(QLatin1String("No route to host"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("Network is unreachable"), Qt::CaseInsensitive))
        return QStringLiteral("no route to %1: the network cannot reach this host").arg(where);
    if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_PEERREQUESTEDRELEASE)
        return QStringLiteral("the remote at %1 closed the connection during negotiation; it may not accept our "
                              "calling AE title \"%2\" (register it with this host on the remote)")
            .arg(where, callingAe);
    if (text.contains(QLatin1String("Connection reset"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("Broken pipe"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("TCP I/O Error"), Qt::CaseInsensitive))
        return QStringLiteral("the connection to %1 was lost (the remote closed it: it may have stopped or restarted)")
            .arg(where);
    if (cond == NET_EC_NoAcceptablePresentationContexts || cond == DIMSE_NOVALIDPRESENTATIONCONTEXTID)
        return QStringLiteral("no presentation context accepted: the remote does not support this service");
    return QStringLiteral("cannot connect to %1: %2").arg(where, text);
}

QString describeDimseStatus(quint16 status)
{
    const QString code = QStringLiteral("0x%1")
                             .arg(status, 4, 16, QLatin1Char('0'))
                             .toUpper()
                             .replace(QLatin1String("0X"), QLatin1String("0x"));
    if (status == 0x0000)
        return QStringLiteral("success");
    if ((status & 0xF000) == 0xA700 || status == 0xA700)
        return QStringLiteral("%1 refused: out of resources (the receiver's disk may be full)").arg(code);
    if ((status & 0xFF00) == 0xA900)
        return QStringLiteral("%1 error: data set does not match the SOP class").arg(code);
    if ((status & 0xF000) == 0xC000)
        return QStringLiteral("%1 error: the receiver cannot understand the data").arg(code);
    if (status == 0x0122)
        return QStringLiteral("%1 refused: SOP class not supported").arg(code);
    if (status == 0x0124)
        return QStringLiteral("%1 refused: not authorised").arg(code);
    if (status == 0x0110)
        return QStringLiteral("%1 failure: processing failure on the receiver").arg(code);
    if ((status & 0xF000) == 0xB000)
        return QStringLiteral("%1 warning: stored with changes (coercion or elements discarded)").arg(code);
    return QStringLiteral("%1 failure").arg(code);
}

QString describeRetrieveStatus(quint16 status, const QString &moveDestination)
{
    const QString code = QStringLiteral("0x%1")
                             .arg(status, 4, 16, QLatin1Char('0'))
                             .toUpper()
                             .replace(QLatin1String("0X"), QLatin1String("0x"));
    switch (status) {
    case 0x0000:
        return QStringLiteral("success");
    case 0xA801:
        return QStringLiteral("%1 refused: the remote does not know the move destination \"%2\" (register %2 with "
                              "this computer's address and DICOM port on the remote, or retrieve by C-GET)")
            .arg(code, moveDestination);
    case 0xA701:
    case 0xA702:
        return QStringLiteral("%1 refused: the remote is out of resources, or could not send to us (is our "
                              "listener running and reachable from the remote?)")
            .arg(code);
    case 0xFE00:
        return QStringLiteral("%1 cancelled").arg(code);
    case 0xB000:
        return QStringLiteral("%1 warning: some instances could not be sent").arg(code);
    case 0x0122:
        return QStringLiteral("%1 refused: the remote does not support this kind of retrieve").arg(code);
    case 0xA900:
        return QStringLiteral("%1 error: the remote did not understand the request").arg(code);
    case 0xAA00:
    case 0xAA01:
    case 0xAA02:
    case 0xAA03:
    case 0xAA04:
        return QStringLiteral("%1 failure: the remote could not extract what was asked for").arg(code);
    default:
        break;
    }
    if ((status & 0xF000) == 0xC000 && !moveDestination.isEmpty())
        // Orthanc, among others, answers an unknown move destination with 0xC000 rather than 0xA801.
        return QStringLiteral("%1 failure: the remote could not process the move; most often it does not know the "
                              "move destination \"%2\" (register %2 with this computer's address and DICOM port "
                              "on the remote, or retrieve by C-GET)")
            .arg(code, moveDestination);
    if ((status & 0xF000) == 0xC000)
        return QStringLiteral("%1 failure: the remote was unable to process the retrieve").arg(code);
    return describeDimseStatus(status);
}

} // namespace lightbox
