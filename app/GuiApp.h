#pragma once

#include "core/common/NodeSettings.h"

class QSettings;

namespace lightbox {

/// Runs Lightbox with its main window on @p node's settings and storage until the window closes (or SIGTERM).
/// Expects a QApplication. @return the process exit code.
int runGui(const NodeSettings &node, QSettings &settings);

/// Loads Lightbox's and Qt's translations for the language set in @p settings ("ui/language"), or for the
/// system locale when none is set. @return the language code in use ("en" when no translation applies).
QString installTranslations(QSettings &settings);

} // namespace lightbox
