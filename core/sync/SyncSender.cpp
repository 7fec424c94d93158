#include "core/sync/SyncSender.h"

#include "core/sync/DimseSyncSender.h"
#include "core/sync/WebSyncSender.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace lightbox {

std::unique_ptr<SyncSender> SyncSender::create(const Destination &destination, const QString &callingAe)
{
    if (destination.kind == Destination::Kind::DicomWeb)
        return std::make_unique<WebSyncSender>(destination);
    return std::make_unique<DimseSyncSender>(destination, callingAe);
}

QList<int> SyncSender::sendableItems(const QList<OutboxItem> &items, const QString &filesDir,
                                     QList<OutboxOutcome> &outcomes)
{
    const QDir files(filesDir);
    QList<int> sendable;
    for (int i = 0; i < items.size(); ++i) {
        if (items[i].filePath.isEmpty() || !QFileInfo::exists(files.filePath(items[i].filePath)))
            outcomes.append({items[i].id, OutboxOutcome::GiveUp,
                             QCoreApplication::translate("lightbox::Sync", "the instance is no longer stored here")});
        else
            sendable.append(i);
    }
    return sendable;
}

} // namespace lightbox
