#include "core/transfer/Importer.h"

#include "core/index/IndexReader.h"
#include "core/net/InstanceSink.h"
#include "core/transfer/DicomFileProbe.h"
#include "core/transfer/ImportPlan.h"
#include "core/transfer/TransferLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QtConcurrent>

#include <thread>
#include <vector>

namespace lightbox {
namespace {

/// A new, unused temporary file name in the incoming folder (same file system as the storage).
QString temporaryPath(const QString &incomingDir)
{
    return QStringLiteral("%1/import-%2-%3.part")
        .arg(incomingDir)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

/// The state the worker threads of one import share.
class ImportRun
{
public:
    ImportRun(InstanceSink &sink, const StorageLocation &location, const ImportPlan &plan)
        : m_sink(sink)
        , m_location(location)
        , m_plan(plan)
    {
        m_association.callingAe = QString();
        m_association.calledAe = QString();
        m_association.peerHost = QStringLiteral("import");
        m_association.startedAt = QDateTime::currentDateTimeUtc();
    }

    /// Imports items until none is left or @p isCancelled says stop. @p onDone is called after each item.
    void work(const std::function<bool()> &isCancelled, const std::function<void(const QString &)> &onDone)
    {
        IndexReader reader(m_location.indexPath());
        IndexReader *index = reader.open() ? &reader : nullptr;
        const qsizetype total = m_plan.items().size();
        while (!isCancelled()) {
            const qsizetype n = m_next.fetch_add(1);
            if (n >= total)
                break;
            const ImportPlan::Item &item = m_plan.items().at(n);
            importOne(item, index);
            m_processed.fetch_add(1);
            onDone(item.displayPath);
        }
    }

    int processed() const { return m_processed.load(); }

    ImportSummary summary()
    {
        std::lock_guard lock(m_mutex);
        return m_summary;
    }

private:
    void importOne(const ImportPlan::Item &item, IndexReader *index)
    {
        QString source = item.filePath;
        QString temp;
        if (item.archive >= 0) {
            temp = temporaryPath(m_location.incomingDir());
            QFile out(temp);
            QString error;
            if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
                skip(item,
                     QCoreApplication::translate("lightbox::Importer",
                                                 "cannot write to the storage's incoming folder (%1)")
                         .arg(out.errorString()));
                return;
            }
            const ZipReader &archive = m_plan.archive(item.archive);
            const bool extracted = archive.extract(archive.entries().at(item.entry), out, &error);
            out.close();
            if (!extracted) {
                QFile::remove(temp);
                skip(item, error);
                return;
            }
            source = temp;
        }
        const DicomFileProbe::Result probe = DicomFileProbe::probe(source);
        if (probe.kind != DicomFileProbe::Kind::Instance) {
            if (!temp.isEmpty())
                QFile::remove(temp);
            skip(item, probe.reason);
            return;
        }
        const InstanceMetadata &meta = probe.meta;
        if (!claim(meta.sopInstanceUid) || (index && index->filePathOf(meta.sopInstanceUid))) {
            if (!temp.isEmpty())
                QFile::remove(temp);
            std::lock_guard lock(m_mutex);
            ++m_summary.alreadyStored;
            addStudy(meta.studyInstanceUid);
            return;
        }
        if (temp.isEmpty()) {
            temp = temporaryPath(m_location.incomingDir());
            if (!QFile::copy(source, temp)) {
                QFile::remove(temp);
                skip(item,
                     QCoreApplication::translate("lightbox::Importer",
                                                 "cannot copy the file into the storage (disk full or not writable?)"));
                return;
            }
            // A copy keeps the source's permissions; a read-only file from a CD must still be movable.
            QFile::setPermissions(temp,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                      | QFileDevice::ReadOther);
        }
        ReceivedFile file;
        file.path = temp;
        file.sopClassUid = meta.sopClassUid;
        file.sopInstanceUid = meta.sopInstanceUid;
        file.transferSyntaxUid = meta.transferSyntaxUid;
        file.size = QFileInfo(temp).size();
        const StoreStatus status = m_sink.accept(file, m_association);
        QFile::remove(temp); // Normally gone already (moved into place or deleted by the sink).
        if (!status.isSuccess()) {
            skip(item, QCoreApplication::translate("lightbox::Importer", "not stored: %1").arg(status.comment));
            return;
        }
        std::lock_guard lock(m_mutex);
        ++m_summary.imported;
        addStudy(meta.studyInstanceUid);
    }

    /// @return false when another file of this import already had @p sopInstanceUid.
    bool claim(const QString &sopInstanceUid)
    {
        std::lock_guard lock(m_mutex);
        if (m_sops.contains(sopInstanceUid))
            return false;
        m_sops.insert(sopInstanceUid);
        return true;
    }

    void skip(const ImportPlan::Item &item, const QString &reason)
    {
        qCDebug(lcTransfer).noquote() << "Skipped" << item.displayPath << ":" << reason;
        std::lock_guard lock(m_mutex);
        ++m_summary.skipped;
        m_summary.skippedFiles.append(SkippedFile {item.displayPath, reason});
    }

    void addStudy(const QString &uid) // m_mutex held
    {
        if (!m_studies.contains(uid)) {
            m_studies.insert(uid);
            m_summary.studyInstanceUids.append(uid);
        }
    }

    InstanceSink &m_sink;
    const StorageLocation &m_location;
    const ImportPlan &m_plan;
    AssociationInfo m_association;
    std::atomic<qsizetype> m_next {0};
    std::atomic<int> m_processed {0};
    std::mutex m_mutex;
    ImportSummary m_summary;
    QSet<QString> m_sops;
    QSet<QString> m_studies;
};

} // namespace

Importer::Importer(InstanceSink &sink, StorageLocation location)
    : m_sink(sink)
    , m_location(std::move(location))
{
}

void Importer::setThreadCount(int threads)
{
    m_threads = threads;
}

ImportSummary Importer::runWith(const QStringList &paths, QPromise<ImportSummary> *promise)
{
    const auto isCancelled = [this, promise] { return stopRequested(promise); };
    const auto report
        = [this, promise](int done, int total, const QString &text) { reportProgress(promise, done, total, text); };

    report(0, 0, QCoreApplication::translate("lightbox::Importer", "Looking for files…"));
    QDir().mkpath(m_location.incomingDir());
    const ImportPlan plan = ImportPlan::collect(paths, isCancelled);
    const int total = static_cast<int>(plan.items().size());
    report(0, total,
           total > 0 ? QCoreApplication::translate("lightbox::Importer", "Importing %n file(s)…", nullptr, total)
                     : QCoreApplication::translate("lightbox::Importer", "Nothing to import"));

    ImportRun importRun(m_sink, m_location, plan);
    const auto onDone = [&](const QString &path) { report(importRun.processed(), total, path); };
    const int ideal = std::max(1, QThread::idealThreadCount());
    const int threads = std::clamp(m_threads > 0 ? m_threads : std::min(4, ideal), 1, std::max(1, total));
    if (threads == 1) {
        importRun.work(isCancelled, onDone);
    } else {
        std::vector<std::thread> workers;
        workers.reserve(static_cast<size_t>(threads));
        for (int i = 0; i < threads; ++i)
            workers.emplace_back([&] { importRun.work(isCancelled, onDone); });
        for (std::thread &worker : workers)
            worker.join();
    }

    ImportSummary summary = importRun.summary();
    for (const SkippedFile &skipped : plan.skipped()) {
        summary.skippedFiles.append(skipped);
        ++summary.skipped;
    }
    summary.cancelled = plan.cancelled() || (isCancelled() && importRun.processed() < total);
    qCInfo(lcTransfer).noquote() << QStringLiteral("Import: %1 imported, %2 already stored, %3 skipped%4")
                                        .arg(summary.imported)
                                        .arg(summary.alreadyStored)
                                        .arg(summary.skipped)
                                        .arg(summary.cancelled ? QStringLiteral(" (cancelled)") : QString());
    return summary;
}

} // namespace lightbox
