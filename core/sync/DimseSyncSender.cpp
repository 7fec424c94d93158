#include "core/sync/DimseSyncSender.h"

#include "core/common/Logging.h"
#include "core/net/FindScu.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace lightbox {
namespace {

constexpr int kMaxContexts = 128;

// A refusal that will not go away by waiting: the remote does not know us, or we have its AE title wrong.
bool isPermanentRefusal(const QString &error)
{
    return error.startsWith(QLatin1String("association rejected: the remote does not recognise"));
}

} // namespace

DimseSyncSender::DimseSyncSender(const Destination &destination, const QString &callingAe)
    : m_destination(destination)
    , m_callingAe(callingAe)
{
}

DimseSyncSender::~DimseSyncSender()
{
    close();
}

bool DimseSyncSender::ensureConnected(const QList<StoreContext> &needed, QString *error)
{
    bool covered = m_scu.isConnected();
    for (const StoreContext &c : needed) {
        if (!covered)
            break;
        covered = m_contexts.contains(c);
    }
    if (covered)
        return true;
    // Keep what the association had (a study's next batch is likely the same kinds) while it fits.
    QList<StoreContext> wanted = needed;
    for (const StoreContext &c : std::as_const(m_contexts)) {
        if (wanted.size() >= kMaxContexts / 2)
            break;
        if (!wanted.contains(c))
            wanted.append(c);
    }
    if (m_scu.isConnected())
        m_scu.release();
    m_contexts.clear();
    if (!m_scu.connect(m_destination.node, m_callingAe, wanted, error))
        return false;
    m_contexts = wanted;
    return true;
}

SyncBatchResult DimseSyncSender::send(const QList<OutboxItem> &items, const QString &filesDir)
{
    SyncBatchResult result;
    const QDir files(filesDir);
    QList<StoreContext> needed;
    QList<int> sendable;
    for (int i : sendableItems(items, filesDir, result.outcomes)) {
        const OutboxItem &item = items[i];
        StoreContext context {item.sopClassUid, item.transferSyntaxUid};
        if (context.sopClassUid.isEmpty() || context.transferSyntaxUid.isEmpty()) {
            QString why;
            const auto read = StoreScu::contextOf(files.filePath(item.filePath), &why);
            if (!read) {
                result.outcomes.append({item.id, OutboxOutcome::GiveUp, why});
                continue;
            }
            context = *read;
        }
        if (!needed.contains(context))
            needed.append(context);
        sendable.append(i);
    }
    if (sendable.isEmpty())
        return result;
    QString error;
    if (!ensureConnected(needed, &error)) {
        result.remote
            = isPermanentRefusal(error) ? SyncBatchResult::Remote::Rejected : SyncBatchResult::Remote::Unreachable;
        result.error = error;
        return result;
    }
    for (int index : std::as_const(sendable)) {
        const OutboxItem &item = items[index];
        const StoreResult sent = m_scu.send(files.filePath(item.filePath));
        result.bytes += sent.bytes;
        if (sent.success() || sent.warning()) {
            result.outcomes.append({item.id, OutboxOutcome::Sent, {}});
        } else if (sent.responded) {
            qCWarning(lcSync).noquote() << QStringLiteral("Sync to %1: %2 refused: %3 %4")
                                               .arg(m_destination.name, item.sopInstanceUid, sent.error, sent.detail);
            result.outcomes.append({item.id, OutboxOutcome::Retry, sent.error});
        } else {
            // The association is gone (remote stopped, network lost): this one and the rest wait.
            result.remote = SyncBatchResult::Remote::Unreachable;
            result.error = sent.error;
            m_contexts.clear();
            break;
        }
    }
    return result;
}

void DimseSyncSender::close()
{
    if (m_scu.isConnected())
        m_scu.release();
    m_contexts.clear();
}

std::optional<QStringList> DimseSyncSender::remoteInstances(const QString &studyInstanceUid, QString *error)
{
    const FindResult<QString> found = FindScu::findSopInstances(m_destination.node, m_callingAe, studyInstanceUid);
    if (!found.ok) {
        if (error)
            *error = found.error;
        return std::nullopt;
    }
    return found.records;
}

} // namespace lightbox
