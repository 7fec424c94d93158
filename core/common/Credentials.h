#pragma once

#include <QString>

#include <optional>

/// Passwords and tokens of destinations (DICOMweb basic authentication, bearer tokens), kept by destination name
/// (case-insensitive, as destination names are). Never in the settings file, never in a log line or error text.
///
/// Where: the desktop keyring (QtKeychain: Secret Service or KWallet, service "Lightbox") when one is reachable,
/// else a file only the user can read (0600, see filePath()). The keyring is tried only when a D-Bus session bus
/// exists and a secret service is registered on it, so headless machines and tests never wait on D-Bus activation.
/// The environment variable LIGHTBOX_CREDENTIALS=file|keyring forces one place.
///
/// Every function blocks and may be called from any thread; keyring jobs run on the application's thread.
namespace lightbox::credentials {

/// Stores the password/token of destination @p destinationName: in the desktop keyring (QtKeychain, service
/// "Lightbox") when one is reachable, else in a file readable only by the user (0600, see filePath()). Never in
/// the settings file or logs.
/// @return false with @p error in plain words when it could be kept nowhere.
bool store(const QString &destinationName, const QString &secret, QString *error = nullptr);

/// The secret, or std::nullopt when none is stored (error empty) or it cannot be read (error set).
/// Looks in the keyring (when reachable) first, then in the file.
std::optional<QString> load(const QString &destinationName, QString *error = nullptr);

/// Forgets the secret of @p destinationName everywhere it is kept. Removing one that is not stored succeeds.
bool remove(const QString &destinationName, QString *error = nullptr);

/// The user-only fallback file (next to the settings file, e.g. $XDG_CONFIG_HOME/lightbox/credentials).
QString filePath();

/// Where store() puts secrets now: "keyring" or "file" (for the settings dialog and `destination list`).
QString backendName();

} // namespace lightbox::credentials
