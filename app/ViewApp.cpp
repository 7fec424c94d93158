#include "app/ViewApp.h"

#include "app/GuiApp.h"
#include "core/common/Logging.h"
#include "ui/mainwindow/LaunchClock.h"
#include "ui/viewer/ViewerStudy.h"
#include "ui/viewer/ViewerWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPointer>
#include <QProcess>
#include <QStatusBar>
#include <QtConcurrent>

namespace lightbox {
namespace {

// Imports through `lightbox import` in a child process: the storage may belong to a running Lightbox, and then
// that process says so in plain words.
void importFiles(const QStringList &files, QPointer<ViewerWindow> window)
{
    auto *process = new QProcess(window);
    window->statusBar()->showMessage(
        QCoreApplication::translate("lightbox::ViewApp", "Importing %1 file(s)…").arg(files.size()));
    QObject::connect(process, &QProcess::finished, window, [process, window](int code, QProcess::ExitStatus) {
        process->deleteLater();
        const QJsonObject result = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        if (code == 1 || result.isEmpty()) {
            const QString why = QString::fromUtf8(process->readAllStandardError()).trimmed();
            QMessageBox::warning(
                window, QCoreApplication::translate("lightbox::ViewApp", "Import"),
                QCoreApplication::translate("lightbox::ViewApp", "The images could not be imported:\n\n%1").arg(why));
            return;
        }
        const QString line
            = QCoreApplication::translate("lightbox::ViewApp", "%1 imported, %2 already stored, %3 skipped.")
                  .arg(result.value(QStringLiteral("imported")).toInt())
                  .arg(result.value(QStringLiteral("alreadyStored")).toInt())
                  .arg(result.value(QStringLiteral("skipped")).toInt());
        window->statusBar()->showMessage(line, 10000);
        QMessageBox::information(window, QCoreApplication::translate("lightbox::ViewApp", "Import"), line);
    });
    process->start(QCoreApplication::applicationFilePath(), QStringList {QStringLiteral("import")} + files);
}

// Creates a context on an offscreen surface and makes it current once: loads the GL driver and sets up the
// display's GL screen, so the first viewer window only creates its own context.
void warmUpOpenGl()
{
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext context;
    if (context.create() && context.makeCurrent(&surface))
        context.doneCurrent();
}

} // namespace

int runViewer(const QStringList &paths, QSettings &settings)
{
    installTranslations(settings);
    // The headers are read on other threads while this one brings up OpenGL (Mesa's driver, the GLX screen),
    // which the viewer's first frame would otherwise wait for after them.
    QStringList skipped;
    QFuture<QList<ViewerStudy>> reading
        = QtConcurrent::run([paths, &skipped] { return viewerstudy::fromPaths(paths, &skipped); });
    warmUpOpenGl();
    const QList<ViewerStudy> studies = reading.result();
    if (studies.isEmpty()) {
        QMessageBox::warning(nullptr, QCoreApplication::translate("lightbox::ViewApp", "Lightbox"),
                             QCoreApplication::translate("lightbox::ViewApp", "No DICOM images were found in:\n%1")
                                 .arg(paths.join(QLatin1Char('\n'))));
        return 1;
    }
    bool logged = false;
    for (const ViewerStudy &study : studies) {
        auto *window = new ViewerWindow(study, {});
        QPointer<ViewerWindow> guard(window);
        window->setImportHandler([guard](const QStringList &files) {
            if (guard)
                importFiles(files, guard);
        });
        QObject::connect(window, &ViewerWindow::firstImageShown, window, [&logged] {
            if (logged)
                return;
            logged = true;
            qCInfo(lcApp).noquote()
                << QStringLiteral("Viewer: first image on screen %1 ms after launch").arg(msSinceProcessStart());
        });
        window->show();
    }
    if (!skipped.isEmpty())
        qCInfo(lcApp) << "Not shown (not DICOM images):" << skipped.size() << "file(s)";
    return QApplication::exec();
}

} // namespace lightbox
