#include "core/sync/SyncService.h"

#include "core/common/Logging.h"
#include "core/index/IndexWriter.h"
#include "core/index/SqliteDb.h"
#include "core/sync/SyncSender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <map>

namespace lightbox {
namespace {

constexpr qint64 kPollMs = 2000; ///< Also catches rows queued by another process (`lightbox sync --all`).
constexpr int kWindow = 256; ///< Rows read from the outbox at a time.
constexpr qint64 kIdleCloseMs = 5000; ///< An association left idle this long is released.
constexpr qint64 kVerifyRetryMs = 30000;
constexpr int kDropGraceMs = 30000; ///< How long a removed sync destination's queue is kept.

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

struct SyncService::TargetState
{
    Destination destination;
    QString callingAe;
    std::unique_ptr<SyncSender> sender;
    int failures = 0; ///< Consecutive batches the remote could not be reached.
    qint64 waitUntil = 0;
    qint64 lastSendMs = 0;
    qint64 verifyWaitUntil = 0;
    QString problem;
};

SyncService::SyncService(const QString &indexPath, const QString &filesDir, IndexWriter &writer, QObject *parent)
    : QObject(parent)
    , m_indexPath(indexPath)
    , m_filesDir(filesDir)
    , m_writer(writer)
{
    qRegisterMetaType<SyncOverview>();
    // Rows queued with arriving instances wake the worker at once.
    connect(&m_writer, &IndexWriter::syncQueued, this, &SyncService::wake, Qt::DirectConnection);
}

SyncService::~SyncService()
{
    stop();
}

void SyncService::setCallingAe(const QString &aeTitle)
{
    std::lock_guard lock(m_mutex);
    m_callingAe = aeTitle;
}

void SyncService::setDestinations(const QList<Destination> &all)
{
    QList<Destination> targets;
    QStringList names;
    for (const Destination &d : all) {
        if (d.roles.testFlag(Destination::Sync)) {
            targets.append(d);
            names.append(d.name);
        }
    }
    m_writer.setSyncTargets(targets);
    {
        std::lock_guard lock(m_mutex);
        if (targets == m_targets)
            return;
        m_targets = targets;
        ++m_targetsGeneration;
    }
    // A destination that no longer syncs keeps nothing queued (it would show as pending for ever) — but only once it
    // has stayed away a while: a technician replacing a destination (remove, then add it again with a new password)
    // must not lose its queue in between.
    QMetaObject::invokeMethod(
        this,
        [this] {
            QTimer::singleShot(kDropGraceMs, this, [this] {
                QStringList keep;
                for (const Destination &d : this->targets())
                    keep.append(d.name);
                queueJob([keep](SqliteDb &db, int *, QStringList &changed) {
                    return syncoutbox::dropOtherDestinations(db, keep, changed);
                });
            });
        },
        Qt::QueuedConnection);
}

QList<Destination> SyncService::targets() const
{
    std::lock_guard lock(m_mutex);
    return m_targets;
}

void SyncService::start()
{
    if (m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
    }
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("lightbox-sync"));
    m_thread->start();
}

void SyncService::stop()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wakeUp.notify_all();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    std::lock_guard lock(m_mutex);
    m_idle = true;
    m_idleChanged.notify_all();
}

void SyncService::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
        m_idle = false;
    }
    m_wakeUp.notify_all();
}

bool SyncService::waitUntilIdle(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_idleChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_idle && !m_woken; });
}

SyncOverview SyncService::overview() const
{
    std::lock_guard lock(m_mutex);
    return m_overview;
}

QSet<QString> SyncService::sendingStudies() const
{
    std::lock_guard lock(m_mutex);
    return m_sending;
}

QFuture<int> SyncService::queueJob(const std::function<IndexWriter::Result(SqliteDb &, int *, QStringList &)> &job)
{
    return QtConcurrent::run([this, job] {
        int count = 0;
        QStringList changed;
        const IndexWriter::Result result
            = m_writer.execute([&](SqliteDb &db, QStringList &) { return job(db, &count, changed); }).get();
        if (result.outcome == IndexWriter::Outcome::Failed) {
            qCWarning(lcSync).noquote() << "Cannot update the sync queue:" << result.error;
            return -1;
        }
        wake();
        if (!changed.isEmpty())
            Q_EMIT studiesChanged(changed);
        return count;
    });
}

QFuture<int> SyncService::syncAll()
{
    const QList<Destination> list = targets();
    return queueJob([list](SqliteDb &db, int *count, QStringList &changed) {
        return syncoutbox::enqueue(db, list, {}, false, count, changed);
    });
}

QFuture<int> SyncService::syncStudies(const QStringList &studyInstanceUids)
{
    const QList<Destination> list = targets();
    return queueJob([list, studyInstanceUids](SqliteDb &db, int *count, QStringList &changed) {
        return syncoutbox::enqueue(db, list, studyInstanceUids, true, count, changed);
    });
}

QFuture<int> SyncService::retryFailed(const QString &destination)
{
    return queueJob([destination](SqliteDb &db, int *count, QStringList &changed) {
        return syncoutbox::retryFailed(db, destination, count, changed);
    });
}

void SyncService::setSending(const QSet<QString> &studies)
{
    QStringList changed;
    {
        std::lock_guard lock(m_mutex);
        if (studies == m_sending)
            return;
        const QSet<QString> all = m_sending + studies;
        changed = QStringList(all.begin(), all.end());
        m_sending = studies;
    }
    Q_EMIT studiesChanged(changed);
}

void SyncService::refreshOverview(SqliteDb &db)
{
    const QHash<QString, SyncCounts> counts = syncoutbox::counts(db);
    {
        std::lock_guard lock(m_mutex);
        SyncOverview o;
        for (const Destination &d : std::as_const(m_targets)) {
            SyncOverview::Target t;
            t.name = d.name;
            t.counts = counts.value(d.name);
            t.problem = m_problems.value(d.name);
            t.sending = !m_sending.isEmpty() && m_sendingTarget == d.name;
            o.pending += t.counts.pending;
            o.sent += t.counts.sent;
            o.failed += t.counts.failed;
            o.sending = o.sending || t.sending;
            o.targets.append(t);
        }
        m_overview = o;
    }
    Q_EMIT overviewChanged();
}

void SyncService::run()
{
    SqliteDb db;
    if (!db.open(m_indexPath, SqliteDb::Mode::ReadOnly)) {
        qCCritical(lcSync).noquote() << "Sync cannot read the index" << m_indexPath << ":" << db.lastError();
        return;
    }
    std::map<QString, TargetState> states;
    bool first = true;
    for (;;) {
        QList<Destination> targets;
        QString callingAe;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                break;
            targets = m_targets;
            callingAe = m_callingAe;
            m_woken = false;
        }
        qint64 nextWake = nowMs() + kPollMs;
        bool worked = false;
        QStringList names;
        for (const Destination &target : std::as_const(targets)) {
            names.append(target.name);
            TargetState &state = states[target.name];
            if (!(state.destination == target) || state.callingAe != callingAe) {
                state = TargetState();
                state.destination = target;
                state.callingAe = callingAe;
            }
            worked = serveTarget(db, target, state, nextWake) || worked;
        }
        for (auto it = states.begin(); it != states.end();) {
            it = names.contains(it->first) ? std::next(it) : states.erase(it);
        }
        {
            std::lock_guard lock(m_mutex);
            for (auto it = m_problems.begin(); it != m_problems.end();)
                it = names.contains(it.key()) ? std::next(it) : m_problems.erase(it);
            for (const auto &[name, state] : states)
                m_problems.insert(name, state.problem);
        }
        refreshOverview(db);
        if (first) {
            first = false;
            const SyncOverview o = overview();
            if (o.pending > 0)
                qCInfo(lcSync).noquote() << QStringLiteral("Sync resumes: %1 instance(s) queued").arg(o.pending);
        }
        if (worked)
            continue;
        std::unique_lock lock(m_mutex);
        if (!m_woken) {
            m_idle = true;
            m_idleChanged.notify_all();
        }
        const qint64 waitMs = qMax<qint64>(10, nextWake - nowMs());
        m_wakeUp.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stop || m_woken; });
    }
    for (auto &[name, state] : states) {
        if (state.sender)
            state.sender->close();
    }
    setSending({});
}

bool SyncService::serveTarget(SqliteDb &db, const Destination &target, TargetState &state, qint64 &nextWake)
{
    const qint64 now = nowMs();
    if (state.waitUntil > now) {
        nextWake = qMin(nextWake, state.waitUntil);
        return false;
    }
    const QList<OutboxItem> items = syncoutbox::due(db, target.name, now, kWindow);
    if (items.isEmpty()) {
        if (state.sender && now - state.lastSendMs > kIdleCloseMs)
            state.sender->close();
        if (target.verifySync)
            verifyTarget(db, target, state);
        if (const qint64 next = syncoutbox::nextAttempt(db, target.name); next > now)
            nextWake = qMin(nextWake, next);
        return false;
    }
    if (!state.sender)
        state.sender = SyncSender::create(target, state.callingAe);
    const quint64 generation = [this] {
        std::lock_guard lock(m_mutex);
        return m_targetsGeneration;
    }();
    {
        std::lock_guard lock(m_mutex);
        m_sendingTarget = target.name;
    }
    const int batch = qMax(1, state.sender->batchSize());
    QStringList changed;
    std::future<IndexWriter::Result> previous;
    auto settle = [&] {
        if (previous.valid()) {
            const IndexWriter::Result r = previous.get();
            if (r.outcome == IndexWriter::Outcome::Failed)
                qCWarning(lcSync).noquote() << "Cannot record sync results:" << r.error;
        }
    };
    auto recordOutcomes = [&](QList<OutboxOutcome> outcomes) {
        if (outcomes.isEmpty())
            return;
        settle();
        // The studies changed are those of the chunk's items, reported below.
        previous = m_writer.execute([outcomes = std::move(outcomes)](SqliteDb &wdb, QStringList &) {
            QStringList studies;
            return syncoutbox::record(wdb, outcomes, nowMs(), studies);
        });
    };
    for (qsizetype start = 0; start < items.size(); start += batch) {
        const QList<OutboxItem> chunk = items.mid(start, batch);
        QSet<QString> studies;
        for (const OutboxItem &item : chunk)
            studies.insert(item.studyInstanceUid);
        setSending(studies);
        const SyncBatchResult result = state.sender->send(chunk, m_filesDir);
        state.lastSendMs = nowMs();
        for (const QString &study : std::as_const(studies))
            changed.append(study);
        QList<OutboxOutcome> outcomes = result.outcomes;
        if (result.remote == SyncBatchResult::Remote::Ok) {
            recordOutcomes(std::move(outcomes));
            if (state.failures > 0 || !state.problem.isEmpty())
                qCInfo(lcSync).noquote()
                    << QStringLiteral("Sync to %1 goes on: the remote answers again").arg(target.name);
            state.failures = 0;
            state.problem.clear();
        } else if (result.remote == SyncBatchResult::Remote::Unreachable) {
            // Those not tried wait for the remote; their rows keep the reason for the browser.
            QSet<qint64> tried;
            for (const OutboxOutcome &o : std::as_const(outcomes))
                tried.insert(o.id);
            for (const OutboxItem &item : chunk) {
                if (!tried.contains(item.id))
                    outcomes.append({item.id, OutboxOutcome::Wait, result.error});
            }
            recordOutcomes(std::move(outcomes));
            ++state.failures;
            const qint64 delay = syncoutbox::backoffMs(state.failures);
            state.waitUntil = nowMs() + delay;
            nextWake = qMin(nextWake, state.waitUntil);
            state.problem = tr("waiting: %1 (next try in %2 s)").arg(result.error).arg((delay + 999) / 1000);
            qCWarning(lcSync).noquote() << QStringLiteral("Sync to %1 waits %2 s: %3")
                                               .arg(target.name)
                                               .arg(delay / 1000.0, 0, 'f', 0)
                                               .arg(result.error);
            state.sender->close();
            break;
        } else {
            recordOutcomes(std::move(outcomes));
            settle();
            previous = {};
            const QString reason = result.error;
            const IndexWriter::Result failedAll
                = m_writer
                      .execute([&](SqliteDb &wdb, QStringList &) {
                          return syncoutbox::failAllPending(wdb, target.name, reason, changed);
                      })
                      .get();
            if (failedAll.outcome == IndexWriter::Outcome::Failed)
                qCWarning(lcSync).noquote() << "Cannot record the sync failure:" << failedAll.error;
            ++state.failures;
            state.waitUntil = nowMs() + syncoutbox::backoffMs(state.failures);
            state.problem = reason;
            qCWarning(lcSync).noquote() << QStringLiteral("Sync to %1 failed: %2 — the queued instances are marked "
                                                          "failed; fix the destination and use \"Retry failed\"")
                                               .arg(target.name, reason);
            state.sender->close();
            break;
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_stop || generation != m_targetsGeneration)
                break;
        }
    }
    settle();
    setSending({});
    changed.removeDuplicates();
    Q_EMIT studiesChanged(changed);
    return true;
}

void SyncService::verifyTarget(SqliteDb &db, const Destination &target, TargetState &state)
{
    const qint64 now = nowMs();
    if (state.verifyWaitUntil > now)
        return;
    const QHash<QString, QStringList> studies = syncoutbox::unverifiedSyncedStudies(db, target.name, 10);
    if (studies.isEmpty())
        return;
    if (!state.sender)
        state.sender = SyncSender::create(target, state.callingAe);
    QStringList changed;
    for (auto it = studies.constBegin(); it != studies.constEnd(); ++it) {
        QString error;
        const std::optional<QStringList> remote = state.sender->remoteInstances(it.key(), &error);
        if (!remote) {
            qCWarning(lcSync).noquote()
                << QStringLiteral("Sync to %1: cannot verify study %2: %3").arg(target.name, it.key(), error);
            state.verifyWaitUntil = now + kVerifyRetryMs;
            state.problem = tr("cannot verify what the remote holds: %1").arg(error);
            break;
        }
        const QSet<QString> there(remote->begin(), remote->end());
        QStringList missing;
        for (const QString &uid : it.value()) {
            if (!there.contains(uid))
                missing.append(uid);
        }
        const QString study = it.key();
        const int count = int(it.value().size());
        const QString reason = tr("not found on the remote after sending");
        const IndexWriter::Result r = m_writer
                                          .execute([&](SqliteDb &wdb, QStringList &) {
                                              return missing.isEmpty()
                                                  ? syncoutbox::markVerified(wdb, target.name, study, count)
                                                  : syncoutbox::requeue(wdb, target.name, missing, reason, changed);
                                          })
                                          .get();
        if (r.outcome == IndexWriter::Outcome::Failed)
            qCWarning(lcSync).noquote() << "Cannot record the verification:" << r.error;
        if (!missing.isEmpty())
            qCWarning(lcSync).noquote() << QStringLiteral("Sync to %1: %2 of %3 instance(s) of study %4 are missing "
                                                          "on the remote; sending them again")
                                               .arg(target.name)
                                               .arg(missing.size())
                                               .arg(count)
                                               .arg(study);
        changed.append(study);
    }
    if (!changed.isEmpty()) {
        changed.removeDuplicates();
        Q_EMIT studiesChanged(changed);
    }
}

} // namespace lightbox
