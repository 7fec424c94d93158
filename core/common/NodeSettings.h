#pragma once

#include <QList>
#include <QString>

class QSettings;

namespace lightbox {

/// One entry of the calling-AE whitelist: an AE title and the host it must come from.
/// An empty or "*" host accepts that AE title from any host.
struct AllowedPeer
{
    QString aeTitle;
    QString host;

    bool operator==(const AllowedPeer &) const = default;
};

/// The local DICOM node: what the listener answers as and whom it accepts.
/// Shared by the GUI and headless mode through QSettings.
struct NodeSettings
{
    static constexpr quint16 kDefaultPort = 4242;
    static constexpr int kDefaultPoolSize = 16;

    QString aeTitle = QStringLiteral("LIGHTBOX");
    quint16 port = kDefaultPort;
    int poolSize = kDefaultPoolSize; ///< Simultaneous associations; more are rejected (local limit).
    bool strictCalledAe = false; ///< Reject associations not addressed to aeTitle.
    bool whitelistEnabled = false; ///< Accept only the calling AE / host pairs below.
    QList<AllowedPeer> whitelist;
    QString storageDir; ///< Empty: the default under the user's XDG data folder.
    int minFreeMegabytes = 64; ///< Below this free disk space, C-STOREs are refused (0xA700 out of resources).

    /// Reads the settings (missing keys keep their defaults).
    static NodeSettings load(QSettings &settings);
    /// Writes every field.
    void save(QSettings &settings) const;
};

} // namespace lightbox
