#pragma once

#include <QCommandLineParser>

namespace lightbox {

/// Command-line commands that print JSON for scripts (the REST endpoints of the pipeline Lightbox replaces).
/// Each returns the process exit code.
namespace commands {

/// `lightbox stats`: patients, studies, series, instances, bytes.
int stats(const QCommandLineParser &args);
/// `lightbox studies [filters]`: the matching studies.
int studies(const QCommandLineParser &args);
/// `lightbox echo AET@HOST:PORT`: C-ECHO with round-trip time or a plain-words failure reason.
int echo(const QCommandLineParser &args, const QStringList &positional);
/// `lightbox --reindex`: rebuild the index from the files.
int reindex(const QCommandLineParser &args);

} // namespace commands

/// A date as the command line takes it (YYYYMMDD, YYYY-MM-DD, "today", "yesterday") as YYYYMMDD.
/// @return the date, empty for empty text; @p ok is false when the text is not a date.
QString normaliseDate(const QString &text, bool *ok);

/// The storage root selected by --storage, else the settings, else the default.
QString selectedStorageRoot(const QCommandLineParser &args);

} // namespace lightbox
