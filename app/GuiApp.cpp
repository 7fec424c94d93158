#include "app/GuiApp.h"

#include "app/DestinationsWatcher.h"

#include "app/HeadlessRunner.h"
#include "core/common/Destination.h"
#include "core/common/Logging.h"
#include "core/common/StorageLocation.h"
#include "core/service/Workstation.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

namespace lightbox {

QString installTranslations(QSettings &settings)
{
    const QString chosen = settings.value(QStringLiteral("ui/language")).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    auto *ours = new QTranslator(qApp);
    if (!ours->load(locale, QStringLiteral("lightbox"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return ours->language();
}

int runGui(const NodeSettings &node, QSettings &settings)
{
    const QString language = installTranslations(settings);
    qCInfo(lcApp).noquote() << "User interface language:" << language;

    Workstation workstation(StorageLocation(node.storageDir), node);
    DestinationsWatcher destinationsTable(workstation, settings);
    HeadlessRunner stopOnSignal(workstation);
    stopOnSignal.installSignalHandlers();
    MainWindow window(workstation, settings);
    // Saved in the settings dialog, or changed from the command line: the C-MOVE SCP, the Send menus and the
    // remote sources all follow.
    QObject::connect(&window, &MainWindow::destinationsChanged, &destinationsTable, &DestinationsWatcher::reload);
    QObject::connect(&destinationsTable, &DestinationsWatcher::changed, &window, &MainWindow::reloadDestinations);
    window.show();
    bool started = false;
    QTimer::singleShot(0, &window, [&] {
        QString error;
        started = window.startService(&error);
        if (!started) {
            QMessageBox::critical(&window, QApplication::translate("lightbox::MainWindow", "Lightbox cannot start"),
                                  QApplication::translate("lightbox::MainWindow",
                                                          "Lightbox could not open its storage or start receiving:"
                                                          "\n\n%1")
                                      .arg(error));
            QApplication::exit(1);
            return;
        }
        qCInfo(lcApp).noquote() << QStringLiteral("Lightbox %1 ready: %2 on port %3, storage %4")
                                       .arg(QStringLiteral(LIGHTBOX_VERSION), node.aeTitle)
                                       .arg(node.port)
                                       .arg(workstation.location().root());
    });
    const int code = QApplication::exec();
    workstation.stop();
    return code;
}

} // namespace lightbox
