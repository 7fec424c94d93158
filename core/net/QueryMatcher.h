#pragma once

#include "core/net/QueryProvider.h"

#include <QRegularExpression>
#include <vector>

namespace lightbox {

/// DICOM attribute matching for C-FIND (PS3.4 C.2.2.2), compiled once per request and applied to each record:
/// universal (empty key), single value, wildcards * and ?, UID list (backslash-separated), and date, time and
/// date-time ranges (A-B, -B, A-). Person names match case-insensitively (as most PACS do); other text is
/// case-sensitive. A multi-valued record value (e.g. Modalities in Study "CT\SR") matches when one of its values
/// does. Keys the record does not carry (attributes the provider does not know) do not restrict the match.
class QueryMatcher
{
public:
    explicit QueryMatcher(const QueryRequest &request);

    /// @return true when @p record matches every matching key of the request.
    bool matches(const QueryRecord &record) const;

    /// @return true when @p value is a valid date range or single date ("20200101-20201231", "-20201231").
    static bool isValidDateKey(const QString &value);

private:
    enum class Kind { Text, PersonName, List, Date, Time, DateTime };
    struct Key
    {
        AttributeTag tag = 0;
        Kind kind = Kind::Text;
        QStringList values; ///< List keys: the alternatives; ranges: {from, to}; else one value.
        bool range = false;
        QRegularExpression pattern; ///< Wildcard keys.
        bool wildcard = false;
    };

    bool matchesOne(const Key &key, const QString &recordValue) const;

    std::vector<Key> m_keys;
};

} // namespace lightbox
