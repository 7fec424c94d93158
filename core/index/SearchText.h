#pragma once

#include <QString>

namespace lightbox {

/// The form text is searched in: accents removed, case folded, DICOM's "^" and "=" turned into spaces,
/// runs of spaces collapsed. "Müller^Jürgen" -> "muller jurgen". Used for stored search columns and queries.
QString searchKey(const QString &text);

} // namespace lightbox
