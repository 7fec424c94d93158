#pragma once

#include <QString>
#include <optional>

namespace lightbox {

/// A remote DICOM application entity: AE title, host and TCP port.
struct DicomNode
{
    QString aeTitle;
    QString host;
    quint16 port = 0;

    bool operator==(const DicomNode &) const = default;

    /// "AET@HOST:PORT", the form the command line accepts and prints.
    QString toString() const;

    /// Parses "AET@HOST:PORT" (IPv6 hosts in brackets: "AET@[::1]:104").
    /// @return the node, or std::nullopt with @p error set to a plain-words reason.
    static std::optional<DicomNode> parse(const QString &text, QString *error = nullptr);
};

/// Checks an AE title: 1-16 characters of the DICOM default repertoire, no backslash, no control characters,
/// not only spaces. @return an empty string when valid, else the reason in plain words.
QString validateAeTitle(const QString &aeTitle);

} // namespace lightbox
