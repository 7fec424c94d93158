#include "core/sync/WebSyncSender.h"

#include "core/common/Credentials.h"
#include "core/common/Logging.h"
#include "core/web/DicomWebClient.h"

#include <QCoreApplication>
#include <QDir>

namespace lightbox {

WebSyncSender::WebSyncSender(const Destination &destination)
    : m_destination(destination)
{
}

std::optional<QString> WebSyncSender::secret(SyncBatchResult &result) const
{
    if (m_destination.auth == Destination::WebAuth::None)
        return QString();
    QString error;
    const std::optional<QString> stored = credentials::load(m_destination.name, &error);
    if (stored)
        return stored;
    if (!error.isEmpty()) {
        // The keyring may be locked or busy for now: wait and try again.
        result.remote = SyncBatchResult::Remote::Unreachable;
        result.error = QCoreApplication::translate("lightbox::Sync", "cannot read the stored password: %1").arg(error);
    } else {
        result.remote = SyncBatchResult::Remote::Rejected;
        result.error = QCoreApplication::translate("lightbox::Sync",
                                                   "no password or token is stored for \"%1\": enter it in Settings ▸ "
                                                   "Destinations")
                           .arg(m_destination.name);
    }
    return std::nullopt;
}

SyncBatchResult WebSyncSender::send(const QList<OutboxItem> &items, const QString &filesDir)
{
    SyncBatchResult result;
    QList<int> sendable;
    const QDir files(filesDir);
    QList<WebStoreItem> request;
    for (int i : sendableItems(items, filesDir, result.outcomes)) {
        sendable.append(i);
        request.append({files.filePath(items[i].filePath), items[i].sopInstanceUid});
    }
    if (request.isEmpty())
        return result;
    const std::optional<QString> key = secret(result);
    if (!key)
        return result;
    const WebStoreResult stored = DicomWebClient(m_destination, *key).store(request);
    result.bytes = stored.bytes;
    if (!stored.reached || stored.httpStatus >= 500 || stored.httpStatus == 408 || stored.httpStatus == 429) {
        result.remote = SyncBatchResult::Remote::Unreachable;
        result.error = stored.error;
        return result;
    }
    if (stored.authRejected) {
        result.remote = SyncBatchResult::Remote::Rejected;
        result.error = stored.error;
        return result;
    }
    for (int n = 0; n < sendable.size(); ++n) {
        const OutboxItem &item = items[sendable[n]];
        const WebInstanceResult one = n < stored.instances.size() ? stored.instances[n] : WebInstanceResult();
        if (one.stored) {
            result.outcomes.append({item.id, OutboxOutcome::Sent, {}});
        } else {
            const QString why = !one.error.isEmpty() ? one.error : stored.error;
            qCWarning(lcSync).noquote()
                << QStringLiteral("Sync to %1: %2 not stored: %3").arg(m_destination.name, item.sopInstanceUid, why);
            result.outcomes.append({item.id, OutboxOutcome::Retry, why});
        }
    }
    return result;
}

std::optional<QStringList> WebSyncSender::remoteInstances(const QString &studyInstanceUid, QString *error)
{
    SyncBatchResult why;
    const std::optional<QString> key = secret(why);
    if (!key) {
        if (error)
            *error = why.error;
        return std::nullopt;
    }
    return DicomWebClient(m_destination, *key).studyInstances(studyInstanceUid, error);
}

} // namespace lightbox
