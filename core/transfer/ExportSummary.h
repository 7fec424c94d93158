#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lightbox {

/// What an export did.
struct ExportSummary
{
    bool ok = false; ///< The media is complete: every file written and a DICOMDIR listing them.
    QString error; ///< Why nothing was exported (refused target, unknown study, ...), in plain words.
    int exported = 0; ///< Files written.
    int failed = 0; ///< Files that could not be written.
    QStringList errors; ///< One plain-words line per file problem (not written, or not in the DICOMDIR).
    QString dicomDirPath; ///< The DICOMDIR written.
    bool cancelled = false; ///< Stopped by the user; the partial media was removed again.
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::ExportSummary)
