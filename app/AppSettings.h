#pragma once

#include "core/common/NodeSettings.h"

#include <QSettings>
#include <memory>

namespace lightbox {

/// The settings file shared by the GUI and headless mode ($XDG_CONFIG_HOME/lightbox/lightbox.ini).
std::unique_ptr<QSettings> openAppSettings();

} // namespace lightbox
