#include "app/SyncCommands.h"

#include "app/AppSettings.h"
#include "app/CommandOutput.h"
#include "core/common/Destination.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexWriter.h"
#include "core/index/SqliteDb.h"
#include "core/index/SyncOutbox.h"
#include "core/service/Workstation.h"
#include "core/sync/SyncService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLockFile>
#include <QSettings>
#include <QThread>

namespace lightbox {
namespace {

using cli::fail;
using cli::printJson;

QJsonObject statusJson(SqliteDb &db, const QList<Destination> &targets, bool running)
{
    const QHash<QString, SyncCounts> counts = syncoutbox::counts(db);
    QJsonArray list;
    qint64 pending = 0, sent = 0, failed = 0;
    for (const Destination &d : targets) {
        const SyncCounts c = counts.value(d.name);
        pending += c.pending;
        sent += c.sent;
        failed += c.failed;
        QJsonObject o {{QStringLiteral("name"), d.name},
                       {QStringLiteral("kind"),
                        d.kind == Destination::Kind::DicomWeb ? QStringLiteral("dicomweb") : QStringLiteral("dicom")},
                       {QStringLiteral("pending"), c.pending},
                       {QStringLiteral("sent"), c.sent},
                       {QStringLiteral("failed"), c.failed}};
        if (d.verifySync)
            o.insert(QStringLiteral("verifiedStudies"), c.verifiedStudies);
        if (!c.lastError.isEmpty())
            o.insert(QStringLiteral("lastError"), c.lastError);
        list.append(o);
    }
    QJsonArray failedStudies;
    const QStringList failedUids = syncoutbox::studiesInState(db, 2, 200);
    const QHash<QString, StudySync> states = syncoutbox::studies(db, failedUids);
    for (const QString &uid : failedUids) {
        const StudySync s = states.value(uid);
        failedStudies.append(QJsonObject {{QStringLiteral("study"), uid},
                                          {QStringLiteral("failed"), s.failed},
                                          {QStringLiteral("sent"), s.sent},
                                          {QStringLiteral("reason"), s.reason}});
    }
    return {{QStringLiteral("destinations"), list},
            {QStringLiteral("pending"), pending},
            {QStringLiteral("sent"), sent},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("failedStudies"), failedStudies},
            {QStringLiteral("lightboxRunning"), running}};
}

} // namespace

int runSyncCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption all(
        QStringLiteral("all"),
        QCoreApplication::translate("lightbox::SyncCommands",
                                    "Queue every stored instance the sync rules select that is not on the remote."));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QCoreApplication::translate("lightbox::SyncCommands", "Print how syncing stands."));
    const QCommandLineOption retry(
        QStringLiteral("retry-failed"),
        QCoreApplication::translate("lightbox::SyncCommands", "Queue the failed instances again."));
    const QCommandLineOption study(
        QStringLiteral("study"),
        QCoreApplication::translate("lightbox::SyncCommands", "Sync this study now (again if already synced)."),
        QStringLiteral("UID"));
    const QCommandLineOption destination(
        QStringLiteral("destination"),
        QCoreApplication::translate("lightbox::SyncCommands", "With --retry-failed: only this destination."),
        QStringLiteral("NAME"));
    const QCommandLineOption wait(
        QStringLiteral("wait"),
        QCoreApplication::translate("lightbox::SyncCommands",
                                    "Wait until nothing is left to send (always so when no Lightbox runs)."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QCoreApplication::translate("lightbox::SyncCommands", "Seconds to wait at most (default 3600)."),
        QStringLiteral("S"));
    const QCommandLineOption storage(QStringLiteral("storage"),
                                     QCoreApplication::translate("lightbox::SyncCommands", "Storage folder."),
                                     QStringLiteral("DIR"));
    parser.addOptions({all, status, retry, study, destination, wait, timeout, storage});
    if (!parser.parse(QStringList {QStringLiteral("lightbox sync")} + args))
        return fail(parser.errorText());
    const int actions
        = int(parser.isSet(all)) + int(parser.isSet(status)) + int(parser.isSet(retry)) + int(parser.isSet(study));
    if (actions != 1 || !parser.positionalArguments().isEmpty())
        return fail(QCoreApplication::translate(
            "lightbox::SyncCommands",
            "usage: lightbox sync --all | --status | --retry-failed [--destination NAME] | --study UID... "
            "[--wait] [--timeout S]"));

    const auto settings = openAppSettings();
    const StorageLocation location(parser.isSet(storage) ? parser.value(storage)
                                                         : NodeSettings::load(*settings).storageDir);
    const NodeSettings node = NodeSettings::load(*settings);
    QList<Destination> targets;
    for (const Destination &d : destinations::load(*settings)) {
        if (d.roles.testFlag(Destination::Sync))
            targets.append(d);
    }
    if (parser.isSet(destination) && !destinations::byName(targets, parser.value(destination)))
        return fail(QCoreApplication::translate("lightbox::SyncCommands",
                                                "no sync destination called \"%1\" (see lightbox destination list)")
                        .arg(parser.value(destination)));
    const bool running = runningListener(location).has_value();
    if (!QFile::exists(location.indexPath()))
        return fail(
            QCoreApplication::translate("lightbox::SyncCommands", "no Lightbox storage at %1").arg(location.root()));

    if (parser.isSet(status)) {
        // Opening the writer once brings an older index to the current schema (a no-op otherwise).
        if (!running) {
            IndexWriter migrate(location.indexPath());
            QString why;
            if (!migrate.open(&why))
                return fail(why);
        }
        SqliteDb db;
        if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
            return fail(
                QCoreApplication::translate("lightbox::SyncCommands", "cannot read the index: %1").arg(db.lastError()));
        printJson(statusJson(db, targets, running));
        return 0;
    }
    if (targets.isEmpty())
        return fail(QCoreApplication::translate(
            "lightbox::SyncCommands",
            "no destination has the sync role: add one with `lightbox destination add NAME AET@HOST:PORT "
            "--roles sync`"));

    const int timeoutMs = (parser.isSet(timeout) ? qMax(1, parser.value(timeout).toInt()) : 3600) * 1000;
    std::unique_ptr<QLockFile> lock;
    if (!running) {
        QString why;
        lock = lockStorageFolder(location, &why);
        if (!lock)
            return fail(why);
    }
    IndexWriter writer(location.indexPath());
    QString why;
    if (!writer.open(&why))
        return fail(why);
    // Without a running Lightbox this process sends; with one, it only queues (the running one polls the outbox).
    SyncService service(location.indexPath(), location.filesDir(), writer);
    service.setCallingAe(node.aeTitle);
    writer.setSyncTargets(targets);
    const QStringList studies = parser.values(study);
    int count = 0;
    IndexWriter::Result result;
    QStringList changed;
    if (parser.isSet(retry)) {
        result = writer
                     .execute([&](SqliteDb &db, QStringList &) {
                         return syncoutbox::retryFailed(db, parser.value(destination), &count, changed);
                     })
                     .get();
    } else {
        result = writer
                     .execute([&](SqliteDb &db, QStringList &) {
                         return syncoutbox::enqueue(db, targets, studies, !studies.isEmpty(), &count, changed);
                     })
                     .get();
    }
    if (result.outcome == IndexWriter::Outcome::Failed)
        return fail(result.error);

    QJsonObject out {{QStringLiteral("queued"), count}, {QStringLiteral("lightboxRunning"), running}};
    if (running && !parser.isSet(wait)) {
        writer.close();
        out.insert(QStringLiteral("message"),
                   QCoreApplication::translate("lightbox::SyncCommands", "queued; the running Lightbox sends them"));
        printJson(out);
        return 0;
    }
    QElapsedTimer clock;
    clock.start();
    bool idle = false;
    if (!running) {
        service.setDestinations(targets);
        service.start();
        service.wake();
        // Keep this thread's events going: the keyring answers the worker's credential requests here.
        while (!idle && clock.elapsed() < timeoutMs) {
            idle = service.waitUntilIdle(50);
            QCoreApplication::processEvents();
        }
        service.stop();
    } else {
        // The running Lightbox sends: watch the outbox until nothing is pending any more.
        SqliteDb db;
        if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
            return fail(
                QCoreApplication::translate("lightbox::SyncCommands", "cannot read the index: %1").arg(db.lastError()));
        while (clock.elapsed() < timeoutMs) {
            qint64 pending = 0;
            const QHash<QString, SyncCounts> counts = syncoutbox::counts(db);
            for (const Destination &d : std::as_const(targets))
                pending += counts.value(d.name).pending;
            if (pending == 0) {
                idle = true;
                break;
            }
            QThread::msleep(250);
        }
    }
    writer.close();
    SqliteDb db;
    if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
        return fail(
            QCoreApplication::translate("lightbox::SyncCommands", "cannot read the index: %1").arg(db.lastError()));
    const QJsonObject st = statusJson(db, targets, running);
    for (auto it = st.constBegin(); it != st.constEnd(); ++it)
        out.insert(it.key(), it.value());
    out.insert(QStringLiteral("seconds"), clock.elapsed() / 1000.0);
    printJson(out);
    if (!idle)
        return fail(
            QCoreApplication::translate("lightbox::SyncCommands", "still sending after %1 s").arg(timeoutMs / 1000));
    if (st.value(QStringLiteral("pending")).toInteger() > 0 || st.value(QStringLiteral("failed")).toInteger() > 0)
        return fail(QCoreApplication::translate(
            "lightbox::SyncCommands",
            "not everything is on the remote: see \"lastError\" and \"failedStudies\" above"));
    return 0;
}

} // namespace lightbox
