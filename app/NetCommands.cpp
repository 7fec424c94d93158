#include "app/NetCommands.h"

#include "app/AppSettings.h"
#include "app/CommandOutput.h"
#include "app/Commands.h"
#include "core/common/Credentials.h"
#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexWriter.h"
#include "core/net/FindScu.h"
#include "core/net/InstanceSink.h"
#include "core/service/Ingest.h"
#include "core/service/Workstation.h"
#include "core/storage/FileStore.h"
#include "core/transfer/OutboundJobs.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>

#include <termios.h>
#include <unistd.h>

namespace lightbox {
namespace {

using cli::fail;
using cli::printJson;

QCommandLineOption aetOption()
{
    return {QStringLiteral("aet"),
            QCoreApplication::translate("lightbox::NetCommands", "Our calling AE title (default from settings)."),
            QStringLiteral("AE")};
}

QCommandLineOption timeoutOption()
{
    return {QStringLiteral("timeout"),
            QCoreApplication::translate("lightbox::NetCommands", "Seconds to wait for the remote (default 30)."),
            QStringLiteral("S")};
}

QCommandLineOption storageOption()
{
    return {QStringLiteral("storage"), QCoreApplication::translate("lightbox::NetCommands", "Storage folder."),
            QStringLiteral("DIR")};
}

// Our AE title: --aet, else the settings'. @return empty with @p error set when invalid.
QString callingAeOf(const QCommandLineParser &parser, QSettings &settings, QString *error)
{
    const QString ae = parser.isSet(QStringLiteral("aet")) ? parser.value(QStringLiteral("aet"))
                                                           : NodeSettings::load(settings).aeTitle;
    if (const QString bad = validateAeTitle(ae); !bad.isEmpty()) {
        *error = QStringLiteral("--aet: %1").arg(bad);
        return {};
    }
    return ae;
}

int timeoutOf(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("timeout")) ? qMax(1, parser.value(QStringLiteral("timeout")).toInt()) : 30;
}

StorageLocation storageOf(const QCommandLineParser &parser, QSettings &settings)
{
    return StorageLocation(parser.isSet(QStringLiteral("storage")) ? parser.value(QStringLiteral("storage"))
                                                                   : NodeSettings::load(settings).storageDir);
}

QJsonObject destinationJson(const Destination &d)
{
    QJsonObject o {{QStringLiteral("name"), d.name},
                   {QStringLiteral("kind"),
                    d.kind == Destination::Kind::Dicom ? QStringLiteral("dicom") : QStringLiteral("dicomweb")},
                   {QStringLiteral("roles"), rolesToString(d.roles)},
                   {QStringLiteral("retrieve"), retrieveMethodToString(d.retrieve)}};
    if (d.kind == Destination::Kind::Dicom) {
        o.insert(QStringLiteral("aeTitle"), d.node.aeTitle);
        o.insert(QStringLiteral("host"), d.node.host);
        o.insert(QStringLiteral("port"), d.node.port);
    } else {
        o.insert(QStringLiteral("url"), d.url);
        o.insert(QStringLiteral("auth"), webAuthToString(d.auth));
        if (!d.user.isEmpty())
            o.insert(QStringLiteral("user"), d.user);
    }
    if (d.roles.testFlag(Destination::Sync)) {
        o.insert(QStringLiteral("syncModalities"), QJsonArray::fromStringList(d.syncModalities));
        o.insert(QStringLiteral("syncCallingAes"), QJsonArray::fromStringList(d.syncCallingAes));
        o.insert(QStringLiteral("verifySync"), d.verifySync);
    }
    return o;
}

// "CT, MR" -> {"CT", "MR"}.
QStringList commaList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

// The first line of standard input, without echo when it is a terminal (then after a prompt on stderr).
// Secrets are never taken from the command line: argv is visible to every user in `ps`.
QString readSecretLine(const QString &prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved {};
    QTextStream err(stderr);
    if (terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        err << prompt << Qt::flush;
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err << Qt::endl;
    }
    return line;
}

// Parses the verb's own arguments. @return false after printing the reason.
bool parse(QCommandLineParser &parser, const QString &verb, const QStringList &args)
{
    if (!parser.parse(QStringList {QStringLiteral("lightbox ") + verb} + args)) {
        fail(parser.errorText());
        return false;
    }
    return true;
}

/// Keeps what a C-GET brings in a folder of its own (a running Lightbox owns the storage; the files are forwarded
/// to it afterwards).
class KeepSink : public InstanceSink
{
public:
    StoreStatus accept(const ReceivedFile &file, const AssociationInfo &) override
    {
        files.append(file.path);
        return {};
    }
    QStringList files;
};

// `destination add NAME --dicomweb URL ...`: the secret comes from standard input and goes to the keyring (or
// the user-only file), never into the settings file.
int addWebDestination(Destination d, const QString &url, const QString &user, const std::optional<QString> &authText,
                      QSettings &settings, QList<Destination> &table)
{
    d.kind = Destination::Kind::DicomWeb;
    d.url = url.trimmed();
    d.user = user.trimmed();
    d.auth = d.user.isEmpty() ? Destination::WebAuth::None : Destination::WebAuth::Basic;
    if (authText) {
        const auto auth = parseWebAuth(*authText);
        if (!auth)
            return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                    "--auth: use basic, bearer or none, not "
                                                    "\"%1\"")
                            .arg(*authText));
        d.auth = *auth;
    }
    if (const QString bad = validateDestination(d, table); !bad.isEmpty())
        return fail(bad);
    if (d.auth != Destination::WebAuth::None) {
        const bool token = d.auth == Destination::WebAuth::Bearer;
        const QString secret = readSecretLine(
            token
                ? QCoreApplication::translate("lightbox::NetCommands", "Token for %1: ").arg(d.name)
                : QCoreApplication::translate("lightbox::NetCommands", "Password of %1 for %2: ").arg(d.user, d.name));
        if (secret.isEmpty())
            return fail(token ? QCoreApplication::translate("lightbox::NetCommands",
                                                            "bearer authentication needs the token on the first line "
                                                            "of standard input (e.g. ... < token.txt)")
                              : QCoreApplication::translate("lightbox::NetCommands",
                                                            "basic authentication needs the password on the first "
                                                            "line of standard input (e.g. ... < password.txt)"));
        QString why;
        if (!credentials::store(d.name, secret, &why))
            return fail(QCoreApplication::translate("lightbox::NetCommands", "cannot keep the password: %1").arg(why));
    }
    table.append(d);
    destinations::save(settings, table);
    settings.sync();
    QJsonObject out = destinationJson(d);
    if (d.auth != Destination::WebAuth::None)
        out.insert(QStringLiteral("secretKeptIn"), credentials::backendName());
    printJson(QJsonDocument(out));
    return 0;
}

bool somethingListensOn(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    const bool up = socket.waitForConnected(3000);
    socket.abort();
    return up;
}

} // namespace

std::optional<Destination> resolveRemote(const QString &text, QSettings &settings, QString *error)
{
    if (text.contains(QLatin1Char('@'))) {
        const auto node = DicomNode::parse(text, error);
        if (!node)
            return std::nullopt;
        Destination d;
        d.name = node->toString();
        d.node = *node;
        d.roles = Destination::Send | Destination::QueryRetrieve;
        return d;
    }
    const auto found = destinations::byName(destinations::load(settings), text);
    if (!found) {
        *error = QCoreApplication::translate("lightbox::NetCommands",
                                             "no destination called \"%1\", and it is no address either: "
                                             "expected AET@HOST:PORT (e.g. ORTHANC@127.0.0.1:4242) or the name of "
                                             "a destination (see lightbox destination list)")
                     .arg(text);
        return std::nullopt;
    }
    if (found->kind != Destination::Kind::Dicom) {
        *error = QCoreApplication::translate("lightbox::NetCommands",
                                             "\"%1\" is a DICOMweb destination: this command needs a DICOM node")
                     .arg(found->name);
        return std::nullopt;
    }
    return found;
}

int runDestinationCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption roles(
        QStringLiteral("roles"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "send, query and/or sync, comma-separated (default send)."),
        QStringLiteral("ROLES"));
    const QCommandLineOption retrieve(
        QStringLiteral("retrieve"),
        QCoreApplication::translate("lightbox::NetCommands", "How to retrieve from it: move (default) or get."),
        QStringLiteral("METHOD"));
    const QCommandLineOption dicomweb(
        QStringLiteral("dicomweb"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "A DICOMweb server at this service root (e.g. https://pacs/dicom-web) instead of "
                                    "a DICOM node."),
        QStringLiteral("URL"));
    const QCommandLineOption webUser(
        QStringLiteral("user"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "DICOMweb user name (basic authentication); the password is read from the first "
                                    "line of standard input."),
        QStringLiteral("USER"));
    const QCommandLineOption webAuth(
        QStringLiteral("auth"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "DICOMweb authentication: basic (default with --user), bearer (a token read "
                                    "from standard input) or none."),
        QStringLiteral("KIND"));
    const QCommandLineOption sync(QStringLiteral("sync"),
                                  QCoreApplication::translate("lightbox::NetCommands", "Add the sync role."));
    const QCommandLineOption modalities(
        QStringLiteral("modalities"),
        QCoreApplication::translate("lightbox::NetCommands", "Sync only these modalities, e.g. CT,MR (default all)."),
        QStringLiteral("LIST"));
    const QCommandLineOption fromAe(
        QStringLiteral("from-ae"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "Sync only what these AE titles sent us, e.g. CT1,MR2 (default all)."),
        QStringLiteral("LIST"));
    const QCommandLineOption verify(
        QStringLiteral("verify"),
        QCoreApplication::translate("lightbox::NetCommands",
                                    "After syncing a study, check that the remote has every instance."));
    // --storage: accepted like every verb, unused
    parser.addOptions({roles, retrieve, dicomweb, webUser, webAuth, sync, modalities, fromAe, verify, storageOption()});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add, list or remove"));
    if (!parse(parser, QStringLiteral("destination"), args))
        return 1;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const auto settings = openAppSettings();
    QList<Destination> table = destinations::load(*settings);

    if (action == QLatin1String("list")) {
        QJsonArray list;
        for (const Destination &d : std::as_const(table)) {
            QJsonObject o = destinationJson(d);
            if (d.kind == Destination::Kind::DicomWeb && d.auth != Destination::WebAuth::None) {
                QString unreadable;
                o.insert(QStringLiteral("secretStored"), credentials::load(d.name, &unreadable).has_value());
                if (!unreadable.isEmpty())
                    o.insert(QStringLiteral("secretError"), unreadable);
            }
            list.append(o);
        }
        printJson(QJsonDocument(list));
        return 0;
    }
    if (action == QLatin1String("remove")) {
        if (positional.size() != 2)
            return fail(
                QCoreApplication::translate("lightbox::NetCommands", "usage: lightbox destination remove NAME"));
        const QString name = positional.at(1);
        const qsizetype before = table.size();
        table.removeIf([&](const Destination &d) { return d.name.compare(name, Qt::CaseInsensitive) == 0; });
        if (table.size() == before)
            return fail(QCoreApplication::translate("lightbox::NetCommands", "no destination called \"%1\"").arg(name));
        destinations::save(*settings, table);
        settings->sync();
        QJsonObject out {{QStringLiteral("removed"), name}};
        // Its password or token goes with it.
        if (QString why; !credentials::remove(name, &why))
            out.insert(QStringLiteral("secretError"), why);
        printJson(QJsonDocument(out));
        return 0;
    }
    if (action == QLatin1String("password")) {
        // A changed password or token, without touching the destination (its sync queue stays as it is).
        const auto found = destinations::byName(table, positional.value(1));
        if (positional.size() != 2 || !found)
            return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                    "usage: lightbox destination password NAME (NAME: a DICOMweb "
                                                    "destination with authentication; the secret is read from "
                                                    "standard input)"));
        if (found->kind != Destination::Kind::DicomWeb || found->auth == Destination::WebAuth::None)
            return fail(QCoreApplication::translate("lightbox::NetCommands", "\"%1\" does not use a password or token")
                            .arg(found->name));
        const QString secret = readSecretLine(
            QCoreApplication::translate("lightbox::NetCommands", "New password or token for %1: ").arg(found->name));
        if (secret.isEmpty())
            return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                    "the new password or token is read from the first line of "
                                                    "standard input"));
        QString why;
        if (!credentials::store(found->name, secret, &why))
            return fail(QCoreApplication::translate("lightbox::NetCommands", "cannot keep the password: %1").arg(why));
        printJson(QJsonObject {{QStringLiteral("destination"), found->name},
                               {QStringLiteral("secretStored"), true},
                               {QStringLiteral("keptIn"), credentials::backendName()}});
        return 0;
    }
    if (action != QLatin1String("add"))
        return fail(QCoreApplication::translate(
            "lightbox::NetCommands", "usage: lightbox destination add|list|remove|password ... (see lightbox --help)"));
    const bool web = parser.isSet(dicomweb);
    if (positional.size() != (web ? 2 : 3))
        return fail(QCoreApplication::translate(
            "lightbox::NetCommands",
            "usage: lightbox destination add NAME (AET@HOST:PORT | --dicomweb URL [--user U] [--auth "
            "basic|bearer|none]) [--roles send,query,sync | --sync] [--modalities CT,MR] [--from-ae A,B] [--verify] "
            "[--retrieve move|get]"));
    Destination d;
    d.name = positional.at(1).trimmed();
    QString why;
    if (parser.isSet(roles)) {
        const auto parsed = parseRoles(parser.value(roles), &why);
        if (!parsed)
            return fail(why);
        d.roles = *parsed;
    }
    if (parser.isSet(sync))
        // A DICOMweb server is most often only a sync target: --sync alone means just that.
        d.roles = (web && !parser.isSet(roles)) ? Destination::Roles(Destination::Sync) : d.roles | Destination::Sync;
    d.syncModalities = commaList(parser.value(modalities));
    d.syncCallingAes = commaList(parser.value(fromAe));
    d.verifySync = parser.isSet(verify);
    if (web)
        return addWebDestination(d, parser.value(dicomweb), parser.value(webUser),
                                 parser.isSet(webAuth) ? std::optional<QString>(parser.value(webAuth)) : std::nullopt,
                                 *settings, table);
    // The address is checked field by field, so the technician hears which part is wrong.
    const QString address = positional.at(2);
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (at > 0 && colon > at) {
        d.node.aeTitle = address.left(at);
        d.node.host = address.mid(at + 1, colon - at - 1);
        if (d.node.host.startsWith(QLatin1Char('[')) && d.node.host.endsWith(QLatin1Char(']')))
            d.node.host = d.node.host.mid(1, d.node.host.size() - 2);
        bool ok = false;
        const uint port = address.mid(colon + 1).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                    "Port: \"%1\" is not a port number from 1 to 65535")
                            .arg(address.mid(colon + 1)));
        d.node.port = static_cast<quint16>(port);
    } else {
        const auto node = DicomNode::parse(address, &why);
        if (!node)
            return fail(why);
        d.node = *node;
    }
    if (parser.isSet(retrieve)) {
        const auto method = parseRetrieveMethod(parser.value(retrieve));
        if (!method)
            return fail(QCoreApplication::translate("lightbox::NetCommands", "--retrieve: use move or get, not \"%1\"")
                            .arg(parser.value(retrieve)));
        d.retrieve = *method;
    }
    if (const QString bad = validateDestination(d, table); !bad.isEmpty())
        return fail(bad);
    const QHostInfo host = QHostInfo::fromName(d.node.host);
    if (host.error() != QHostInfo::NoError || host.addresses().isEmpty())
        return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                "Host: \"%1\" cannot be resolved (check the host name or use the IP "
                                                "address)")
                        .arg(d.node.host));
    table.append(d);
    destinations::save(*settings, table);
    settings->sync();
    printJson(QJsonDocument(destinationJson(d)));
    return 0;
}

int runSendCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption study(QStringLiteral("study"),
                                   QCoreApplication::translate("lightbox::NetCommands", "Send this stored study."),
                                   QStringLiteral("UID"));
    const QCommandLineOption series(QStringLiteral("series"),
                                    QCoreApplication::translate("lightbox::NetCommands", "Send this stored series."),
                                    QStringLiteral("UID"));
    parser.addOptions({study, series, aetOption(), timeoutOption(), storageOption()});
    parser.addPositionalArgument(QStringLiteral("remote"), QStringLiteral("NAME or AET@HOST:PORT, then FILE..."));
    if (!parse(parser, QStringLiteral("send"), args))
        return 1;
    QStringList positional = parser.positionalArguments();
    const QString usage = QCoreApplication::translate(
        "lightbox::NetCommands", "usage: lightbox send NAME|AET@HOST:PORT (--study UID | --series UID | FILE...)");
    if (positional.isEmpty())
        return fail(usage);
    const auto settings = openAppSettings();
    QString why;
    const auto destination = resolveRemote(positional.takeFirst(), *settings, &why);
    if (!destination)
        return fail(why);
    const QString callingAe = callingAeOf(parser, *settings, &why);
    if (callingAe.isEmpty())
        return fail(why);
    const int sources = (parser.isSet(study) ? 1 : 0) + (parser.isSet(series) ? 1 : 0) + (positional.isEmpty() ? 0 : 1);
    if (sources != 1)
        return fail(usage);

    SendRequest request;
    request.destination = *destination;
    request.callingAe = callingAe;
    request.timeoutSeconds = timeoutOf(parser);
    if (!positional.isEmpty()) {
        request.files = positional;
    } else {
        const StorageLocation location = storageOf(parser, *settings);
        IndexReader reader(location.indexPath());
        if (!QFileInfo::exists(location.indexPath()) || !reader.open(&why))
            return fail(QCoreApplication::translate("lightbox::NetCommands", "cannot read the index in %1: %2")
                            .arg(location.root(), why));
        const QString uid = parser.isSet(study) ? parser.value(study) : parser.value(series);
        const QList<InstanceFile> files = parser.isSet(study) ? reader.filesOfStudy(uid) : reader.filesOfSeries(uid);
        if (files.isEmpty())
            return fail(
                parser.isSet(study)
                    ? QCoreApplication::translate("lightbox::NetCommands", "no study %1 is stored here").arg(uid)
                    : QCoreApplication::translate("lightbox::NetCommands", "no series %1 is stored here").arg(uid));
        for (const InstanceFile &f : files)
            request.files.append(QDir(location.filesDir()).filePath(f.filePath));
    }

    SendJob job;
    const SendSummary s = job.run(request);
    QJsonArray failures;
    for (const SentInstance &i : s.instances) {
        if (i.ok())
            continue;
        QJsonObject o {{QStringLiteral("file"), i.filePath}, {QStringLiteral("error"), i.error}};
        if (!i.sopInstanceUid.isEmpty())
            o.insert(QStringLiteral("sopInstanceUid"), i.sopInstanceUid);
        if (i.status != 0xFFFF)
            o.insert(QStringLiteral("status"), QStringLiteral("0x%1").arg(i.status, 4, 16, QLatin1Char('0')));
        failures.append(o);
    }
    QJsonObject out {{QStringLiteral("ok"), s.failed == 0 && s.error.isEmpty()},
                     {QStringLiteral("destination"), destination->name},
                     {QStringLiteral("remote"), destination->node.toString()},
                     {QStringLiteral("callingAe"), callingAe},
                     {QStringLiteral("sent"), s.sent},
                     {QStringLiteral("failed"), s.failed},
                     {QStringLiteral("bytes"), s.bytes},
                     {QStringLiteral("elapsedMs"), qRound(s.elapsedMs)},
                     {QStringLiteral("failures"), failures}};
    if (!s.error.isEmpty())
        out.insert(QStringLiteral("error"), s.error);
    printJson(QJsonDocument(out));
    return (s.failed == 0 && s.error.isEmpty()) ? 0 : 1;
}

int runFindCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const auto option = [](const char *name, const char *help, const char *value) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value));
    };
    parser.addOptions(
        {option("name", "Patient name (wildcards * ?).", "NAME"), option("id", "Patient ID.", "ID"),
         option("accession", "Accession number.", "ACC"), option("modality", "Modality in study, e.g. CT.", "MOD"),
         option("date", "Study date (YYYYMMDD, today, yesterday).", "DATE"),
         option("from", "Study date from (inclusive).", "DATE"), option("to", "Study date to (inclusive).", "DATE"),
         option("study", "List the series of this study instead.", "UID"), aetOption(), timeoutOption(),
         storageOption()});
    parser.addPositionalArgument(QStringLiteral("remote"), QStringLiteral("NAME or AET@HOST:PORT"));
    if (!parse(parser, QStringLiteral("find"), args))
        return 1;
    if (parser.positionalArguments().size() != 1)
        return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                "usage: lightbox find NAME|AET@HOST:PORT [--name N] [--id I] "
                                                "[--accession A] [--modality M] [--date D | --from D --to D] "
                                                "[--study UID]"));
    const auto settings = openAppSettings();
    QString why;
    const auto remote = resolveRemote(parser.positionalArguments().first(), *settings, &why);
    if (!remote)
        return fail(why);
    const QString callingAe = callingAeOf(parser, *settings, &why);
    if (callingAe.isEmpty())
        return fail(why);
    const int timeout = timeoutOf(parser);

    if (parser.isSet(QStringLiteral("study"))) {
        const auto r = FindScu::findSeries(remote->node, callingAe, parser.value(QStringLiteral("study")), timeout);
        if (!r.ok)
            return fail(r.error);
        QJsonArray list;
        for (const RemoteSeries &s : r.records)
            list.append(QJsonObject {{QStringLiteral("seriesInstanceUid"), s.seriesInstanceUid},
                                     {QStringLiteral("modality"), s.modality},
                                     {QStringLiteral("seriesNumber"), s.seriesNumber},
                                     {QStringLiteral("seriesDescription"), s.seriesDescription},
                                     {QStringLiteral("bodyPart"), s.bodyPart},
                                     {QStringLiteral("instances"), s.numberOfInstances}});
        printJson(QJsonDocument(list));
        return 0;
    }

    RemoteStudyQuery q;
    q.patientName = parser.value(QStringLiteral("name"));
    q.patientId = parser.value(QStringLiteral("id"));
    q.accessionNumber = parser.value(QStringLiteral("accession"));
    q.modality = parser.value(QStringLiteral("modality"));
    bool ok = true;
    for (const char *name : {"from", "to", "date"}) {
        const QString key = QString::fromLatin1(name);
        if (!parser.isSet(key))
            continue;
        const QString date = normaliseDate(parser.value(key), &ok);
        if (!ok)
            return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                    "--%1: expected a date like 20240131, 2024-01-31, today or "
                                                    "yesterday")
                            .arg(key));
        if (key == QLatin1String("from"))
            q.dateFrom = date;
        else if (key == QLatin1String("to"))
            q.dateTo = date;
        else
            q.dateFrom = q.dateTo = date;
    }
    const auto r = FindScu::findStudies(remote->node, callingAe, q, timeout);
    if (!r.ok)
        return fail(r.error);
    QJsonArray list;
    for (const RemoteStudy &s : r.records)
        list.append(QJsonObject {{QStringLiteral("studyInstanceUid"), s.studyInstanceUid},
                                 {QStringLiteral("patientName"), s.patientName},
                                 {QStringLiteral("patientId"), s.patientId},
                                 {QStringLiteral("patientBirthDate"), s.patientBirthDate},
                                 {QStringLiteral("patientSex"), s.patientSex},
                                 {QStringLiteral("studyDate"), s.studyDate},
                                 {QStringLiteral("studyTime"), s.studyTime},
                                 {QStringLiteral("accessionNumber"), s.accessionNumber},
                                 {QStringLiteral("studyDescription"), s.studyDescription},
                                 {QStringLiteral("referringPhysicianName"), s.referringPhysician},
                                 {QStringLiteral("modalities"), QJsonArray::fromStringList(s.modalities)},
                                 {QStringLiteral("series"), s.numberOfSeries},
                                 {QStringLiteral("instances"), s.numberOfInstances}});
    printJson(QJsonDocument(list));
    return 0;
}

int runRetrieveCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption study(QStringLiteral("study"),
                                   QCoreApplication::translate("lightbox::NetCommands", "Study Instance UID."),
                                   QStringLiteral("UID"));
    const QCommandLineOption series(
        QStringLiteral("series"),
        QCoreApplication::translate("lightbox::NetCommands", "Only this series of the study (repeatable)."),
        QStringLiteral("UID"));
    const QCommandLineOption method(
        QStringLiteral("method"),
        QCoreApplication::translate("lightbox::NetCommands", "move or get (default: the destination's)."),
        QStringLiteral("METHOD"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate(
            "lightbox::NetCommands",
            "Port of our running listener (default: the running Lightbox's, else the settings')."),
        QStringLiteral("PORT"));
    parser.addOptions({study, series, method, port, aetOption(), timeoutOption(), storageOption()});
    parser.addPositionalArgument(QStringLiteral("remote"), QStringLiteral("NAME or AET@HOST:PORT"));
    if (!parse(parser, QStringLiteral("retrieve"), args))
        return 1;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(study))
        return fail(QCoreApplication::translate("lightbox::NetCommands",
                                                "usage: lightbox retrieve NAME|AET@HOST:PORT --study UID [--series "
                                                "UID...] [--method move|get]"));
    const auto settings = openAppSettings();
    QString why;
    auto source = resolveRemote(parser.positionalArguments().first(), *settings, &why);
    if (!source)
        return fail(why);
    if (parser.isSet(method)) {
        const auto m = parseRetrieveMethod(parser.value(method));
        if (!m)
            return fail(QCoreApplication::translate("lightbox::NetCommands", "--method: use move or get, not \"%1\"")
                            .arg(parser.value(method)));
        source->retrieve = *m;
    }
    const QString callingAe = callingAeOf(parser, *settings, &why);
    if (callingAe.isEmpty())
        return fail(why);
    NodeSettings node = NodeSettings::load(*settings);
    // The Lightbox running on this storage says where it really listens (it may run with --aet or --port).
    if (const auto running = runningListener(storageOf(parser, *settings))) {
        node.aeTitle = running->aeTitle;
        node.port = running->port;
    }
    quint16 listenerPort = node.port;
    if (parser.isSet(port)) {
        bool ok = false;
        const uint p = parser.value(port).toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return fail(QStringLiteral("--port must be a number from 1 to 65535"));
        listenerPort = static_cast<quint16>(p);
    }

    RetrieveRequest request;
    request.source = *source;
    request.callingAe = callingAe;
    // C-MOVE goes to the listener that will store it, unless --aet says who we are.
    request.moveDestination = parser.isSet(QStringLiteral("aet")) ? callingAe : node.aeTitle;
    request.studyInstanceUids = {parser.value(study)};
    request.seriesInstanceUids = parser.values(series);
    request.timeoutSeconds = timeoutOf(parser);
    const bool useGet = source->retrieve == Destination::RetrieveMethod::Get;
    QJsonObject out {{QStringLiteral("source"), source->name},
                     {QStringLiteral("remote"), source->node.toString()},
                     {QStringLiteral("method"), retrieveMethodToString(source->retrieve)},
                     {QStringLiteral("callingAe"), callingAe},
                     {QStringLiteral("study"), parser.value(study)}};
    if (!request.seriesInstanceUids.isEmpty())
        out.insert(QStringLiteral("series"), QJsonArray::fromStringList(request.seriesInstanceUids));

    RetrieveSummary summary;
    bool forwardOk = true;
    if (!useGet) {
        // The remote sends to our listener: without one, every instance would fail on the remote's side.
        if (!somethingListensOn(listenerPort))
            return fail(QCoreApplication::translate(
                            "lightbox::NetCommands",
                            "nothing listens on our DICOM port %1: C-MOVE makes the remote send the study to the "
                            "running Lightbox, so start Lightbox (or lightbox --headless) first, or retrieve with "
                            "--method get")
                            .arg(listenerPort));
        RetrieveJob job(nullptr);
        summary = job.run(request);
    } else {
        const StorageLocation location = storageOf(parser, *settings);
        std::unique_ptr<QLockFile> lock = lockStorageFolder(location, &why);
        if (lock) {
            // Nothing runs on this storage: store and index here, through the same ingest path as the listener.
            out.insert(QStringLiteral("storedBy"), QStringLiteral("this process"));
            QDir().mkpath(location.filesDir());
            QDir().mkpath(location.incomingDir());
            IndexWriter index(location.indexPath());
            if (!index.open(&why))
                return fail(why);
            FileStore store(location.filesDir());
            Ingest ingest(store, index);
            RetrieveJob job(&ingest, location.incomingDir());
            summary = job.run(request);
            index.close();
        } else {
            // A running Lightbox owns the storage: receive beside it, then hand the files to it on loopback.
            out.insert(QStringLiteral("storedBy"), QStringLiteral("the running Lightbox"));
            QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/lightbox-get-XXXXXX"));
            if (!temp.isValid())
                return fail(QStringLiteral("cannot create a temporary folder in %1").arg(QDir::tempPath()));
            KeepSink keep;
            RetrieveJob job(&keep, temp.path());
            summary = job.run(request);
            if (!keep.files.isEmpty()) {
                SendRequest forward;
                forward.destination.name = QStringLiteral("the running Lightbox");
                forward.destination.node = {node.aeTitle, QStringLiteral("127.0.0.1"), listenerPort};
                forward.callingAe = callingAe;
                forward.files = keep.files;
                SendJob send;
                const SendSummary sent = send.run(forward);
                out.insert(QStringLiteral("forwarded"), sent.sent);
                if (sent.failed > 0) {
                    forwardOk = false;
                    out.insert(QStringLiteral("forwardError"),
                               sent.error.isEmpty() ? sent.instances.value(0).error : sent.error);
                    for (const SentInstance &i : sent.instances)
                        if (!i.ok())
                            summary.failures.append(QStringLiteral("%1: not handed to the running Lightbox: %2")
                                                        .arg(i.sopInstanceUid, i.error));
                }
            }
        }
    }
    const bool ok = summary.error.isEmpty() && summary.failed == 0 && !summary.cancelled && forwardOk;
    out.insert(QStringLiteral("ok"), ok);
    out.insert(QStringLiteral("completed"), summary.completed);
    out.insert(QStringLiteral("warnings"), summary.warnings);
    out.insert(QStringLiteral("failed"), summary.failed);
    out.insert(QStringLiteral("elapsedMs"), qRound(summary.elapsedMs));
    out.insert(QStringLiteral("failures"), QJsonArray::fromStringList(summary.failures));
    if (!summary.error.isEmpty())
        out.insert(QStringLiteral("error"), summary.error);
    printJson(QJsonDocument(out));
    return ok ? 0 : 1;
}

} // namespace lightbox
