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

/// The storage root selected by --storage, else the settings, else the default.
QString selectedStorageRoot(const QCommandLineParser &args);

} // namespace lightbox
