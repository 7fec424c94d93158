#include "app/testsend/TestSendOptions.h"
#include "app/testsend/TestSender.h"
#include "core/common/Logging.h"
#include "core/dicom/DcmtkSetup.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace lightbox;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lightbox-testsend"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIGHTBOX_VERSION));
    installLogFormat();
    // Before the first association: forces TCP_NODELAY=1 (Nagle off) whatever the environment says.
    initializeDcmtk();

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString error;
    const auto options = TestSendOptions::parse(QCoreApplication::arguments(), &error);
    if (!options) {
        err << "lightbox-testsend: " << error << Qt::endl << "Try --help." << Qt::endl;
        return 3;
    }
    if (options->helpRequested) {
        out << TestSendOptions::helpText();
        return 0;
    }
    if (options->versionRequested) {
        out << "lightbox-testsend " << QStringLiteral(LIGHTBOX_VERSION) << Qt::endl;
        return 0;
    }
    TestSender sender(*options, out, err);
    return sender.run();
}
