#include "core/common/NodeSettings.h"

#include <QSettings>

namespace lightbox {

NodeSettings NodeSettings::load(QSettings &s)
{
    NodeSettings n;
    s.beginGroup(QStringLiteral("node"));
    n.aeTitle = s.value(QStringLiteral("aeTitle"), n.aeTitle).toString();
    n.port = static_cast<quint16>(s.value(QStringLiteral("port"), n.port).toUInt());
    n.poolSize = s.value(QStringLiteral("poolSize"), n.poolSize).toInt();
    n.strictCalledAe = s.value(QStringLiteral("strictCalledAe"), n.strictCalledAe).toBool();
    n.whitelistEnabled = s.value(QStringLiteral("whitelistEnabled"), n.whitelistEnabled).toBool();
    n.storageDir = s.value(QStringLiteral("storageDir")).toString();
    n.minFreeMegabytes = s.value(QStringLiteral("minFreeMegabytes"), n.minFreeMegabytes).toInt();
    const int count = s.beginReadArray(QStringLiteral("whitelist"));
    for (int i = 0; i < count; ++i) {
        s.setArrayIndex(i);
        n.whitelist.append({s.value(QStringLiteral("aeTitle")).toString(), s.value(QStringLiteral("host")).toString()});
    }
    s.endArray();
    s.endGroup();
    if (n.poolSize < 1)
        n.poolSize = kDefaultPoolSize;
    return n;
}

void NodeSettings::save(QSettings &s) const
{
    s.beginGroup(QStringLiteral("node"));
    s.setValue(QStringLiteral("aeTitle"), aeTitle);
    s.setValue(QStringLiteral("port"), port);
    s.setValue(QStringLiteral("poolSize"), poolSize);
    s.setValue(QStringLiteral("strictCalledAe"), strictCalledAe);
    s.setValue(QStringLiteral("whitelistEnabled"), whitelistEnabled);
    s.setValue(QStringLiteral("storageDir"), storageDir);
    s.setValue(QStringLiteral("minFreeMegabytes"), minFreeMegabytes);
    s.beginWriteArray(QStringLiteral("whitelist"), static_cast<int>(whitelist.size()));
    for (int i = 0; i < whitelist.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("aeTitle"), whitelist[i].aeTitle);
        s.setValue(QStringLiteral("host"), whitelist[i].host);
    }
    s.endArray();
    s.endGroup();
}

} // namespace lightbox
