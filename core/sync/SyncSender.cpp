#include "core/sync/SyncSender.h"

#include "core/sync/DimseSyncSender.h"

namespace lightbox {

std::unique_ptr<SyncSender> SyncSender::create(const Destination &destination, const QString &callingAe)
{
    return std::make_unique<DimseSyncSender>(destination, callingAe);
}

} // namespace lightbox
