#include "core/net/StoreScu.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/dicom/DicomObjectData.h"
#include "core/net/NetErrors.h"
#include "core/net/ScuConnection.h"
#include "core/net/StoreRequest.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/ofstd/ofstd.h>

#include <QFile>

#include <algorithm>
#include <vector>

namespace lightbox {
namespace {

constexpr int kMaxPresentationContexts = 128;

// Proposed with every SOP class. Big endian (retired) only in its own context, when the data itself is big endian.
const char *const kFallbacks[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};

// "MR Image Storage" rather than a UID in messages: DCMTK's keyword ("MRImageStorage") split into words.
QString sopClassName(const QString &uid)
{
    const char *name = dcmFindNameOfUID(uid.toLatin1().constData(), nullptr);
    if (!name)
        return uid;
    const QString keyword = QString::fromLatin1(name);
    QString words;
    for (qsizetype i = 0; i < keyword.size(); ++i) {
        const QChar c = keyword.at(i);
        const bool startsWord = i > 0 && c.isUpper()
            && (keyword.at(i - 1).isLower() || (i + 1 < keyword.size() && keyword.at(i + 1).isLower()));
        if (startsWord)
            words += QLatin1Char(' ');
        words += c;
    }
    return words;
}

QString transferSyntaxName(E_TransferSyntax xfer)
{
    return QString::fromLatin1(DcmXfer(xfer).getXferName());
}

// One presentation context to propose: an abstract syntax and its transfer syntaxes, in order of preference.
struct Proposal
{
    QByteArray sopClass;
    std::vector<QByteArray> syntaxes;
};

// Per SOP class: one context with the uncompressed syntaxes (explicit little endian first), and one more with only
// the data's own syntax when that is another one (compressed, implicit or big endian), so a remote that accepts it
// gets the data exactly as it is held; the first context is the fallback it is converted to otherwise.
std::vector<Proposal> buildProposals(const QList<StoreContext> &contexts)
{
    std::vector<Proposal> proposals;
    QStringList seenClasses;
    for (const StoreContext &c : contexts) {
        if (c.sopClassUid.isEmpty())
            continue;
        const QByteArray sopClass = c.sopClassUid.toLatin1();
        if (!seenClasses.contains(c.sopClassUid)) {
            seenClasses.append(c.sopClassUid);
            Proposal plain {sopClass, {}};
            for (const char *uid : kFallbacks)
                plain.syntaxes.emplace_back(uid);
            proposals.push_back(plain);
        }
        if (!c.transferSyntaxUid.isEmpty()
            && c.transferSyntaxUid != QLatin1String(UID_LittleEndianExplicitTransferSyntax)) {
            Proposal own {sopClass, {c.transferSyntaxUid.toLatin1()}};
            const bool known = std::any_of(proposals.begin(), proposals.end(), [&](const Proposal &p) {
                return p.sopClass == own.sopClass && p.syntaxes == own.syntaxes;
            });
            if (!known)
                proposals.push_back(own);
        }
    }
    return proposals;
}

// The accepted context for @p sopClass, preferring one in @p transferSyntax. With @p requireRemoteScpRole only
// contexts on which the remote accepted to be the storage SCP (C-GET role selection) qualify.
T_ASC_PresentationContextID acceptedContextFor(T_ASC_Association *association, const char *sopClass,
                                               const char *transferSyntax, bool requireRemoteScpRole)
{
    T_ASC_PresentationContextID fallback = 0;
    for (int id = 1; id <= 255; id += 2) {
        T_ASC_PresentationContext pc;
        if (ASC_findAcceptedPresentationContext(association->params, static_cast<T_ASC_PresentationContextID>(id), &pc)
                .bad()
            || pc.resultReason != ASC_P_ACCEPTANCE || strcmp(pc.abstractSyntax, sopClass) != 0)
            continue;
        if (requireRemoteScpRole && pc.acceptedRole != ASC_SC_ROLE_SCP && pc.acceptedRole != ASC_SC_ROLE_SCUSCP)
            continue;
        if (strcmp(pc.acceptedTransferSyntax, transferSyntax) == 0)
            return pc.presentationContextID;
        if (fallback == 0)
            fallback = pc.presentationContextID;
    }
    return fallback;
}

} // namespace

struct StoreScu::Private
{
    ScuConnection connection;
    DicomNode remote;
    QString callingAe;
    int timeoutSeconds = 30;
    QString moveOriginatorAe;
    quint16 moveOriginatorMessageId = 0;

    void close(bool release)
    {
        if (release)
            connection.release();
        else
            connection.abort();
    }

    StoreResult sendDataset(DcmDataset *dataset, E_TransferSyntax original);
};

StoreResult sendStoreRequest(T_ASC_Association *association, DcmDataset *dataset, E_TransferSyntax original,
                             const StoreRequestOptions &options, bool *networkFailed)
{
    const DicomNode &remote = options.remote;
    const QString &callingAe = options.callingAe;
    const int timeoutSeconds = options.timeoutSeconds;
    if (networkFailed)
        *networkFailed = false;
    StoreResult result;
    OFString sopClass;
    OFString sopInstance;
    dataset->findAndGetOFString(DCM_SOPClassUID, sopClass);
    dataset->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    result.sopInstanceUid = QString::fromLatin1(sopInstance.c_str());
    if (sopClass.empty() || sopInstance.empty()) {
        result.error = QStringLiteral("not sent: the object has no SOP Class UID or SOP Instance UID");
        return result;
    }
    if (!association) {
        result.error = QStringLiteral("not sent: no association is open (the connection was lost or never made)");
        return result;
    }
    if (original == EXS_Unknown)
        original = EXS_LittleEndianExplicit;

    const T_ASC_PresentationContextID id = acceptedContextFor(
        association, sopClass.c_str(), DcmXfer(original).getXferID(), options.requireRemoteScpRole);
    if (id == 0) {
        result.error = QStringLiteral("not sent: the remote accepted no presentation context for %1 (it does not "
                                      "store this kind of object, or it was not proposed)")
                           .arg(sopClassName(QString::fromLatin1(sopClass.c_str())));
        return result;
    }
    T_ASC_PresentationContext pc;
    ASC_findAcceptedPresentationContext(association->params, id, &pc);
    const E_TransferSyntax wire = DcmXfer(pc.acceptedTransferSyntax).getXfer();
    result.transferSyntaxUid = QString::fromLatin1(pc.acceptedTransferSyntax);
    if (wire != original) {
        const OFCondition converted = dataset->chooseRepresentation(wire, nullptr);
        if (converted.bad() || !dataset->canWriteXfer(wire, original)) {
            result.error = QStringLiteral("not sent: cannot convert %1 to %2, the only transfer syntax the remote "
                                          "accepted for it")
                               .arg(transferSyntaxName(original), transferSyntaxName(wire));
            result.detail = QString::fromLatin1(converted.text());
            return result;
        }
    }
    result.bytes = dataset->getLength(wire, EET_ExplicitLength);

    T_DIMSE_C_StoreRQ request {};
    request.MessageID = association->nextMsgID++;
    OFStandard::strlcpy(request.AffectedSOPClassUID, sopClass.c_str(), sizeof(request.AffectedSOPClassUID));
    OFStandard::strlcpy(request.AffectedSOPInstanceUID, sopInstance.c_str(), sizeof(request.AffectedSOPInstanceUID));
    request.DataSetType = DIMSE_DATASET_PRESENT;
    request.Priority = DIMSE_PRIORITY_MEDIUM;
    if (!options.moveOriginatorAe.isEmpty()) {
        OFStandard::strlcpy(request.MoveOriginatorApplicationEntityTitle,
                            options.moveOriginatorAe.toLatin1().constData(),
                            sizeof(request.MoveOriginatorApplicationEntityTitle));
        request.MoveOriginatorID = options.moveOriginatorMessageId;
        request.opts = O_STORE_MOVEORIGINATORAETITLE | O_STORE_MOVEORIGINATORID;
    }
    T_DIMSE_C_StoreRSP response {};
    DcmDataset *statusDetail = nullptr;
    const OFCondition cond = DIMSE_storeUser(association, id, &request, nullptr, dataset, nullptr, nullptr,
                                             DIMSE_NONBLOCKING, timeoutSeconds, &response, &statusDetail);
    if (statusDetail) {
        OFString comment;
        if (statusDetail->findAndGetOFString(DCM_ErrorComment, comment).good())
            result.detail = QString::fromLatin1(comment.c_str());
        delete statusDetail;
    }
    if (cond.bad()) {
        result.detail = QString::fromLatin1(cond.text());
        if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED)
            result.error = QStringLiteral("not sent: the remote at %1:%2 dropped the connection while receiving (it "
                                          "may have stopped, or refused the data by aborting)")
                               .arg(remote.host)
                               .arg(remote.port);
        else
            result.error = QStringLiteral("not sent: %1")
                               .arg(describeAssociationFailure(cond, nullptr, remote, callingAe, timeoutSeconds));
        qCDebug(lcNet) << "C-STORE failed, the association is unusable:" << result.detail;
        if (networkFailed)
            *networkFailed = true;
        return result;
    }
    result.responded = true;
    result.status = response.DimseStatus;
    if (!result.success())
        result.error = describeDimseStatus(result.status);
    return result;
}

StoreResult StoreScu::Private::sendDataset(DcmDataset *dataset, E_TransferSyntax original)
{
    T_ASC_Association *association = connection.association();
    if (!association) {
        StoreResult result;
        OFString sopInstance;
        dataset->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
        result.sopInstanceUid = QString::fromLatin1(sopInstance.c_str());
        result.error = QStringLiteral("not sent: no association is open (the connection was lost or never made)");
        return result;
    }
    StoreRequestOptions options;
    options.timeoutSeconds = timeoutSeconds;
    options.remote = remote;
    options.callingAe = callingAe;
    options.moveOriginatorAe = moveOriginatorAe;
    options.moveOriginatorMessageId = moveOriginatorMessageId;
    bool networkFailed = false;
    StoreResult result = sendStoreRequest(association, dataset, original, options, &networkFailed);
    if (networkFailed)
        close(false);
    return result;
}

StoreScu::StoreScu()
    : d(std::make_unique<Private>())
{
}

StoreScu::~StoreScu()
{
    d->close(false);
}

bool StoreScu::connect(const DicomNode &remote, const QString &callingAe, const QList<StoreContext> &contexts,
                       QString *error, int timeoutSeconds)
{
    d->close(true);
    d->remote = remote;
    d->callingAe = callingAe;
    d->timeoutSeconds = timeoutSeconds;
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };

    const std::vector<Proposal> proposals = buildProposals(contexts);
    if (proposals.empty())
        return fail(QStringLiteral("nothing to send: no SOP class to propose"));
    if (static_cast<int>(proposals.size()) > kMaxPresentationContexts)
        return fail(QStringLiteral("too many kinds of objects for one association: %1 presentation contexts, at "
                                   "most %2 (send them in several associations)")
                        .arg(proposals.size())
                        .arg(kMaxPresentationContexts));
    std::vector<ScuContext> scuContexts;
    for (const Proposal &p : proposals) {
        ScuContext c {p.sopClass.toStdString(), {}, ASC_SC_ROLE_DEFAULT};
        for (const QByteArray &ts : p.syntaxes)
            c.transferSyntaxes.push_back(ts.toStdString());
        scuContexts.push_back(std::move(c));
    }
    if (!d->connection.open(remote, callingAe, scuContexts, timeoutSeconds)) {
        qCDebug(lcNet) << "association request failed:" << d->connection.detail();
        if (d->connection.error().startsWith(QLatin1String("no presentation context accepted")))
            return fail(QStringLiteral("no presentation context accepted: the remote stores none of the SOP classes "
                                       "proposed in any of the transfer syntaxes proposed"));
        return fail(d->connection.error());
    }
    return true;
}

bool StoreScu::isConnected() const
{
    return d->connection.isOpen();
}

void StoreScu::setMoveOriginator(const QString &aeTitle, quint16 messageId)
{
    d->moveOriginatorAe = aeTitle;
    d->moveOriginatorMessageId = messageId;
}

StoreResult StoreScu::send(const QString &filePath)
{
    DcmFileFormat file;
    const OFCondition cond = file.loadFile(OFFilename(QFile::encodeName(filePath).constData()));
    if (cond.bad()) {
        StoreResult result;
        result.error = QStringLiteral("not sent: %1 is not a readable DICOM file").arg(filePath);
        result.detail = QString::fromLatin1(cond.text());
        return result;
    }
    DcmDataset *dataset = file.getDataset();
    return d->sendDataset(dataset, dataset->getOriginalXfer());
}

StoreResult StoreScu::send(const DicomObject &object)
{
    if (object.isNull()) {
        StoreResult result;
        result.error = QStringLiteral("not sent: the DICOM object is empty");
        return result;
    }
    DicomObject::Data *data = object.data();
    return d->sendDataset(data->file.getDataset(), data->transferSyntax);
}

bool StoreScu::release()
{
    if (!d->connection.isOpen())
        return false;
    return d->connection.release();
}

void StoreScu::abort()
{
    d->close(false);
}

std::optional<StoreContext> StoreScu::contextOf(const QString &filePath, QString *error)
{
    initializeDcmtk();
    DcmFileFormat file;
    // SOP Class UID is (0008,0016): nothing after group 0008's first elements is needed.
    const OFCondition cond = file.loadFileUntilTag(OFFilename(QFile::encodeName(filePath).constData()), EXS_Unknown,
                                                   EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_SOPInstanceUID);
    OFString sopClass;
    if (cond.good())
        file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    if (cond.bad() || sopClass.empty()) {
        if (error)
            *error = QStringLiteral("%1 is not a readable DICOM file (%2)")
                         .arg(filePath,
                              cond.bad() ? QString::fromLatin1(cond.text()) : QStringLiteral("no SOP Class UID"));
        return std::nullopt;
    }
    OFString ts;
    file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, ts);
    StoreContext context;
    context.sopClassUid = QString::fromLatin1(sopClass.c_str());
    context.transferSyntaxUid = ts.empty()
        ? QString::fromLatin1(DcmXfer(file.getDataset()->getOriginalXfer()).getXferID())
        : QString::fromLatin1(ts.c_str());
    return context;
}

} // namespace lightbox
