#include "core/index/SearchText.h"

namespace lightbox {

QString searchKey(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool lastSpace = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining
            || c.category() == QChar::Mark_Enclosing)
            continue;
        if (c == QLatin1Char('^') || c == QLatin1Char('=') || c.isSpace()) {
            if (!lastSpace)
                out.append(QLatin1Char(' '));
            lastSpace = true;
            continue;
        }
        out.append(c.toCaseFolded());
        lastSpace = false;
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

} // namespace lightbox
