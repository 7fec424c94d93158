#include "core/common/DicomNode.h"

#include <QCoreApplication>

namespace lightbox {

QString DicomNode::toString() const
{
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return aeTitle + QLatin1Char('@') + h + QLatin1Char(':') + QString::number(port);
}

std::optional<DicomNode> DicomNode::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<DicomNode> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (at <= 0)
        return fail(QCoreApplication::translate("DicomNode", "expected AET@HOST:PORT, e.g. ORTHANC@127.0.0.1:4242"));
    DicomNode node;
    node.aeTitle = text.left(at);
    const QString rest = text.mid(at + 1);
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail(QCoreApplication::translate("DicomNode", "missing port: expected AET@HOST:PORT"));
    QString host = rest.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = rest.mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return fail(QCoreApplication::translate("DicomNode", "port must be a number from 1 to 65535"));
    if (const QString why = validateAeTitle(node.aeTitle); !why.isEmpty())
        return fail(why);
    if (host.isEmpty())
        return fail(QCoreApplication::translate("DicomNode", "missing host name"));
    node.host = host;
    node.port = static_cast<quint16>(port);
    return node;
}

QString validateAeTitle(const QString &aeTitle)
{
    if (aeTitle.isEmpty() || aeTitle.trimmed().isEmpty())
        return QCoreApplication::translate("DicomNode", "AE title must not be empty");
    if (aeTitle.size() > 16)
        return QCoreApplication::translate("DicomNode", "AE title \"%1\" is longer than 16 characters").arg(aeTitle);
    for (const QChar c : aeTitle) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return QCoreApplication::translate(
                "DicomNode", "AE title may only use unaccented letters (A-Z), digits, spaces and punctuation");
        if (c == QLatin1Char('\\'))
            return QCoreApplication::translate("DicomNode", "AE title must not contain a backslash");
    }
    return {};
}

} // namespace lightbox
