#pragma once

#include "core/common/Destination.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace lightbox {

/// A remote named on the command line: a destination's name from the settings, or "AET@HOST:PORT" (then a
/// destination with every role, retrieving by C-MOVE). @return std::nullopt with @p error in plain words.
std::optional<Destination> resolveRemote(const QString &text, QSettings &settings, QString *error);

/// `lightbox destination add NAME AET@HOST:PORT [--roles send,query,sync] [--retrieve move|get]`,
/// `lightbox destination list` (JSON) and `lightbox destination remove NAME`: the destinations table in the
/// settings file. @param args the arguments after "destination". @return the exit code (1 with the reason on
/// stderr when refused).
int runDestinationCommand(const QStringList &args);

/// `lightbox send NAME|AET@HOST:PORT (--study UID | --series UID | FILE...)`: C-STORE, JSON summary with the
/// instances that failed. @return 0 when every instance was stored, else 1.
int runSendCommand(const QStringList &args);

/// `lightbox find NAME|AET@HOST:PORT [--name --id --accession --modality --date --from --to] [--study UID]`: study
/// level C-FIND (series level with --study), JSON. @return 0, or 1 with the reason on stderr.
int runFindCommand(const QStringList &args);

/// `lightbox retrieve NAME|AET@HOST:PORT --study UID [--series UID...] [--method move|get]`: C-MOVE to our
/// running listener, or C-GET into the storage (directly when no Lightbox runs, else forwarded to the running one
/// on loopback). JSON summary. @return 0 when everything arrived, else 1.
int runRetrieveCommand(const QStringList &args);

} // namespace lightbox
