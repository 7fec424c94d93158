#include "core/net/ScuConnection.h"

#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/net/NetErrors.h"

#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QHostInfo>

namespace lightbox {

namespace {
constexpr int kMaxPresentationContexts = 128;
}

ScuConnection::~ScuConnection()
{
    close(false);
}

bool ScuConnection::open(const DicomNode &remote, const QString &callingAe, const std::vector<ScuContext> &contexts,
                         int timeoutSeconds)
{
    initializeDcmtk();
    close(true);
    m_remote = remote;
    m_callingAe = callingAe;
    m_timeout = timeoutSeconds;
    m_error.clear();
    m_detail.clear();
    auto fail = [this](const QString &why) {
        m_error = why;
        close(false);
        return false;
    };
    if (contexts.empty() || static_cast<int>(contexts.size()) > kMaxPresentationContexts)
        return fail(QStringLiteral("cannot propose %1 presentation contexts (1 to %2 fit in one association)")
                        .arg(contexts.size())
                        .arg(kMaxPresentationContexts));

    // Resolve first: DCMTK's message for an unknown host is vague.
    const QHostInfo host = QHostInfo::fromName(remote.host);
    if (host.error() != QHostInfo::NoError || host.addresses().isEmpty()) {
        m_detail = host.errorString();
        return fail(QStringLiteral("host not found: \"%1\" cannot be resolved (check the host name or use the IP "
                                   "address)")
                        .arg(remote.host));
    }

    dcmConnectionTimeout.set(timeoutSeconds);
    OFCondition cond = ASC_initializeNetwork(NET_REQUESTOR, 0, timeoutSeconds, &m_network);
    if (cond.bad())
        return fail(QStringLiteral("cannot initialise the network: %1").arg(QString::fromLatin1(cond.text())));
    T_ASC_Parameters *params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, callingAe.toLatin1().constData(), remote.aeTitle.toLatin1().constData(), nullptr);
    const QByteArray peer = (remote.host + QLatin1Char(':') + QString::number(remote.port)).toLatin1();
    ASC_setPresentationAddresses(params, "localhost", peer.constData());
    T_ASC_PresentationContextID id = 1;
    for (const ScuContext &c : contexts) {
        std::vector<const char *> syntaxes;
        for (const std::string &ts : c.transferSyntaxes)
            syntaxes.push_back(ts.c_str());
        cond = ASC_addPresentationContext(params, id, c.abstractSyntax.c_str(), syntaxes.data(),
                                          static_cast<int>(syntaxes.size()), c.role);
        if (cond.bad()) {
            ASC_destroyAssociationParameters(&params);
            m_detail = QString::fromLatin1(cond.text());
            return fail(QStringLiteral("cannot propose %1").arg(QString::fromStdString(c.abstractSyntax)));
        }
        id = static_cast<T_ASC_PresentationContextID>(id + 2);
    }

    cond = ASC_requestAssociation(m_network, params, &m_association);
    if (cond.bad()) {
        m_detail = QString::fromLatin1(cond.text());
        const QString why = describeAssociationFailure(cond, params, remote, callingAe, timeoutSeconds);
        qCDebug(lcNet) << "association request failed:" << cond.text();
        if (m_association)
            ASC_destroyAssociation(&m_association);
        else
            ASC_destroyAssociationParameters(&params);
        m_association = nullptr;
        return fail(why);
    }
    if (ASC_countAcceptedPresentationContexts(params) == 0)
        return fail(QStringLiteral("no presentation context accepted: the remote does not offer the service asked "
                                   "for"));
    return true;
}

T_ASC_PresentationContextID ScuConnection::acceptedContext(const char *abstractSyntax, const char *transferSyntax) const
{
    if (!m_association)
        return 0;
    return transferSyntax ? ASC_findAcceptedPresentationContextID(m_association, abstractSyntax, transferSyntax)
                          : ASC_findAcceptedPresentationContextID(m_association, abstractSyntax);
}

std::string ScuConnection::acceptedTransferSyntax(T_ASC_PresentationContextID id) const
{
    T_ASC_PresentationContext pc;
    if (!m_association || ASC_findAcceptedPresentationContext(m_association->params, id, &pc).bad())
        return {};
    return pc.acceptedTransferSyntax;
}

T_ASC_SC_ROLE ScuConnection::acceptedRole(T_ASC_PresentationContextID id) const
{
    T_ASC_PresentationContext pc;
    if (!m_association || ASC_findAcceptedPresentationContext(m_association->params, id, &pc).bad())
        return ASC_SC_ROLE_NONE;
    return pc.acceptedRole;
}

DIC_US ScuConnection::nextMessageId()
{
    return m_association ? m_association->nextMsgID++ : 1;
}

bool ScuConnection::release()
{
    return close(true);
}

void ScuConnection::abort()
{
    close(false);
}

QString ScuConnection::describeNetworkFailure(const OFCondition &cond, const QString &request) const
{
    // Orthanc, among others, aborts instead of answering a request it does not allow from this calling AE title.
    if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED)
        return QStringLiteral("the remote at %1:%2 dropped the connection instead of answering the %3: it may not "
                              "allow it from our calling AE title \"%4\" (register %4 with this computer's address "
                              "on the remote), or it stopped")
            .arg(m_remote.host)
            .arg(m_remote.port)
            .arg(request, m_callingAe);
    return describeAssociationFailure(cond, nullptr, m_remote, m_callingAe, m_timeout);
}

bool ScuConnection::close(bool releaseFirst)
{
    bool released = false;
    if (m_association) {
        if (releaseFirst) {
            released = ASC_releaseAssociation(m_association).good();
            if (!released)
                ASC_abortAssociation(m_association);
        } else {
            ASC_abortAssociation(m_association);
        }
        ASC_destroyAssociation(&m_association);
        m_association = nullptr;
    }
    if (m_network)
        ASC_dropNetwork(&m_network);
    m_network = nullptr;
    return released;
}

} // namespace lightbox
