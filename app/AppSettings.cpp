#include "app/AppSettings.h"

namespace lightbox {

std::unique_ptr<QSettings> openAppSettings()
{
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("lightbox"),
                                       QStringLiteral("lightbox"));
}

} // namespace lightbox
