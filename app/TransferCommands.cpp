#include "app/TransferCommands.h"

#include "app/CommandOutput.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexWriter.h"
#include "core/service/Ingest.h"
#include "core/service/Workstation.h"
#include "core/storage/FileStore.h"
#include "core/transfer/Exporter.h"
#include "core/transfer/Importer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QTextStream>

namespace lightbox {
namespace {

using cli::fail;
using cli::printJson;

const QCommandLineOption kStorage(QStringLiteral("storage"), QStringLiteral("Storage folder."), QStringLiteral("DIR"));

StorageLocation storageOf(const QCommandLineParser &parser, const QString &defaultRoot)
{
    return StorageLocation(parser.isSet(kStorage) ? parser.value(kStorage) : defaultRoot);
}

} // namespace

int runImportCommand(const QStringList &args, const QString &defaultStorageRoot)
{
    QCommandLineParser parser;
    parser.addOption(kStorage);
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("lightbox::TransferCommands", "Files, folders, DICOMDIRs or zip archives."));
    if (!parser.parse(QStringList {QStringLiteral("lightbox import")} + args))
        return fail(parser.errorText());
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return fail(
            QCoreApplication::translate("lightbox::TransferCommands", "import needs at least one file or folder"));
    const StorageLocation location = storageOf(parser, defaultStorageRoot);

    QString error;
    const std::unique_ptr<QLockFile> lock = lockStorageFolder(location, &error);
    if (!lock)
        return fail(error);
    QDir().mkpath(location.filesDir());
    QDir().mkpath(location.incomingDir());
    IndexWriter index(location.indexPath());
    if (!index.open(&error))
        return fail(error);
    FileStore store(location.filesDir());
    Ingest ingest(store, index);
    Importer importer(ingest, location);
    const ImportSummary summary = importer.run(paths);
    index.close();

    QJsonArray skipped;
    for (const SkippedFile &file : summary.skippedFiles)
        skipped.append(QJsonObject {{QStringLiteral("path"), file.path}, {QStringLiteral("reason"), file.reason}});
    printJson(QJsonObject {
        {QStringLiteral("imported"), summary.imported},
        {QStringLiteral("alreadyStored"), summary.alreadyStored},
        {QStringLiteral("skipped"), summary.skipped},
        {QStringLiteral("skippedFiles"), skipped},
        {QStringLiteral("studies"), QJsonArray::fromStringList(summary.studyInstanceUids)},
        {QStringLiteral("storage"), location.root()},
    });
    return summary.skipped > 0 ? 2 : 0;
}

int runExportCommand(const QStringList &args, const QString &defaultStorageRoot)
{
    QCommandLineParser parser;
    const QCommandLineOption out(
        QStringLiteral("out"),
        QCoreApplication::translate("lightbox::TransferCommands", "Target folder (empty or new)."),
        QStringLiteral("DIR"));
    const QCommandLineOption anonymize(
        QStringLiteral("anonymize"),
        QCoreApplication::translate("lightbox::TransferCommands", "Write de-identified copies."));
    const QCommandLineOption name(
        QStringLiteral("patient-name"),
        QCoreApplication::translate("lightbox::TransferCommands", "Patient name of anonymized copies."),
        QStringLiteral("NAME"));
    const QCommandLineOption id(
        QStringLiteral("patient-id"),
        QCoreApplication::translate("lightbox::TransferCommands", "Patient ID of anonymized copies."),
        QStringLiteral("ID"));
    parser.addOptions({kStorage, out, anonymize, name, id});
    parser.addPositionalArgument(
        QStringLiteral("STUDY_UID"),
        QCoreApplication::translate("lightbox::TransferCommands", "Study Instance UIDs to export."));
    if (!parser.parse(QStringList {QStringLiteral("lightbox export")} + args))
        return fail(parser.errorText());
    if (parser.positionalArguments().isEmpty())
        return fail(
            QCoreApplication::translate("lightbox::TransferCommands", "export needs at least one Study Instance UID"));
    if (!parser.isSet(out))
        return fail(
            QCoreApplication::translate("lightbox::TransferCommands", "export needs a target folder: --out DIR"));

    ExportRequest request;
    request.studyInstanceUids = parser.positionalArguments();
    request.targetFolder = parser.value(out);
    request.anonymize = parser.isSet(anonymize);
    request.anonymizeOptions.patientName = parser.value(name);
    request.anonymizeOptions.patientId = parser.value(id);
    Exporter exporter(storageOf(parser, defaultStorageRoot));
    const ExportSummary summary = exporter.run(request);
    if (!summary.error.isEmpty())
        return fail(summary.error);
    printJson(QJsonObject {
        {QStringLiteral("ok"), summary.ok},
        {QStringLiteral("exported"), summary.exported},
        {QStringLiteral("failed"), summary.failed},
        {QStringLiteral("errors"), QJsonArray::fromStringList(summary.errors)},
        {QStringLiteral("dicomdir"), summary.dicomDirPath},
    });
    return summary.ok ? 0 : 1;
}

} // namespace lightbox
