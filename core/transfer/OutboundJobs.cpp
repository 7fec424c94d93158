#include "core/transfer/OutboundJobs.h"

#include "core/common/Logging.h"
#include "core/net/RetrieveScu.h"
#include "core/net/StoreScu.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

namespace lightbox {
namespace {

// StoreScu proposes a context of its own for data held in another syntax than explicit VR little endian.
bool needsOwnContext(const QString &ts)
{
    return !ts.isEmpty() && ts != QLatin1String("1.2.840.10008.1.2.1");
}

// Files that go over one association: their contexts fit in its 128 presentation contexts (StoreScu proposes one
// uncompressed context per SOP class and one more per other syntax the data of that class is held in).
struct Batch
{
    QList<int> files; ///< Indexes into the request's files.
    QList<StoreContext> contexts;
    QSet<QString> classes;
    QSet<QString> compressed; ///< "SOP class|syntax" pairs with a context of their own.
    int proposals() const { return int(classes.size() + compressed.size()); }
};

QList<Batch> batchesOf(const QList<std::optional<StoreContext>> &contexts, int maxContexts)
{
    QList<Batch> batches;
    for (int i = 0; i < contexts.size(); ++i) {
        if (!contexts[i])
            continue;
        const StoreContext &c = *contexts[i];
        const QString pair = c.sopClassUid + QLatin1Char('|') + c.transferSyntaxUid;
        auto extra = [&](const Batch &b) {
            int n = b.classes.contains(c.sopClassUid) ? 0 : 1;
            if (needsOwnContext(c.transferSyntaxUid) && !b.compressed.contains(pair))
                ++n;
            return n;
        };
        if (batches.isEmpty() || batches.last().proposals() + extra(batches.last()) > maxContexts)
            batches.append(Batch {});
        Batch &b = batches.last();
        b.files.append(i);
        if (!b.contexts.contains(c))
            b.contexts.append(c);
        b.classes.insert(c.sopClassUid);
        if (needsOwnContext(c.transferSyntaxUid))
            b.compressed.insert(pair);
    }
    return batches;
}

} // namespace

SendSummary SendJob::runWith(const SendRequest &request, QPromise<SendSummary> *promise)
{
    SendSummary summary;
    QElapsedTimer clock;
    clock.start();
    const int total = int(request.files.size());
    summary.instances.resize(total);
    for (int i = 0; i < total; ++i)
        summary.instances[i].filePath = request.files[i];
    const auto finish = [&]() {
        summary.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        for (const SentInstance &s : std::as_const(summary.instances)) {
            if (s.ok())
                ++summary.sent;
            else
                ++summary.failed;
        }
        return summary;
    };
    if (request.destination.kind != Destination::Kind::Dicom) {
        summary.error = QCoreApplication::translate(
                            "lightbox::OutboundJobs",
                            "\"%1\" is a DICOMweb destination: sending there goes through sync, not C-STORE")
                            .arg(request.destination.name);
        for (SentInstance &s : summary.instances)
            s.error = summary.error;
        return finish();
    }
    const QString what = request.label.isEmpty() ? request.destination.name : request.label;
    reportProgress(
        promise, 0, total,
        QCoreApplication::translate("lightbox::OutboundJobs", "Sending to %1").arg(request.destination.name));

    QList<std::optional<StoreContext>> contexts;
    for (int i = 0; i < total; ++i) {
        QString error;
        contexts.append(StoreScu::contextOf(request.files[i], &error));
        if (!contexts.last())
            summary.instances[i].error
                = QCoreApplication::translate("lightbox::OutboundJobs", "not sent: %1").arg(error);
    }

    int done = 0;
    QString firstConnectError;
    bool anyConnected = false;
    for (const Batch &batch : batchesOf(contexts, kMaxContextsPerAssociation)) {
        StoreScu scu;
        QString error;
        auto connect = [&]() {
            return scu.connect(request.destination.node, request.callingAe, batch.contexts, &error,
                               request.timeoutSeconds);
        };
        bool connected = connect();
        bool reconnected = false;
        if (connected)
            anyConnected = true;
        else if (firstConnectError.isEmpty())
            firstConnectError = error;
        for (const int i : batch.files) {
            SentInstance &instance = summary.instances[i];
            if (stopRequested(promise)) {
                summary.cancelled = true;
                instance.error = QCoreApplication::translate("lightbox::OutboundJobs", "not sent: cancelled");
                continue;
            }
            if (!connected && !reconnected && anyConnected) {
                // The association was lost (the remote dropped it): one more try for the rest of this batch.
                reconnected = true;
                connected = connect();
            }
            if (!connected) {
                instance.error = QCoreApplication::translate("lightbox::OutboundJobs", "not sent: %1").arg(error);
                continue;
            }
            const StoreResult r = scu.send(request.files[i]);
            instance.sopInstanceUid = r.sopInstanceUid;
            instance.status = r.responded ? r.status : 0xFFFF;
            if (r.success() || r.warning())
                summary.bytes += r.bytes;
            else
                instance.error = r.error;
            if (!scu.isConnected())
                connected = false;
            ++done;
            reportProgress(promise, done, total, what);
        }
        if (scu.isConnected())
            scu.release();
    }
    if (!anyConnected && !firstConnectError.isEmpty())
        summary.error = firstConnectError;
    finish();
    qCInfo(lcNet).noquote() << QStringLiteral("Sent to %1: %2 ok, %3 failed, %4 bytes, %5 ms%6")
                                   .arg(request.destination.name)
                                   .arg(summary.sent)
                                   .arg(summary.failed)
                                   .arg(summary.bytes)
                                   .arg(qRound(summary.elapsedMs))
                                   .arg(summary.cancelled ? QStringLiteral(" (cancelled)") : QString());
    return summary;
}

RetrieveJob::RetrieveJob(InstanceSink *sink, const QString &incomingDir)
    : m_sink(sink)
    , m_incomingDir(incomingDir)
{
}

RetrieveSummary RetrieveJob::runWith(const RetrieveRequest &request, QPromise<RetrieveSummary> *promise)
{
    RetrieveSummary summary;
    QElapsedTimer clock;
    clock.start();
    const auto finish = [&]() {
        summary.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        return summary;
    };
    const Destination &source = request.source;
    const bool useGet = source.retrieve == Destination::RetrieveMethod::Get;
    if (source.kind != Destination::Kind::Dicom) {
        summary.error
            = QCoreApplication::translate("lightbox::OutboundJobs",
                                          "\"%1\" is a DICOMweb destination: retrieving from it is not supported")
                  .arg(source.name);
        return finish();
    }
    if (request.studyInstanceUids.isEmpty()) {
        summary.error = QCoreApplication::translate("lightbox::OutboundJobs", "nothing to retrieve: no study given");
        return finish();
    }
    if (useGet && !m_sink) {
        summary.error = QCoreApplication::translate(
            "lightbox::OutboundJobs", "retrieving by C-GET needs a place to store the instances (no ingest given)");
        return finish();
    }
    const QString incoming = m_incomingDir.isEmpty() ? QDir::tempPath() : m_incomingDir;
    if (useGet)
        QDir().mkpath(incoming);

    int doneBefore = 0;
    reportProgress(promise, 0, 0,
                   QCoreApplication::translate("lightbox::OutboundJobs", "Retrieving from %1").arg(source.name));
    for (int s = 0; s < request.studyInstanceUids.size(); ++s) {
        if (stopRequested(promise)) {
            summary.cancelled = true;
            break;
        }
        RetrieveTarget target;
        target.studyInstanceUid = request.studyInstanceUids[s];
        if (s == 0)
            target.seriesInstanceUids = request.seriesInstanceUids;
        RetrieveScu scu;
        scu.setTimeout(request.timeoutSeconds);
        scu.setStopRequested([this, promise] { return stopRequested(promise); });
        scu.setProgress([&](int done, int total) {
            reportProgress(
                promise, doneBefore + done, total > 0 ? doneBefore + total : 0,
                QCoreApplication::translate("lightbox::OutboundJobs", "Retrieving from %1").arg(source.name));
        });
        const RetrieveOutcome r = useGet
            ? scu.get(source.node, request.callingAe, target, *m_sink, incoming)
            : scu.move(source.node, request.callingAe,
                       request.moveDestination.isEmpty() ? request.callingAe : request.moveDestination, target);
        summary.completed += r.completed;
        summary.warnings += r.warnings;
        summary.failed += r.failed;
        summary.failures += r.failures;
        doneBefore += r.completed + r.warnings + r.failed;
        if (r.cancelled)
            summary.cancelled = true;
        if (!r.error.isEmpty()) {
            summary.error = r.error;
            break;
        }
    }
    return finish();
}

} // namespace lightbox
