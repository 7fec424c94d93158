#pragma once

#include <QtGlobal>

namespace lightbox {

/// Milliseconds since this process started (from the kernel's record of its start, so it includes loading
/// the libraries), or since the first call where that is unknown.
qint64 msSinceProcessStart();

} // namespace lightbox
