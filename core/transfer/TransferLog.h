#pragma once

#include <QLoggingCategory>

/// Logging category of imports and exports ("lightbox.transfer").
Q_DECLARE_LOGGING_CATEGORY(lcTransfer)
