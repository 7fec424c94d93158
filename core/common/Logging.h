#pragma once

#include <QLoggingCategory>

// One logging category per module. Enable debug output with e.g.
// QT_LOGGING_RULES="lightbox.net.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcDicom)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcIndex)
Q_DECLARE_LOGGING_CATEGORY(lcIngest)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace lightbox {

/// Installs a message handler that prints "time level category: message" lines a technician can read.
void installLogFormat();

} // namespace lightbox
