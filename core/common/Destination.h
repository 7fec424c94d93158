#pragma once

#include "core/common/DicomNode.h"

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace lightbox {

/// A remote node the technician configured: another PACS, a viewer, a sync target. Shared by the settings
/// dialog, the command line (`lightbox destination ...`), the C-MOVE SCP (which resolves move destinations by AE
/// title here) and sync.
struct Destination
{
    enum Role {
        Send = 0x1, ///< Offered in "Send to" (C-STORE SCU).
        QueryRetrieve = 0x2, ///< A "Remote" source in the browser (C-FIND, then C-MOVE or C-GET).
        Sync = 0x4, ///< Receives every synced instance (core/sync).
    };
    Q_DECLARE_FLAGS(Roles, Role)

    /// How studies are retrieved from it.
    enum class RetrieveMethod {
        Move, ///< C-MOVE to our AE title: the remote must know us (AE, host, port).
        Get, ///< C-GET: data comes back on the same association; no registration on the remote needed.
    };

    /// How instances are sent to it.
    enum class Kind {
        Dicom, ///< DIMSE (C-STORE, C-FIND, ...) to node.
        DicomWeb, ///< DICOMweb (STOW-RS / QIDO-RS) to url.
    };

    QString name; ///< Unique, chosen by the technician ("Main PACS").
    Kind kind = Kind::Dicom;
    DicomNode node; ///< For Kind::Dicom; for DICOMweb its AE title may be empty.
    Roles roles = Send;
    RetrieveMethod retrieve = RetrieveMethod::Move;
    QString url; ///< For Kind::DicomWeb: the service root, e.g. http://host:8042/dicom-web.
    /// How a DICOMweb server is authenticated to. The password or token is never kept here: it lives in the
    /// keyring (or a user-only file when there is none), see core/common/Credentials.h, by destination name.
    enum class WebAuth {
        None,
        Basic, ///< HTTP basic: user + password.
        Bearer, ///< "Authorization: Bearer <token>".
    };
    WebAuth auth = WebAuth::None;
    QString user; ///< For Kind::DicomWeb with basic authentication.

    /// Sync rules (role Sync). An instance is synced when its modality is in syncModalities (empty: any) and the
    /// AE title that sent it is in syncCallingAes (empty: any). Instances this destination itself sent us (calling
    /// AE = its AE title) are never synced back to it.
    QStringList syncModalities;
    QStringList syncCallingAes;
    /// After a study's instances are all sent, ask the remote (QIDO-RS or image-level C-FIND) that every one is
    /// there before calling the study synced.
    bool verifySync = false;

    /// True when an instance of @p modality received from @p callingAe is to be synced to this destination.
    bool syncs(const QString &modality, const QString &callingAe) const;

    bool operator==(const Destination &) const = default;
};
Q_DECLARE_OPERATORS_FOR_FLAGS(Destination::Roles)

/// "send,query,sync" (the command line's --roles form).
QString rolesToString(Destination::Roles roles);
/// Parses "send,query,sync" ("qr", "query", "retrieve" and "query-retrieve" all mean QueryRetrieve).
/// @return the roles, or std::nullopt with @p error set to the plain-words reason.
std::optional<Destination::Roles> parseRoles(const QString &text, QString *error = nullptr);

/// "move" / "get".
QString retrieveMethodToString(Destination::RetrieveMethod method);
std::optional<Destination::RetrieveMethod> parseRetrieveMethod(const QString &text);

/// "none" / "basic" / "bearer".
QString webAuthToString(Destination::WebAuth auth);
std::optional<Destination::WebAuth> parseWebAuth(const QString &text);

/// Checks one destination before it is saved, beside the others already in the table (name unique, AE title,
/// port 1-65535, a host, at least one role). Host resolution needs the network and is left to the caller.
/// @param others the table without this destination.
/// @return an empty string when valid, else the reason in plain words naming the field.
QString validateDestination(const Destination &destination, const QList<Destination> &others);

/// The destinations table in the settings file (group "destinations"), shared by GUI and headless mode.
namespace destinations {
QList<Destination> load(QSettings &settings);
void save(QSettings &settings, const QList<Destination> &list);
/// The destination called @p name (case-insensitive), if any.
std::optional<Destination> byName(const QList<Destination> &list, const QString &name);
/// The first destination whose AE title is @p aeTitle (exact, as DICOM compares AE titles after trimming
/// spaces): how a C-MOVE's Move Destination is resolved.
std::optional<Destination> byAeTitle(const QList<Destination> &list, const QString &aeTitle);
} // namespace destinations

} // namespace lightbox
