#include "ui/common/DicomFormat.h"

#include <QDate>
#include <QLocale>
#include <QStringList>
#include <QTime>

namespace lightbox::dicomformat {

QString personName(const QString &dicomName)
{
    QString group;
    for (const QString &g : dicomName.split(QLatin1Char('='))) {
        if (!g.trimmed().isEmpty()) {
            group = g;
            break;
        }
    }
    const QStringList parts = group.split(QLatin1Char('^'));
    const QString family = parts.value(0).trimmed().toUpper();
    QStringList given;
    for (int i : {1, 2})
        if (!parts.value(i).trimmed().isEmpty())
            given << parts.value(i).trimmed();
    QString out = family;
    if (!given.isEmpty())
        out += (out.isEmpty() ? QString() : QStringLiteral(", ")) + given.join(QLatin1Char(' '));
    const QString prefix = parts.value(3).trimmed();
    const QString suffix = parts.value(4).trimmed();
    if (!prefix.isEmpty())
        out = prefix + QLatin1Char(' ') + out;
    if (!suffix.isEmpty())
        out += QLatin1Char(' ') + suffix;
    return out;
}

QString date(const QString &dicomDate)
{
    const QString trimmed = dicomDate.trimmed();
    const QDate d = QDate::fromString(trimmed.left(8), QStringLiteral("yyyyMMdd"));
    if (!d.isValid())
        return trimmed;
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    // Short formats often have a two-digit year; a birth date needs all four.
    if (!format.contains(QStringLiteral("yyyy")))
        format.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    return QLocale().toString(d, format);
}

QString time(const QString &dicomTime)
{
    const QString t = dicomTime.trimmed().remove(QLatin1Char(':'));
    if (t.size() < 4)
        return t.size() == 2 ? t + QStringLiteral(":00") : QString();
    const QTime parsed = QTime::fromString(t.left(4), QStringLiteral("HHmm"));
    return parsed.isValid() ? parsed.toString(QStringLiteral("HH:mm")) : dicomTime.trimmed();
}

QString multiValue(const QString &value)
{
    return value.split(QLatin1Char('\\'), Qt::SkipEmptyParts).join(QStringLiteral(", "));
}

QString byteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace lightbox::dicomformat
