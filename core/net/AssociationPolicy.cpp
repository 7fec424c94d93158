#include "core/net/AssociationPolicy.h"

#include <QHostAddress>

namespace lightbox {
namespace {

bool hostMatches(const QString &rule, const QString &peerHost)
{
    if (rule.isEmpty() || rule == QLatin1String("*"))
        return true;
    if (rule.compare(peerHost, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress ruleAddress(rule);
    const QHostAddress peer(peerHost);
    if (!ruleAddress.isNull() && !peer.isNull())
        return ruleAddress.isEqual(peer, QHostAddress::TolerantConversion);
    if (rule.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return peer.isLoopback();
    return false;
}

} // namespace

AssociationPolicy::AssociationPolicy(const NodeSettings &settings)
    : m_aeTitle(settings.aeTitle.trimmed())
    , m_strictCalledAe(settings.strictCalledAe)
    , m_whitelistEnabled(settings.whitelistEnabled)
    , m_whitelist(settings.whitelist)
{
}

AssociationPolicy::Decision AssociationPolicy::decide(const QString &callingAe, const QString &calledAe,
                                                      const QString &peerHost) const
{
    const QString called = calledAe.trimmed();
    const QString calling = callingAe.trimmed();
    if (m_strictCalledAe && called != m_aeTitle) {
        return {Verdict::CalledAeNotRecognized,
                QStringLiteral("rejected by the strict called-AE rule: %1 (%2) called \"%3\", this node is \"%4\"")
                    .arg(calling, peerHost, called, m_aeTitle)};
    }
    if (m_whitelistEnabled) {
        for (const AllowedPeer &peer : m_whitelist) {
            if (peer.aeTitle.trimmed() == calling && hostMatches(peer.host.trimmed(), peerHost))
                return {};
        }
        return {Verdict::CallingAeNotRecognized,
                QStringLiteral("rejected by the calling-AE whitelist: \"%1\" from %2 is not in the list")
                    .arg(calling, peerHost)};
    }
    return {};
}

} // namespace lightbox
