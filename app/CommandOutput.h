#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace lightbox::cli {

/// Prints "lightbox: MESSAGE" on standard error. @return 1, the exit code of a failed command.
int fail(const QString &message);
/// Prints @p doc as indented JSON on standard output (what every command prints for scripts).
void printJson(const QJsonDocument &doc);
inline void printJson(const QJsonObject &object)
{
    printJson(QJsonDocument(object));
}

} // namespace lightbox::cli
