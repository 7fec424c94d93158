#include "app/CommandOutput.h"

#include <QTextStream>

namespace lightbox::cli {

int fail(const QString &message)
{
    QTextStream(stderr) << "lightbox: " << message << Qt::endl;
    return 1;
}

void printJson(const QJsonDocument &doc)
{
    QTextStream(stdout) << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

} // namespace lightbox::cli
