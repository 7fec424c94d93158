#pragma once

#include <QString>

namespace lightbox {

/// Copies a stored instance for media: a DICOM Part 10 file byte for byte, a bare data set (as some senders
/// store them) rewritten as a Part 10 file with a meta header in its own transfer syntax.
/// @return false with @p error in plain words.
bool copyAsPart10(const QString &source, const QString &target, QString *error = nullptr);

} // namespace lightbox
