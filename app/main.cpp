#include "app/AppSettings.h"
#include "app/CommandOutput.h"
#include "app/Commands.h"
#include "app/DestinationsWatcher.h"
#include "app/GuiApp.h"
#include "app/HeadlessRunner.h"
#include "app/NetCommands.h"
#include "app/RenderCommand.h"
#include "app/SyncCommands.h"
#include "app/TransferCommands.h"
#include "app/ViewApp.h"
#include "core/common/Destination.h"
#include "core/common/DicomNode.h"
#include "core/common/Logging.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/DcmtkSetup.h"
#include "core/service/Workstation.h"
#include "ui/viewer/VtkOpenGLWidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

using namespace lightbox;

namespace {

using cli::fail;

void addOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(QStringLiteral(
        "Lightbox, a desktop PACS workstation.\n\n"
        "Commands (print JSON):\n"
        "  stats                      patients, studies, series, instances, bytes\n"
        "  studies [filters]          list studies (--name --id --accession --search --modality --date --from --to "
        "--limit)\n"
        "  echo NAME|AET@HOST:PORT    C-ECHO a destination or a remote node (--aet calling AE, --timeout seconds);\n"
        "                             a DICOMweb destination gets an authenticated QIDO-RS request\n"
        "  destination add NAME AET@HOST:PORT [--roles send,query,sync | --sync] [--retrieve move|get]\n"
        "  destination add NAME --dicomweb URL [--user U] [--auth basic|bearer|none] [--sync] [--modalities CT,MR]\n"
        "                  [--from-ae A,B] [--verify]   the password/token is read from standard input\n"
        "  destination list | destination remove NAME   the destinations table\n"
        "  destination password NAME  a DICOMweb destination's new password or token (from standard input)\n"
        "  send NAME|AET@HOST:PORT (--study UID | --series UID | FILE...)   C-STORE to a remote\n"
        "  find NAME|AET@HOST:PORT [--name --id --accession --modality --date --from --to] [--study UID]   C-FIND\n"
        "  retrieve NAME|AET@HOST:PORT --study UID [--series UID] [--method move|get]   C-MOVE or C-GET\n"
        "  sync --all | --status | --retry-failed | --study UID   sync to the destinations with the sync role "
        "([--wait])\n"
        "  import PATH...             import files, folders, DICOMDIRs or zip archives (Lightbox not running)\n"
        "  export UID... --out DIR    export studies with a DICOMDIR (--anonymize [--patient-name N] "
        "[--patient-id I])\n"
        "  render FILE --out PNG      one image as the viewer shows it ([--frame N] [--window W --level L] "
        "[--invert])\n"
        "  --view PATH...             open files, folders or a DICOMDIR in the viewer without importing them\n"
        "Without a command, Lightbox opens its window (with a display) or runs the DICOM listener headless."));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("stats, studies or echo (optional)"));
    p.addOptions({
        {QStringLiteral("headless"), QStringLiteral("Run the DICOM listener without a window until SIGTERM/SIGINT.")},
        {QStringLiteral("reindex"), QStringLiteral("Rebuild the index from the stored files, then exit.")},
        {QStringLiteral("view"),
         QStringLiteral(
             "Open the files, folders or DICOMDIR given as arguments in the viewer, without importing them.")},
        {QStringLiteral("aet"), QStringLiteral("Our AE title (default from settings: LIGHTBOX)."),
         QStringLiteral("AE")},
        {QStringLiteral("port"), QStringLiteral("DICOM port to listen on (default 4242)."), QStringLiteral("PORT")},
        {QStringLiteral("storage"), QStringLiteral("Storage folder (default $XDG_DATA_HOME/lightbox)."),
         QStringLiteral("DIR")},
        {QStringLiteral("pool"), QStringLiteral("Simultaneous associations (default 16)."), QStringLiteral("N")},
        {QStringLiteral("strict-called-ae"), QStringLiteral("Reject associations not addressed to our AE title.")},
        {QStringLiteral("allow"),
         QStringLiteral("Accept only these calling AEs (repeatable): AE or AE@HOST; turns the whitelist on."),
         QStringLiteral("AE[@HOST]")},
        {QStringLiteral("name"), QStringLiteral("studies: patient name (wildcards * ?)."), QStringLiteral("NAME")},
        {QStringLiteral("id"), QStringLiteral("studies: patient ID."), QStringLiteral("ID")},
        {QStringLiteral("accession"), QStringLiteral("studies: accession number."), QStringLiteral("ACC")},
        {QStringLiteral("search"), QStringLiteral("studies: name, patient ID or accession."), QStringLiteral("TEXT")},
        {QStringLiteral("modality"), QStringLiteral("studies: modality, e.g. CT."), QStringLiteral("MOD")},
        {QStringLiteral("study-uid"), QStringLiteral("studies: one Study Instance UID."), QStringLiteral("UID")},
        {QStringLiteral("date"), QStringLiteral("studies: study date (YYYYMMDD, today, yesterday)."),
         QStringLiteral("DATE")},
        {QStringLiteral("from"), QStringLiteral("studies: study date from (inclusive)."), QStringLiteral("DATE")},
        {QStringLiteral("to"), QStringLiteral("studies: study date to (inclusive)."), QStringLiteral("DATE")},
        {QStringLiteral("limit"), QStringLiteral("studies: at most N rows."), QStringLiteral("N")},
        {QStringLiteral("timeout"), QStringLiteral("echo: seconds to wait (default 10)."), QStringLiteral("S")},
    });
}

// The node settings from the settings file, with the command line's overrides. @return an error, or "".
QString nodeFromArgs(const QCommandLineParser &args, QSettings &settingsFile, NodeSettings &node)
{
    node = NodeSettings::load(settingsFile);
    if (args.isSet(QStringLiteral("aet")))
        node.aeTitle = args.value(QStringLiteral("aet"));
    if (const QString bad = validateAeTitle(node.aeTitle); !bad.isEmpty())
        return bad;
    if (args.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = args.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return QStringLiteral("--port must be a number from 1 to 65535");
        node.port = static_cast<quint16>(port);
    }
    if (args.isSet(QStringLiteral("pool"))) {
        bool ok = false;
        node.poolSize = args.value(QStringLiteral("pool")).toInt(&ok);
        if (!ok || node.poolSize < 1 || node.poolSize > 1000)
            return QStringLiteral("--pool must be a number from 1 to 1000");
    }
    if (args.isSet(QStringLiteral("strict-called-ae")))
        node.strictCalledAe = true;
    if (args.isSet(QStringLiteral("allow"))) {
        node.whitelistEnabled = true;
        node.whitelist.clear();
        for (const QString &entry : args.values(QStringLiteral("allow"))) {
            const qsizetype at = entry.indexOf(QLatin1Char('@'));
            const AllowedPeer peer {at < 0 ? entry : entry.left(at), at < 0 ? QString() : entry.mid(at + 1)};
            if (const QString bad = validateAeTitle(peer.aeTitle); !bad.isEmpty())
                return QStringLiteral("--allow %1: %2").arg(entry, bad);
            node.whitelist.append(peer);
        }
    }

    node.storageDir = selectedStorageRoot(args);
    return {};
}

int runService(const QCommandLineParser &args)
{
    const auto settingsFile = openAppSettings();
    NodeSettings node;
    if (const QString bad = nodeFromArgs(args, *settingsFile, node); !bad.isEmpty())
        return fail(bad);
    Workstation workstation(StorageLocation(node.storageDir), node);
    DestinationsWatcher destinationsTable(workstation, *settingsFile); // `lightbox destination add` applies live
    HeadlessRunner runner(workstation);
    if (!runner.installSignalHandlers())
        return fail(QStringLiteral("cannot install signal handlers"));
    QString error;
    if (!workstation.start(&error))
        return fail(error);
    QObject::connect(
        &workstation, &Workstation::listenerFailed, qApp, [](const QString &) { QCoreApplication::exit(2); },
        Qt::QueuedConnection);
    qCInfo(lcApp).noquote() << QStringLiteral("Lightbox %1 ready: %2 on port %3, storage %4")
                                   .arg(QStringLiteral(LIGHTBOX_VERSION), node.aeTitle)
                                   .arg(node.port)
                                   .arg(workstation.location().root());
    const int code = QCoreApplication::exec();
    workstation.stop();
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before any thread exists: it sets TCP_NODELAY in the environment (DCMTK reads it for every socket).
    initializeDcmtk();
    // Decide between window and headless before the application object exists: QApplication needs a display.
    QStringList argList;
    for (int i = 0; i < argc; ++i)
        argList << QString::fromLocal8Bit(argv[i]);

    // import, export and render have options of their own: they parse everything after the verb.
    const QString verb = argList.value(1);
    if (verb == QLatin1String("render")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("lightbox"));
        installLogFormat();
        initializeDcmtk();
        return runRenderCommand(argList.mid(2));
    }
    if (verb == QLatin1String("import") || verb == QLatin1String("export")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("lightbox"));
        QCoreApplication::setApplicationVersion(QStringLiteral(LIGHTBOX_VERSION));
        installLogFormat();
        initializeDcmtk();
        const QString storage = NodeSettings::load(*openAppSettings()).storageDir;
        return verb == QLatin1String("import") ? runImportCommand(argList.mid(2), storage)
                                               : runExportCommand(argList.mid(2), storage);
    }
    const QStringList netVerbs {QStringLiteral("destination"), QStringLiteral("send"), QStringLiteral("find"),
                                QStringLiteral("retrieve"), QStringLiteral("sync")};
    if (netVerbs.contains(verb)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("lightbox"));
        QCoreApplication::setApplicationVersion(QStringLiteral(LIGHTBOX_VERSION));
        installLogFormat();
        initializeDcmtk();
        const QStringList rest = argList.mid(2);
        if (verb == QLatin1String("destination"))
            return runDestinationCommand(rest);
        if (verb == QLatin1String("send"))
            return runSendCommand(rest);
        if (verb == QLatin1String("find"))
            return runFindCommand(rest);
        if (verb == QLatin1String("sync"))
            return runSyncCommand(rest);
        return runRetrieveCommand(rest);
    }
    QCommandLineParser pre;
    addOptions(pre);
    pre.parse(argList);
    const bool hasDisplay = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    const bool wantsService = pre.positionalArguments().isEmpty() && !pre.isSet(QStringLiteral("reindex"))
        && !pre.isSet(QStringLiteral("help")) && !pre.isSet(QStringLiteral("version"))
        && pre.unknownOptionNames().isEmpty();
    const bool view = pre.isSet(QStringLiteral("view")) && !pre.positionalArguments().isEmpty();
    const bool gui = (wantsService || view) && hasDisplay && !pre.isSet(QStringLiteral("headless"));

    std::unique_ptr<QCoreApplication> app;
    if (gui) {
        VtkOpenGLWidget::setDefaultSurfaceFormat(); // before QApplication: VTK needs a core profile context
        app = std::make_unique<QApplication>(argc, argv);
    } else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lightbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIGHTBOX_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Lightbox"));
    installLogFormat();
    initializeDcmtk();

    QCommandLineParser args;
    addOptions(args);
    args.process(*app);
    const QStringList positional = args.positionalArguments();
    const QString command = positional.value(0);

    if (view) {
        if (!gui)
            return fail(QStringLiteral("--view needs a display (DISPLAY or WAYLAND_DISPLAY)"));
        const auto settingsFile = openAppSettings();
        return runViewer(positional, *settingsFile);
    }
    if (command == QLatin1String("stats"))
        return commands::stats(args);
    if (command == QLatin1String("studies"))
        return commands::studies(args);
    if (command == QLatin1String("echo"))
        return commands::echo(args, positional);
    if (!command.isEmpty())
        return fail(QStringLiteral("unknown command \"%1\" (see lightbox --help)").arg(command));
    if (args.isSet(QStringLiteral("reindex")))
        return commands::reindex(args);
    if (gui) {
        const auto settingsFile = openAppSettings();
        NodeSettings node;
        if (const QString bad = nodeFromArgs(args, *settingsFile, node); !bad.isEmpty())
            return fail(bad);
        return runGui(node, *settingsFile);
    }
    if (!args.isSet(QStringLiteral("headless")))
        qCInfo(lcApp) << "No display: running the DICOM listener headless (stop it with Ctrl+C).";
    return runService(args);
}
