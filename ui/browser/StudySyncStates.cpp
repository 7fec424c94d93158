#include "ui/browser/StudySyncStates.h"

#include "core/index/IndexReader.h"
#include "core/sync/SyncService.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtConcurrent>

namespace lightbox {
namespace {

bool sameSync(const StudySync &a, const StudySync &b)
{
    return a.state == b.state && a.pending == b.pending && a.sent == b.sent && a.failed == b.failed
        && a.reason == b.reason && a.nextAttemptMs == b.nextAttemptMs && a.verified == b.verified;
}

QIcon paintIcon(SyncState state, bool verified)
{
    constexpr int kSize = 32; // drawn at twice the size shown, for high-density screens
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = StudySyncStates::color(state);
    const QRectF dot(5, 5, kSize - 10, kSize - 10);
    if (state == SyncState::Pending) {
        // Not there yet: a ring.
        p.setPen(QPen(color, 4));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(dot.adjusted(2, 2, -2, -2));
        return QIcon(pixmap);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(dot);
    p.setPen(QPen(Qt::white, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    if (state == SyncState::Synced && verified) {
        QPainterPath check;
        check.moveTo(10.5, 16.5);
        check.lineTo(14.5, 20.5);
        check.lineTo(21.5, 11.5);
        p.drawPath(check);
    } else if (state == SyncState::Failed) {
        p.drawLine(QPointF(16, 10), QPointF(16, 17.5));
        p.drawPoint(QPointF(16, 22));
    } else if (state == SyncState::Sending) {
        p.drawLine(QPointF(16, 22), QPointF(16, 10.5));
        p.drawLine(QPointF(11.5, 15), QPointF(16, 10.5));
        p.drawLine(QPointF(20.5, 15), QPointF(16, 10.5));
    }
    return QIcon(pixmap);
}

} // namespace

struct StudySyncStates::Reader
{
    explicit Reader(const QString &path)
        : index(path)
    {
    }
    IndexReader index;
    bool open = false;
};

StudySyncStates::StudySyncStates(const QString &indexPath, std::function<bool(const QString &)> holds, QObject *parent)
    : QObject(parent)
    , m_indexPath(indexPath)
    , m_holds(std::move(holds))
{
    m_pool.setMaxThreadCount(1);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(150);
    connect(&m_coalesce, &QTimer::timeout, this, &StudySyncStates::flush);
}

StudySyncStates::~StudySyncStates()
{
    m_pool.waitForDone();
}

void StudySyncStates::setService(SyncService *service)
{
    if (service == m_service)
        return;
    disconnect(m_serviceConnection);
    m_service = service;
    m_sending.clear();
    if (service)
        m_serviceConnection = connect(service, &SyncService::studiesChanged, this, &StudySyncStates::onServiceChanged,
                                      Qt::QueuedConnection);
}

void StudySyncStates::onServiceChanged(const QStringList &studyUids)
{
    QStringList held;
    for (const QString &uid : studyUids)
        if (m_holds(uid))
            held << uid;
    if (!held.isEmpty())
        refresh(held);
}

void StudySyncStates::refresh(const QStringList &studyUids)
{
    for (const QString &uid : studyUids)
        m_pending.insert(uid);
    if (!m_pending.isEmpty() && !m_coalesce.isActive() && !m_inFlight)
        m_coalesce.start();
}

void StudySyncStates::flush()
{
    if (m_pending.isEmpty() || m_inFlight)
        return;
    m_inFlight = true;
    const QStringList uids(m_pending.begin(), m_pending.end());
    m_pending.clear();
    if (!m_reader)
        m_reader = std::make_shared<Reader>(m_indexPath);
    auto *watcher = new QFutureWatcher<std::optional<QHash<QString, StudySync>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, uids] {
        watcher->deleteLater();
        m_inFlight = false;
        const std::optional<QHash<QString, StudySync>> read = watcher->result();
        if (m_service)
            m_sending = m_service->sendingStudies();
        if (read) {
            QStringList changedUids;
            for (const QString &uid : uids) {
                const StudySync now = read->value(uid);
                const auto it = m_states.constFind(uid);
                // The overlay may have changed even when the stored state did not: report every study read.
                changedUids << uid;
                if (it != m_states.constEnd() && sameSync(*it, now))
                    continue;
                if (now.state == SyncState::None)
                    m_states.remove(uid);
                else
                    m_states.insert(uid, now);
            }
            Q_EMIT changed(changedUids);
        }
        if (!m_pending.isEmpty())
            m_coalesce.start();
    });
    const std::shared_ptr<Reader> reader = m_reader;
    // The index may not exist yet (before the service started): then nothing is read and the next notice retries.
    watcher->setFuture(QtConcurrent::run(&m_pool, [reader, uids]() -> std::optional<QHash<QString, StudySync>> {
        if (!reader->open && !reader->index.open())
            return std::nullopt;
        reader->open = true;
        return reader->index.syncStates(uids);
    }));
}

StudySync StudySyncStates::state(const QString &studyUid) const
{
    StudySync sync = m_states.value(studyUid);
    if (m_sending.contains(studyUid))
        sync.state = SyncState::Sending;
    return sync;
}

QVariant StudySyncStates::data(const QString &studyUid, int role) const
{
    const StudySync sync = state(studyUid);
    if (sync.state == SyncState::None)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return text(sync);
    case Qt::ToolTipRole: {
        // Rich text, so Qt wraps a long reason instead of showing one line across the screen. Quotes stay as they
        // are (the reason names AE titles in quotes).
        QString tip = toolTip(sync);
        tip.replace(QLatin1Char('&'), QLatin1String("&amp;"))
            .replace(QLatin1Char('<'), QLatin1String("&lt;"))
            .replace(QLatin1Char('>'), QLatin1String("&gt;"))
            .replace(QLatin1Char('\n'), QLatin1String("<br>"));
        return QStringLiteral("<p style='white-space:normal'>%1</p>").arg(tip);
    }
    case Qt::DecorationRole:
        return icon(sync);
    case Qt::ForegroundRole:
        if (sync.state == SyncState::Failed)
            return color(SyncState::Failed);
        return {};
    default:
        return {};
    }
}

QString StudySyncStates::text(const StudySync &sync)
{
    const int total = sync.pending + sync.sent + sync.failed;
    switch (sync.state) {
    case SyncState::None:
        return {};
    case SyncState::Synced:
        return syncoutbox::stateName(sync.state); // a check on the icon when verified
    case SyncState::Pending:
    case SyncState::Sending:
        if (sync.sent > 0 && total > 0)
            //: %1 "Sending" or "Pending", %2 images on the remote, %3 images to sync
            return tr("%1 %2/%3").arg(syncoutbox::stateName(sync.state)).arg(sync.sent).arg(total);
        return syncoutbox::stateName(sync.state);
    case SyncState::Failed:
        return syncoutbox::stateName(sync.state);
    }
    return {};
}

QString StudySyncStates::toolTip(const StudySync &sync)
{
    const int total = sync.pending + sync.sent + sync.failed;
    // With several sync destinations the counts are copies (one per image and destination): say so.
    QString counts;
    if (sync.destinations > 1) {
        //: %1 copies sent, %2 copies to send, %3 sync destinations (one copy per image and destination)
        counts = tr("%1 of %2 copies sent (to %3 destinations).").arg(sync.sent).arg(total).arg(sync.destinations);
    } else {
        //: %1 images on the remote, %2 images to sync
        counts = tr("%1 of %2 images sent.").arg(sync.sent).arg(total);
    }
    switch (sync.state) {
    case SyncState::None:
        return {};
    case SyncState::Synced:
        if (sync.destinations > 1)
            return sync.verified
                ? tr("All %1 copies are on the %2 sync destinations, and they confirmed holding them (verified).")
                      .arg(total)
                      .arg(sync.destinations)
                : tr("All %1 copies are on the %2 sync destinations.").arg(total).arg(sync.destinations);
        return sync.verified
            ? tr("All %1 images are on the sync destination, and it confirmed holding them (verified).").arg(total)
            : tr("All %1 images are on the sync destination.").arg(total);
    case SyncState::Sending:
        return tr("Sending now: %1").arg(counts);
    case SyncState::Pending: {
        if (sync.reason.isEmpty())
            return tr("Queued for sync: %1").arg(counts);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (sync.nextAttemptMs > now) {
            const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(sync.nextAttemptMs).time(),
                                                  QStringLiteral("HH:mm:ss"));
            //: %1 counts ("480 of 500 images sent."), %2 a time (14:02:11), %3 why the last try failed
            return tr("%1\nRetrying at %2 — %3").arg(counts, at, sync.reason);
        }
        //: %1 counts ("480 of 500 images sent."), %2 why the last try failed
        return tr("%1\nWaiting to retry — %2").arg(counts, sync.reason);
    }
    case SyncState::Failed: {
        //: %1 images that failed, %2 images to sync, %3 the reason, in plain words
        const QString reason = sync.reason.isEmpty() ? tr("no reason was given") : sync.reason;
        QString tip = sync.destinations > 1
            //: %1 copies that failed, %2 copies to send, %3 sync destinations, %4 the reason (names the destination)
            ? tr("%1 of %2 copies (to %3 destinations) could not be sent: %4")
                  .arg(sync.failed)
                  .arg(total)
                  .arg(sync.destinations)
                  .arg(reason)
            : tr("%1 of %2 images could not be sent: %3").arg(sync.failed).arg(total).arg(reason);
        if (sync.pending > 0)
            tip += QLatin1Char('\n') + tr("%1 more queued.").arg(sync.pending);
        return tip + QLatin1Char('\n')
            + tr("Fix the destination (Settings ▸ Destinations), then use Sync ▸ Retry Failed.");
    }
    }
    return {};
}

QIcon StudySyncStates::icon(const StudySync &sync) const
{
    if (sync.state == SyncState::None)
        return {};
    const bool verified = sync.state == SyncState::Synced && sync.verified;
    const int key = static_cast<int>(sync.state) * 2 + (verified ? 1 : 0);
    auto it = m_icons.find(key);
    if (it == m_icons.end())
        it = m_icons.insert(key, paintIcon(sync.state, verified));
    return *it;
}

QColor StudySyncStates::color(SyncState state)
{
    switch (state) {
    case SyncState::Pending:
        return QColor(0xc9, 0x8a, 0x00);
    case SyncState::Sending:
        return QColor(0x2f, 0x6f, 0xd0);
    case SyncState::Synced:
        return QColor(0x2e, 0x9d, 0x3a);
    case SyncState::Failed:
        return QColor(0xc8, 0x3c, 0x28);
    case SyncState::None:
        break;
    }
    return {};
}

} // namespace lightbox
