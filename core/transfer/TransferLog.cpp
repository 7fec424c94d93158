#include "core/transfer/TransferLog.h"

Q_LOGGING_CATEGORY(lcTransfer, "lightbox.transfer", QtInfoMsg)
