#include "app/Commands.h"

#include "app/AppSettings.h"
#include "app/CommandOutput.h"
#include "app/NetCommands.h"
#include "core/common/Credentials.h"
#include "core/common/DicomNode.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexReader.h"
#include "core/net/EchoScu.h"
#include "core/service/Workstation.h"
#include "core/web/DicomWebClient.h"

#include <QDate>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace lightbox {
namespace {

using cli::printJson;

int printError(const QString &message)
{
    QTextStream err(stderr);
    err << "lightbox: " << message << Qt::endl;
    return 1;
}

} // namespace

QString normaliseDate(const QString &text, bool *ok)
{
    *ok = true;
    if (text.isEmpty())
        return {};
    if (text == QLatin1String("today"))
        return QDate::currentDate().toString(QStringLiteral("yyyyMMdd"));
    if (text == QLatin1String("yesterday"))
        return QDate::currentDate().addDays(-1).toString(QStringLiteral("yyyyMMdd"));
    QString digits = text;
    digits.remove(QLatin1Char('-'));
    const QDate date = QDate::fromString(digits, QStringLiteral("yyyyMMdd"));
    *ok = date.isValid();
    return digits;
}

QString selectedStorageRoot(const QCommandLineParser &args)
{
    if (args.isSet(QStringLiteral("storage")))
        return args.value(QStringLiteral("storage"));
    const auto settings = openAppSettings();
    return NodeSettings::load(*settings).storageDir;
}

namespace commands {

int stats(const QCommandLineParser &args)
{
    const StorageLocation location(selectedStorageRoot(args));
    IndexStats s;
    if (QFileInfo::exists(location.indexPath())) {
        IndexReader reader(location.indexPath());
        QString error;
        if (!reader.open(&error))
            return printError(error);
        s = reader.stats();
    }
    printJson(QJsonDocument(QJsonObject {
        {QStringLiteral("patients"), s.patients},
        {QStringLiteral("studies"), s.studies},
        {QStringLiteral("series"), s.series},
        {QStringLiteral("instances"), s.instances},
        {QStringLiteral("bytes"), s.bytes},
        {QStringLiteral("storage"), location.root()},
    }));
    return 0;
}

int studies(const QCommandLineParser &args)
{
    const StorageLocation location(selectedStorageRoot(args));
    StudyQuery q;
    q.patientName = args.value(QStringLiteral("name"));
    q.patientId = args.value(QStringLiteral("id"));
    q.accessionNumber = args.value(QStringLiteral("accession"));
    q.anyText = args.value(QStringLiteral("search"));
    q.modality = args.value(QStringLiteral("modality"));
    q.studyInstanceUid = args.value(QStringLiteral("study-uid"));
    bool ok = true;
    q.dateFrom = normaliseDate(args.value(QStringLiteral("from")), &ok);
    if (!ok)
        return printError(QStringLiteral("--from: expected a date like 20240131, 2024-01-31, today or yesterday"));
    q.dateTo = normaliseDate(args.value(QStringLiteral("to")), &ok);
    if (!ok)
        return printError(QStringLiteral("--to: expected a date like 20240131, 2024-01-31, today or yesterday"));
    if (args.isSet(QStringLiteral("date"))) {
        q.dateFrom = q.dateTo = normaliseDate(args.value(QStringLiteral("date")), &ok);
        if (!ok)
            return printError(QStringLiteral("--date: expected a date like 20240131, 2024-01-31, today or yesterday"));
    }
    if (args.isSet(QStringLiteral("limit")))
        q.limit = args.value(QStringLiteral("limit")).toInt();

    QJsonArray list;
    if (QFileInfo::exists(location.indexPath())) {
        IndexReader reader(location.indexPath());
        QString error;
        if (!reader.open(&error))
            return printError(error);
        for (const StudyRow &r : reader.findStudies(q)) {
            list.append(QJsonObject {
                {QStringLiteral("studyInstanceUid"), r.studyInstanceUid},
                {QStringLiteral("patientId"), r.patientId},
                {QStringLiteral("patientName"), r.patientName},
                {QStringLiteral("patientBirthDate"), r.patientBirthDate},
                {QStringLiteral("patientSex"), r.patientSex},
                {QStringLiteral("studyDate"), r.studyDate},
                {QStringLiteral("studyTime"), r.studyTime},
                {QStringLiteral("studyId"), r.studyId},
                {QStringLiteral("accessionNumber"), r.accessionNumber},
                {QStringLiteral("studyDescription"), r.studyDescription},
                {QStringLiteral("referringPhysicianName"), r.referringPhysicianName},
                {QStringLiteral("modalities"), r.modalities},
                {QStringLiteral("series"), r.seriesCount},
                {QStringLiteral("instances"), r.instanceCount},
                {QStringLiteral("bytes"), r.sizeBytes},
                {QStringLiteral("receivedAt"), r.receivedAt.toUTC().toString(Qt::ISODateWithMs)},
                {QStringLiteral("updatedAt"), r.updatedAt.toUTC().toString(Qt::ISODateWithMs)},
            });
        }
    }
    printJson(QJsonDocument(list));
    return 0;
}

// A DICOMweb destination: an authenticated QIDO-RS request with the stored password or token.
static int echoWeb(const Destination &d, int timeoutSeconds)
{
    QString why;
    const std::optional<QString> secret
        = d.auth == Destination::WebAuth::None ? std::optional<QString>(QString()) : credentials::load(d.name, &why);
    if (!secret)
        return printError(why.isEmpty() ? QStringLiteral("no password is stored for \"%1\": add the destination "
                                                         "again with the password on standard input")
                                              .arg(d.name)
                                        : why);
    const WebEchoResult r = DicomWebClient(d, *secret, timeoutSeconds).echo();
    QJsonObject o {{QStringLiteral("ok"), r.ok},
                   {QStringLiteral("destination"), d.name},
                   {QStringLiteral("url"), d.url},
                   {QStringLiteral("httpStatus"), r.httpStatus},
                   {QStringLiteral("roundTripMs"), qRound(r.elapsedMs * 10) / 10.0}};
    if (!r.ok)
        o.insert(QStringLiteral("error"), r.error);
    printJson(QJsonDocument(o));
    return r.ok ? 0 : 1;
}

int echo(const QCommandLineParser &args, const QStringList &positional)
{
    if (positional.size() != 2)
        return printError(
            QStringLiteral("usage: lightbox echo NAME|AET@HOST:PORT [--aet CALLING_AE] [--timeout SECONDS]"));
    const int timeout = args.isSet(QStringLiteral("timeout")) ? args.value(QStringLiteral("timeout")).toInt() : 10;
    const auto web = destinations::byName(destinations::load(*openAppSettings()), positional.at(1));
    if (web && web->kind == Destination::Kind::DicomWeb)
        return echoWeb(*web, qMax(1, timeout));
    QString why;
    const auto destination = resolveRemote(positional.at(1), *openAppSettings(), &why);
    if (!destination)
        return printError(why);
    const DicomNode *node = &destination->node;
    QString callingAe = args.value(QStringLiteral("aet"));
    if (callingAe.isEmpty()) {
        const auto settings = openAppSettings();
        callingAe = NodeSettings::load(*settings).aeTitle;
    }
    if (const QString bad = validateAeTitle(callingAe); !bad.isEmpty())
        return printError(bad);
    const EchoResult r = EchoScu::echo(*node, callingAe, qMax(1, timeout));
    QJsonObject o {{QStringLiteral("ok"), r.ok},
                   {QStringLiteral("remote"), node->toString()},
                   {QStringLiteral("callingAe"), callingAe},
                   {QStringLiteral("roundTripMs"), qRound(r.roundTripMs * 10) / 10.0}};
    if (!r.ok) {
        o.insert(QStringLiteral("error"), r.error);
        if (!r.detail.isEmpty())
            o.insert(QStringLiteral("detail"), r.detail);
    }
    printJson(QJsonDocument(o));
    return r.ok ? 0 : 1;
}

int reindex(const QCommandLineParser &args)
{
    const StorageLocation location(selectedStorageRoot(args));
    QString summary;
    QString error;
    if (!Workstation::reindex(location, &summary, &error))
        return printError(error);
    QTextStream(stdout) << "lightbox: " << summary << Qt::endl;
    return 0;
}

} // namespace commands
} // namespace lightbox
