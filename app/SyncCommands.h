#pragma once

#include <QStringList>

namespace lightbox {

/// `lightbox sync --all | --status | --retry-failed | --study UID...`: the sync outbox from the command line. With a
/// Lightbox running on the storage folder, rows are queued for it to send; without one, the command sends them
/// itself and waits (also with --wait when one runs). Prints JSON; exit code 1 when something failed or stays queued.
int runSyncCommand(const QStringList &args);

} // namespace lightbox
