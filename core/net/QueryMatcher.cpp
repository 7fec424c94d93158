#include "core/net/QueryMatcher.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctag.h>

namespace lightbox {
namespace {

const QLatin1Char kBackslash('\\');

bool hasWildcard(const QString &s)
{
    return s.contains(QLatin1Char('*')) || s.contains(QLatin1Char('?'));
}

QRegularExpression wildcardPattern(const QString &key, bool caseInsensitive)
{
    QString re;
    for (const QChar c : key) {
        if (c == QLatin1Char('*'))
            re += QStringLiteral(".*");
        else if (c == QLatin1Char('?'))
            re += QLatin1Char('.');
        else
            re += QRegularExpression::escape(QString(c));
    }
    QRegularExpression::PatternOptions options = QRegularExpression::DotMatchesEverythingOption;
    if (caseInsensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(QRegularExpression::anchoredPattern(re), options);
}

// Dates, times and date-times as digits only, so that lexicographic order is time order once padded: "10:30"
// and "1030" are the same time, "2020.01.01" (ACR-NEMA) the same date as "20200101". A time zone suffix of DT is
// dropped.
QString digits(const QString &value, int width, QChar pad)
{
    QString out;
    for (const QChar c : value) {
        if (c.isDigit())
            out += c;
        else if (c == QLatin1Char('+') || (c == QLatin1Char('-') && !out.isEmpty()))
            break;
    }
    return out.left(width).leftJustified(width, pad);
}

int widthOf(int kind)
{
    // Date: YYYYMMDD; time: HHMMSSFFFFFF; date-time: both.
    return kind == 0 ? 8 : kind == 1 ? 12 : 20;
}

} // namespace

QueryMatcher::QueryMatcher(const QueryRequest &request)
{
    for (auto it = request.keys.cbegin(); it != request.keys.cend(); ++it) {
        const QString value = it.value().trimmed();
        if (value.isEmpty() || value == QLatin1String("*"))
            continue; // universal matching
        Key key;
        key.tag = it.key();
        const DcmEVR vr = DcmTag(static_cast<Uint16>(key.tag >> 16), static_cast<Uint16>(key.tag & 0xFFFF)).getEVR();
        switch (vr) {
        case EVR_PN:
            key.kind = Kind::PersonName;
            break;
        case EVR_UI:
        case EVR_CS:
            key.kind = Kind::List;
            break;
        case EVR_DA:
            key.kind = Kind::Date;
            break;
        case EVR_TM:
            key.kind = Kind::Time;
            break;
        case EVR_DT:
            key.kind = Kind::DateTime;
            break;
        case EVR_SQ:
            continue; // sequence matching is not supported: sequences are return keys only
        default:
            key.kind = Kind::Text;
            break;
        }
        if (key.kind == Kind::Date || key.kind == Kind::Time || key.kind == Kind::DateTime) {
            const int dash
                = key.kind == Kind::DateTime ? value.indexOf(QLatin1Char('-'), 1) : value.indexOf(QLatin1Char('-'));
            const int kind = key.kind == Kind::Date ? 0 : key.kind == Kind::Time ? 1 : 2;
            const int width = widthOf(kind);
            if (dash >= 0) {
                key.range = true;
                const QString from = value.left(dash).trimmed();
                const QString to = value.mid(dash + 1).trimmed();
                key.values << (from.isEmpty() ? QString() : digits(from, width, QLatin1Char('0')))
                           << (to.isEmpty() ? QString() : digits(to, width, QLatin1Char('9')));
            } else {
                key.values << digits(value, width, QLatin1Char('0'));
            }
        } else if (key.kind == Kind::List) {
            key.values = value.split(kBackslash, Qt::SkipEmptyParts);
            for (QString &v : key.values)
                v = v.trimmed();
        } else {
            key.values << value;
            key.wildcard = hasWildcard(value);
            if (key.wildcard)
                key.pattern = wildcardPattern(value, key.kind == Kind::PersonName);
        }
        m_keys.push_back(std::move(key));
    }
}

bool QueryMatcher::isValidDateKey(const QString &value)
{
    static const QRegularExpression date(QStringLiteral(R"(^\s*(\d{8})?\s*(-\s*(\d{8})?)?\s*$)"));
    return date.match(value).hasMatch();
}

bool QueryMatcher::matchesOne(const Key &key, const QString &recordValue) const
{
    const QString value = recordValue.trimmed();
    switch (key.kind) {
    case Kind::Date:
    case Kind::Time:
    case Kind::DateTime: {
        if (value.isEmpty())
            return false;
        const int kind = key.kind == Kind::Date ? 0 : key.kind == Kind::Time ? 1 : 2;
        const QString v = digits(value, widthOf(kind), QLatin1Char('0'));
        if (!key.range)
            return v == key.values.at(0);
        return (key.values.at(0).isEmpty() || v >= key.values.at(0))
            && (key.values.at(1).isEmpty() || v <= key.values.at(1));
    }
    case Kind::List:
        for (const QString &alternative : key.values) {
            if (hasWildcard(alternative) ? wildcardPattern(alternative, false).match(value).hasMatch()
                                         : alternative == value)
                return true;
        }
        return false;
    case Kind::PersonName:
        return key.wildcard ? key.pattern.match(value).hasMatch()
                            : value.compare(key.values.at(0), Qt::CaseInsensitive) == 0;
    case Kind::Text:
        return key.wildcard ? key.pattern.match(value).hasMatch() : value == key.values.at(0);
    }
    return false;
}

bool QueryMatcher::matches(const QueryRecord &record) const
{
    for (const Key &key : m_keys) {
        const auto found = record.constFind(key.tag);
        if (found == record.cend())
            continue; // an attribute the provider does not know: no restriction
        // A multi-valued attribute matches when one of its values does.
        const QString &stored = found.value();
        bool any = false;
        if (stored.contains(kBackslash)) {
            for (const QString &part : stored.split(kBackslash)) {
                if (matchesOne(key, part)) {
                    any = true;
                    break;
                }
            }
        } else {
            any = matchesOne(key, stored);
        }
        if (!any)
            return false;
    }
    return true;
}

} // namespace lightbox
