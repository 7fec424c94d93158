#pragma once

#include "core/common/NodeSettings.h"

#include <QString>

namespace lightbox {

/// Decides whether an association request is accepted, by the rules in NodeSettings:
/// any called AE title unless strictCalledAe; any calling AE unless the whitelist is on.
class AssociationPolicy
{
public:
    enum class Verdict { Accept, CalledAeNotRecognized, CallingAeNotRecognized };

    struct Decision
    {
        Verdict verdict = Verdict::Accept;
        QString reason; ///< Plain words for the log: which rule rejected and why. Empty when accepted.
    };

    explicit AssociationPolicy(const NodeSettings &settings);

    /// @param callingAe the peer's AE title, @param calledAe the AE title it addressed,
    /// @param peerHost the peer's IP address.
    Decision decide(const QString &callingAe, const QString &calledAe, const QString &peerHost) const;

private:
    QString m_aeTitle;
    bool m_strictCalledAe;
    bool m_whitelistEnabled;
    QList<AllowedPeer> m_whitelist;
};

} // namespace lightbox
