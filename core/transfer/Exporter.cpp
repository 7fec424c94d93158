#include "core/transfer/Exporter.h"

#include "core/dicom/DcmtkSetup.h"
#include "core/index/IndexReader.h"
#include "core/transfer/DicomDirWriter.h"
#include "core/transfer/MediaLayout.h"
#include "core/transfer/Part10Copy.h"
#include "core/transfer/TransferLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent>

#include <optional>

namespace lightbox {
namespace {

/// The entry of @p folder named @p name in any letter case, if there is one.
std::optional<QString> findEntry(const QString &folder, const QString &name)
{
    const QStringList entries = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &entry : entries) {
        if (entry.compare(name, Qt::CaseInsensitive) == 0)
            return entry;
    }
    return std::nullopt;
}

struct ExportJob
{
    QString source; ///< Absolute path of the stored file.
    QString relative; ///< Its media path below the target folder.
};

} // namespace

Exporter::Exporter(StorageLocation location)
    : m_location(std::move(location))
{
}

ExportSummary Exporter::runWith(const ExportRequest &request, QPromise<ExportSummary> *promise)
{
    const auto isCancelled = [this, promise] { return stopRequested(promise); };
    const auto report
        = [this, promise](int done, int total, const QString &text) { reportProgress(promise, done, total, text); };
    ExportSummary summary;
    const auto finish = [&](ExportSummary result) {
        qCInfo(lcTransfer).noquote() << QStringLiteral("Export to %1: %2 file(s), %3 failed%4%5")
                                            .arg(request.targetFolder)
                                            .arg(result.exported)
                                            .arg(result.failed)
                                            .arg(result.cancelled ? QStringLiteral(" (cancelled)") : QString(),
                                                 result.error.isEmpty() ? QString()
                                                                        : QStringLiteral(": ") + result.error);
        return result;
    };
    const auto refuse = [&](const QString &why) {
        summary.error = why;
        return finish(summary);
    };

    initializeDcmtk();
    report(0, 0, QCoreApplication::translate("lightbox::Exporter", "Preparing the export…"));
    if (request.studyInstanceUids.isEmpty())
        return refuse(QCoreApplication::translate("lightbox::Exporter", "No study was chosen for export."));
    if (request.targetFolder.isEmpty())
        return refuse(QCoreApplication::translate("lightbox::Exporter", "No target folder was chosen for export."));
    const QString target = QFileInfo(request.targetFolder).absoluteFilePath();
    if (!QDir().mkpath(target))
        return refuse(QCoreApplication::translate("lightbox::Exporter",
                                                  "Cannot create the folder %1: check the path and your permissions.")
                          .arg(target));
    if (findEntry(target, QStringLiteral("DICOMDIR")))
        return refuse(QCoreApplication::translate(
                          "lightbox::Exporter",
                          "The folder %1 already holds a DICOMDIR. Choose an empty folder, so that two exports are "
                          "not mixed.")
                          .arg(target));
    if (const auto dicom = findEntry(target, QStringLiteral("DICOM")))
        return refuse(QCoreApplication::translate(
                          "lightbox::Exporter",
                          "The folder %1 already holds a folder %2. Choose an empty folder, so that two exports are "
                          "not mixed.")
                          .arg(target, *dicom));

    IndexReader reader(m_location.indexPath());
    QString error;
    if (!reader.open(&error))
        return refuse(QCoreApplication::translate("lightbox::Exporter", "Cannot read the index of %1: %2")
                          .arg(m_location.root(), error));
    MediaLayout layout;
    QList<ExportJob> jobs;
    for (const QString &studyUid : request.studyInstanceUids) {
        StudyQuery query;
        query.studyInstanceUids = QStringList {studyUid};
        const QList<StudyRow> rows = reader.findStudies(query);
        if (rows.isEmpty())
            return refuse(
                QCoreApplication::translate("lightbox::Exporter", "The study %1 is not in the storage.").arg(studyUid));
        const QString patientKey = rows.first().patientId + QLatin1Char('\n') + rows.first().patientName;
        for (const InstanceFile &file : reader.filesOfStudy(studyUid)) {
            jobs.append(ExportJob {m_location.filesDir() + QLatin1Char('/') + file.filePath,
                                   layout.nextPath(patientKey, studyUid, file.seriesInstanceUid)});
        }
    }
    if (jobs.isEmpty())
        return refuse(QCoreApplication::translate("lightbox::Exporter", "The chosen studies have no stored files."));

    const int total = static_cast<int>(jobs.size()) * 2;
    report(0, total, QCoreApplication::translate("lightbox::Exporter", "Exporting %1 file(s)…").arg(jobs.size()));
    std::optional<Anonymizer> anonymizer;
    if (request.anonymize)
        anonymizer.emplace(request.anonymizeOptions);
    QStringList written;
    int done = 0;
    const auto removePartialMedia = [&] {
        QDir(target + QStringLiteral("/DICOM")).removeRecursively();
        QFile::remove(target + QStringLiteral("/DICOMDIR"));
    };
    for (const ExportJob &job : std::as_const(jobs)) {
        if (isCancelled()) {
            removePartialMedia();
            summary.cancelled = true;
            return finish(summary);
        }
        const QString out = target + QLatin1Char('/') + job.relative;
        QDir().mkpath(QFileInfo(out).absolutePath());
        const bool ok
            = anonymizer ? anonymizer->anonymize(job.source, out, &error) : copyAsPart10(job.source, out, &error);
        if (ok) {
            ++summary.exported;
            written.append(job.relative);
        } else {
            ++summary.failed;
            summary.errors.append(error);
        }
        report(++done, total, job.relative);
    }

    DicomDirWriter dicomDir;
    if (!dicomDir.create(target, &error)) {
        summary.errors.append(error);
        return finish(summary);
    }
    for (const QString &relative : std::as_const(written)) {
        if (isCancelled()) {
            removePartialMedia();
            summary.cancelled = true;
            return finish(summary);
        }
        if (!dicomDir.add(relative, &error))
            summary.errors.append(error);
        report(++done, total,
               QCoreApplication::translate("lightbox::Exporter", "Writing the DICOMDIR: %1").arg(relative));
    }
    if (!dicomDir.write(&error)) {
        summary.errors.append(error);
        return finish(summary);
    }
    summary.dicomDirPath = target + QStringLiteral("/DICOMDIR");
    summary.ok = summary.failed == 0 && summary.errors.isEmpty();
    report(total, total,
           QCoreApplication::translate("lightbox::Exporter", "Exported %1 file(s)").arg(summary.exported));
    return finish(summary);
}

} // namespace lightbox
