// The query/retrieve half of StoreScpWorker: C-FIND, C-MOVE and C-GET SCP over a QueryProvider.
#include "core/common/Logging.h"
#include "core/net/ListenerPool.h"
#include "core/net/NetErrors.h"
#include "core/net/QueryMatcher.h"
#include "core/net/QueryProvider.h"
#include "core/net/StoreRequest.h"
#include "core/net/StoreScpWorker.h"
#include "core/net/StoreScu.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QFile>

#include <memory>

namespace lightbox {
namespace {

// DIMSE statuses of the query/retrieve service class (PS3.4 C.4).
constexpr quint16 kSuccess = 0x0000;
constexpr quint16 kPending = 0xFF00;
constexpr quint16 kCancel = 0xFE00;
constexpr quint16 kIdentifierMismatch = 0xA900; ///< Identifier does not match SOP class.
constexpr quint16 kUnableToProcess = 0xC000;
constexpr quint16 kOutOfResourcesMatches = 0xA701; ///< Unable to calculate number of matches.
constexpr quint16 kOutOfResourcesSubOps = 0xA702; ///< Unable to perform sub-operations.
constexpr quint16 kMoveDestinationUnknown = 0xA801;
constexpr quint16 kSubOpsFailed = 0xB000; ///< Sub-operations complete, one or more failures.
// Keeps a single pending response small and the count fields (US) in range.
constexpr int kMaxCount = 0xFFFF;

AttributeTag tagOf(const DcmTagKey &key)
{
    return (AttributeTag(key.getGroup()) << 16) | key.getElement();
}

QString fromLatin1Trimmed(const char *s)
{
    return QString::fromLatin1(s).trimmed();
}

bool isPatientRoot(const char *sopClass)
{
    return strcmp(sopClass, UID_FINDPatientRootQueryRetrieveInformationModel) == 0
        || strcmp(sopClass, UID_MOVEPatientRootQueryRetrieveInformationModel) == 0
        || strcmp(sopClass, UID_GETPatientRootQueryRetrieveInformationModel) == 0;
}

/// An identifier parsed from the wire: the request, and its keys in the order they came (answers keep it).
struct ParsedIdentifier
{
    QueryRequest request;
    std::vector<DcmTagKey> order;
    QString levelText;
    QString error; ///< Non-empty: the identifier is invalid (answer kIdentifierMismatch).
};

ParsedIdentifier parseIdentifier(DcmDataset *identifier, const char *sopClass)
{
    ParsedIdentifier parsed;
    parsed.request.patientRoot = isPatientRoot(sopClass);
    if (!identifier) {
        parsed.error = QStringLiteral("no identifier");
        return parsed;
    }
    OFString charset;
    identifier->findAndGetOFStringArray(DCM_SpecificCharacterSet, charset);
    const bool utf8 = QString::fromLatin1(charset.c_str()).contains(QLatin1String("ISO_IR 192"));
    OFString level;
    if (identifier->findAndGetOFString(DCM_QueryRetrieveLevel, level).bad() || level.empty()) {
        parsed.error = QStringLiteral("Query/Retrieve Level (0008,0052) missing");
        return parsed;
    }
    parsed.levelText = QString::fromLatin1(level.c_str()).trimmed().toUpper();
    if (parsed.levelText == QLatin1String("PATIENT"))
        parsed.request.level = QueryLevel::Patient;
    else if (parsed.levelText == QLatin1String("STUDY"))
        parsed.request.level = QueryLevel::Study;
    else if (parsed.levelText == QLatin1String("SERIES"))
        parsed.request.level = QueryLevel::Series;
    else if (parsed.levelText == QLatin1String("IMAGE"))
        parsed.request.level = QueryLevel::Image;
    else {
        parsed.error = QStringLiteral("unknown Query/Retrieve Level \"%1\"").arg(parsed.levelText);
        return parsed;
    }
    if (!parsed.request.patientRoot && parsed.request.level == QueryLevel::Patient) {
        parsed.error = QStringLiteral("PATIENT level is not part of the Study Root model");
        return parsed;
    }

    for (unsigned long i = 0; i < identifier->card(); ++i) {
        DcmElement *element = identifier->getElement(i);
        const DcmTagKey key = element->getTag().getXTag();
        if (key.getGroup() == 0x0000 || key.getGroup() == 0x0002 || key == DCM_QueryRetrieveLevel
            || key == DCM_SpecificCharacterSet || key == DCM_RetrieveAETitle)
            continue;
        QString value;
        if (element->ident() != EVR_SQ) {
            OFString text;
            element->getOFStringArray(text);
            value = utf8 ? QString::fromUtf8(text.c_str()) : QString::fromLatin1(text.c_str());
        }
        parsed.request.keys.insert(tagOf(key), value.trimmed());
        parsed.order.push_back(key);
    }
    for (const AttributeTag dateKey : {tags::StudyDate, tags::PatientBirthDate}) {
        const QString value = parsed.request.value(dateKey);
        if (!value.isEmpty() && !QueryMatcher::isValidDateKey(value)) {
            parsed.error = QStringLiteral("invalid date key \"%1\"").arg(value);
            return parsed;
        }
    }
    return parsed;
}

// A retrieve names what it wants by the unique key of its level (PS3.4 C.4.2.2.1 / C.4.3.2.1).
QString missingUniqueKey(const QueryRequest &request)
{
    switch (request.level) {
    case QueryLevel::Patient:
        return request.value(tags::PatientId).isEmpty() ? QStringLiteral("Patient ID missing") : QString();
    case QueryLevel::Study:
        return request.value(tags::StudyInstanceUid).isEmpty() ? QStringLiteral("Study Instance UID missing")
                                                               : QString();
    case QueryLevel::Series:
        return request.value(tags::SeriesInstanceUid).isEmpty() ? QStringLiteral("Series Instance UID missing")
                                                                : QString();
    case QueryLevel::Image:
        return request.value(tags::SopInstanceUid).isEmpty() ? QStringLiteral("SOP Instance UID missing") : QString();
    }
    return {};
}

bool isAscii(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() > 0x7F)
            return false;
    }
    return true;
}

/// A C-FIND answer: exactly the requested keys, with the record's values (empty when unknown), plus Query/Retrieve
/// Level, Retrieve AE Title and, when a value needs it, Specific Character Set ISO_IR 192.
std::unique_ptr<DcmDataset> buildAnswer(const ParsedIdentifier &parsed, const QueryRecord &record, const QString &ourAe)
{
    auto answer = std::make_unique<DcmDataset>();
    bool needsUtf8 = false;
    for (const DcmTagKey &key : parsed.order) {
        if (!isAscii(record.value(tagOf(key)))) {
            needsUtf8 = true;
            break;
        }
    }
    if (needsUtf8)
        answer->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    answer->putAndInsertString(DCM_QueryRetrieveLevel, parsed.levelText.toLatin1().constData());
    answer->putAndInsertString(DCM_RetrieveAETitle, ourAe.toLatin1().constData());
    for (const DcmTagKey &key : parsed.order) {
        const DcmTag tag(key);
        if (tag.getEVR() == EVR_SQ) {
            answer->insert(new DcmSequenceOfItems(tag), OFTrue);
            continue;
        }
        const QString value = record.value(tagOf(key));
        const QByteArray bytes = needsUtf8 ? value.toUtf8() : value.toLatin1();
        if (value.isEmpty() || answer->putAndInsertString(tag, bytes.constData()).bad())
            answer->insertEmptyElement(tag, OFTrue);
    }
    return answer;
}

DcmDataset errorDetail(const QString &comment)
{
    DcmDataset detail;
    detail.putAndInsertString(DCM_ErrorComment, comment.left(64).toLatin1().constData());
    return detail;
}

QString levelName(QueryLevel level)
{
    switch (level) {
    case QueryLevel::Patient:
        return QStringLiteral("patient");
    case QueryLevel::Study:
        return QStringLiteral("study");
    case QueryLevel::Series:
        return QStringLiteral("series");
    case QueryLevel::Image:
        return QStringLiteral("image");
    }
    return {};
}

} // namespace

OFCondition StoreScpWorker::handleFind(T_DIMSE_C_FindRQ &request, T_ASC_PresentationContextID presentationId)
{
    DcmDataset *received = nullptr;
    OFCondition cond = receiveFINDRequest(request, presentationId, received);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> identifier(received);
    ++m_summary.queries;
    const OFString sopClass(request.AffectedSOPClassUID);

    const ParsedIdentifier parsed = parseIdentifier(identifier.get(), request.AffectedSOPClassUID);
    if (!parsed.error.isEmpty() || !m_context->queries) {
        const QString why = m_context->queries ? parsed.error : QStringLiteral("queries are not served");
        qCWarning(lcNet).noquote() << QStringLiteral("C-FIND from %1 refused: %2").arg(m_summary.info.callingAe, why);
        DcmDataset detail = errorDetail(why);
        return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr,
                                m_context->queries ? kIdentifierMismatch : kUnableToProcess, &detail);
    }

    const QueryMatcher matcher(parsed.request);
    int matches = 0;
    bool cancelled = false;
    OFCondition network = EC_Normal;
    QString error;
    const bool ran = m_context->queries->query(
        parsed.request,
        [&](const QueryRecord &record) {
            if (!matcher.matches(record))
                return true;
            const auto answer = buildAnswer(parsed, record, m_context->aeTitle);
            network = sendFINDResponse(presentationId, request.MessageID, sopClass, answer.get(), kPending);
            if (network.bad())
                return false;
            ++matches;
            if (checkForCANCEL(presentationId, request.MessageID).good()) {
                cancelled = true;
                return false;
            }
            return true;
        },
        &error);
    m_summary.queryMatches += matches;
    if (network.bad())
        return network;
    if (!ran) {
        qCWarning(lcNet).noquote() << QStringLiteral("C-FIND from %1 failed: %2").arg(m_summary.info.callingAe, error);
        DcmDataset detail = errorDetail(error);
        return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, kOutOfResourcesMatches, &detail);
    }
    qCInfo(lcNet).noquote() << QStringLiteral("C-FIND from %1 at %2 level: %3 match(es)%4")
                                   .arg(m_summary.info.callingAe, levelName(parsed.request.level))
                                   .arg(matches)
                                   .arg(cancelled ? QStringLiteral(", cancelled by the peer") : QString());
    return sendFINDResponse(presentationId, request.MessageID, sopClass, nullptr, cancelled ? kCancel : kSuccess);
}

OFCondition StoreScpWorker::sendRetrieveResponse(bool move, T_ASC_PresentationContextID presentationId,
                                                 quint16 messageId, const char *sopClass, quint16 status, int remaining,
                                                 int completed, int failed, int warnings, DcmDataset *identifier,
                                                 const QString &errorComment)
{
    // C-MOVE and C-GET responses have the same fields (and the same option bits): fill either alike.
    static_assert(O_MOVE_AFFECTEDSOPCLASSUID == O_GET_AFFECTEDSOPCLASSUID
                  && O_MOVE_NUMBEROFREMAININGSUBOPERATIONS == O_GET_NUMBEROFREMAININGSUBOPERATIONS
                  && O_MOVE_NUMBEROFCOMPLETEDSUBOPERATIONS == O_GET_NUMBEROFCOMPLETEDSUBOPERATIONS
                  && O_MOVE_NUMBEROFFAILEDSUBOPERATIONS == O_GET_NUMBEROFFAILEDSUBOPERATIONS
                  && O_MOVE_NUMBEROFWARNINGSUBOPERATIONS == O_GET_NUMBEROFWARNINGSUBOPERATIONS);
    const bool pending = status == kPending;
    auto fill = [&](auto &r) {
        auto clamp = [](int n) { return static_cast<DIC_US>(qBound(0, n, kMaxCount)); };
        r.MessageIDBeingRespondedTo = messageId;
        OFStandard::strlcpy(r.AffectedSOPClassUID, sopClass, sizeof r.AffectedSOPClassUID);
        r.DimseStatus = status;
        r.DataSetType = identifier ? DIMSE_DATASET_PRESENT : DIMSE_DATASET_NULL;
        r.NumberOfRemainingSubOperations = clamp(remaining);
        r.NumberOfCompletedSubOperations = clamp(completed);
        r.NumberOfFailedSubOperations = clamp(failed);
        r.NumberOfWarningSubOperations = clamp(warnings);
        r.opts = O_MOVE_AFFECTEDSOPCLASSUID | O_MOVE_NUMBEROFCOMPLETEDSUBOPERATIONS | O_MOVE_NUMBEROFFAILEDSUBOPERATIONS
            | O_MOVE_NUMBEROFWARNINGSUBOPERATIONS | (pending ? O_MOVE_NUMBEROFREMAININGSUBOPERATIONS : 0);
    };
    T_DIMSE_Message message {};
    if (move) {
        message.CommandField = DIMSE_C_MOVE_RSP;
        fill(message.msg.CMoveRSP);
    } else {
        message.CommandField = DIMSE_C_GET_RSP;
        fill(message.msg.CGetRSP);
    }
    if (errorComment.isEmpty())
        return sendDIMSEMessage(presentationId, &message, identifier);
    DcmDataset detail = errorDetail(errorComment);
    return sendDIMSEMessage(presentationId, &message, identifier, &detail);
}

namespace {

/// The counts of one retrieve's sub-operations and the final status they add up to.
struct SubOperations
{
    int total = 0;
    int completed = 0;
    int failed = 0;
    int warnings = 0;
    bool cancelled = false;
    OFList<OFString> failedUids;

    int remaining() const { return total - completed - failed - warnings; }
    void add(const StoreResult &result)
    {
        if (result.success()) {
            ++completed;
        } else if (result.warning()) {
            ++warnings;
        } else {
            ++failed;
            failedUids.push_back(result.sopInstanceUid.toLatin1().constData());
        }
    }
    quint16 finalStatus() const
    {
        if (cancelled)
            return kCancel;
        if (failed == 0 && warnings == 0)
            return kSuccess;
        if (failed == total)
            return kOutOfResourcesSubOps;
        return kSubOpsFailed;
    }
    /// The final identifier: Failed SOP Instance UID List when something failed or was not sent.
    std::unique_ptr<DcmDataset> failedList(const QList<RetrieveItem> &items) const
    {
        OFList<OFString> uids = failedUids;
        if (cancelled) {
            // Not sent because of the cancel: listed as well (PS3.4 C.4.2.1.4).
            for (int i = completed + failed + warnings; i < items.size(); ++i)
                uids.push_back(items.at(i).sopInstanceUid.toLatin1().constData());
        }
        if (uids.empty())
            return nullptr;
        OFString joined;
        for (const OFString &uid : uids) {
            if (!joined.empty())
                joined += "\\";
            joined += uid;
        }
        auto identifier = std::make_unique<DcmDataset>();
        identifier->putAndInsertOFStringArray(DCM_FailedSOPInstanceUIDList, joined);
        return identifier;
    }
};

} // namespace

OFCondition StoreScpWorker::handleMove(T_DIMSE_C_MoveRQ &request, T_ASC_PresentationContextID presentationId)
{
    DcmDataset *received = nullptr;
    OFString destinationAe;
    const OFCondition cond = receiveMOVERequest(request, presentationId, received, destinationAe);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> identifier(received);
    const QString destination = fromLatin1Trimmed(destinationAe.c_str());
    m_summary.moveDestination = destination;
    return serveRetrieve(true, presentationId, request.MessageID, request.AffectedSOPClassUID, identifier.get(),
                         destination);
}

OFCondition StoreScpWorker::handleGet(T_DIMSE_C_GetRQ &request, T_ASC_PresentationContextID presentationId)
{
    DcmDataset *received = nullptr;
    T_ASC_PresentationContextID datasetId = presentationId;
    const OFCondition cond = receiveDIMSEDataset(&datasetId, &received);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> identifier(received);
    return serveRetrieve(false, presentationId, request.MessageID, request.AffectedSOPClassUID, identifier.get(), {});
}

OFCondition StoreScpWorker::serveRetrieve(bool move, T_ASC_PresentationContextID presentationId, quint16 messageId,
                                          const char *sopClass, DcmDataset *identifier, const QString &destination)
{
    ++m_summary.retrieves;
    const QString what = move ? QStringLiteral("C-MOVE from %1 to %2").arg(m_summary.info.callingAe, destination)
                              : QStringLiteral("C-GET from %1").arg(m_summary.info.callingAe);
    auto respond = [&](quint16 status, const SubOperations &ops, DcmDataset *failedList, const QString &comment = {}) {
        return sendRetrieveResponse(move, presentationId, messageId, sopClass, status,
                                    status == kPending ? ops.remaining() : 0, ops.completed, ops.failed, ops.warnings,
                                    failedList, comment);
    };
    auto refuse = [&](quint16 status, const QString &why) {
        qCWarning(lcNet).noquote() << QStringLiteral("%1 refused: %2").arg(what, why);
        return respond(status, SubOperations {}, nullptr, why);
    };

    if (!m_context->queries)
        return refuse(kUnableToProcess, QStringLiteral("retrieves are not served"));
    const ParsedIdentifier parsed = parseIdentifier(identifier, sopClass);
    if (!parsed.error.isEmpty())
        return refuse(kIdentifierMismatch, parsed.error);
    if (const QString missing = missingUniqueKey(parsed.request); !missing.isEmpty())
        return refuse(kIdentifierMismatch, missing);

    std::optional<DicomNode> node;
    if (move) {
        if (m_context->resolveMoveDestination)
            node = m_context->resolveMoveDestination(destination);
        if (!node)
            return refuse(
                kMoveDestinationUnknown,
                QStringLiteral("move destination \"%1\" unknown: add it to the destinations").arg(destination));
    }

    QList<RetrieveItem> items;
    QString error;
    if (!m_context->queries->filesFor(parsed.request, &items, &error))
        return refuse(kOutOfResourcesMatches, error);
    SubOperations ops;
    ops.total = static_cast<int>(items.size());

    // C-MOVE: a new association to the destination; C-GET: C-STOREs back on this one (role selection).
    std::unique_ptr<StoreScu> scu;
    if (move && !items.isEmpty()) {
        QList<StoreContext> contexts;
        for (const RetrieveItem &item : items) {
            const StoreContext context {item.sopClassUid, item.transferSyntaxUid};
            if (!contexts.contains(context))
                contexts.append(context);
        }
        scu = std::make_unique<StoreScu>();
        scu->setMoveOriginator(m_summary.info.callingAe, messageId);
        QString connectError;
        if (!scu->connect(*node, m_context->aeTitle, contexts, &connectError)) {
            qCWarning(lcNet).noquote() << QStringLiteral("%1: cannot reach the destination (%2): %3")
                                              .arg(what, node->toString(), connectError);
            for (const RetrieveItem &item : items)
                ops.failedUids.push_back(item.sopInstanceUid.toLatin1().constData());
            ops.failed = ops.total;
            m_summary.instancesSendFailed += ops.failed;
            const auto failedList = ops.failedList(items);
            return respond(kOutOfResourcesSubOps, ops, failedList.get(), connectError);
        }
    }
    StoreRequestOptions options;
    options.requireRemoteScpRole = true;
    options.remote = {m_summary.info.callingAe, m_summary.info.peerHost, 0};
    options.callingAe = m_context->aeTitle;
    options.timeoutSeconds = 120;
    bool connectionLost = false;
    auto send = [&](const RetrieveItem &item) {
        if (scu) {
            if (scu->isConnected())
                return scu->send(item.path);
            StoreResult lost;
            lost.sopInstanceUid = item.sopInstanceUid;
            lost.error = QStringLiteral("the destination dropped the association");
            return lost;
        }
        DcmFileFormat file;
        const OFCondition loaded = file.loadFile(OFFilename(QFile::encodeName(item.path).constData()));
        if (loaded.bad()) {
            StoreResult unreadable;
            unreadable.sopInstanceUid = item.sopInstanceUid;
            unreadable.error
                = QStringLiteral("the stored file cannot be read: %1").arg(QString::fromLatin1(loaded.text()));
            return unreadable;
        }
        return sendStoreRequest(m_association, file.getDataset(), file.getDataset()->getOriginalXfer(), options,
                                &connectionLost);
    };

    OFCondition cond = EC_Normal;
    for (const RetrieveItem &item : items) {
        if (checkForCANCEL(presentationId, messageId).good()) {
            ops.cancelled = true;
            break;
        }
        const StoreResult result = send(item);
        ops.add(result);
        if (!result.success() && !result.warning())
            qCWarning(lcNet).noquote()
                << QStringLiteral("%1: %2 not sent: %3").arg(what, item.sopInstanceUid, result.error);
        if (connectionLost) {
            cond = DUL_NETWORKCLOSED; // C-GET: this association is gone, nothing more can be answered
            break;
        }
        if (ops.remaining() > 0) {
            cond = respond(kPending, ops, nullptr);
            if (cond.bad())
                break;
        }
    }
    if (scu && scu->isConnected())
        scu->release();
    m_summary.instancesSent += ops.completed + ops.warnings;
    m_summary.instancesSendFailed += ops.failed;
    qCInfo(lcNet).noquote() << QStringLiteral("%1 at %2 level: %3 sent, %4 failed of %5%6")
                                   .arg(what, levelName(parsed.request.level))
                                   .arg(ops.completed + ops.warnings)
                                   .arg(ops.failed)
                                   .arg(ops.total)
                                   .arg(ops.cancelled ? QStringLiteral(", cancelled by the peer") : QString());
    if (cond.bad())
        return cond;
    const auto failedList = ops.failedList(items);
    return respond(ops.finalStatus(), ops, failedList.get());
}

} // namespace lightbox
