#pragma once

#include <QString>
#include <QStringList>

namespace lightbox {

/// `lightbox import [--storage DIR] PATH...`: imports files, folders, DICOMDIRs and zip archives into the storage
/// through the ingest path, then prints a JSON summary. Takes the storage folder's lock (a running Lightbox must
/// be stopped first; no listener is started). @param args the arguments after "import".
/// @param defaultStorageRoot the storage when --storage is not given (the settings' folder; empty: the default).
/// @return 0 when every file was imported or already stored, 2 when some were skipped, 1 when nothing could run.
int runImportCommand(const QStringList &args, const QString &defaultStorageRoot = {});

/// `lightbox export [--storage DIR] --out DIR [--anonymize [--patient-name N] [--patient-id I]] STUDY_UID...`:
/// writes the studies as media with a DICOMDIR and prints a JSON summary. Reads the index read-only, so it runs
/// beside a running Lightbox. @param args the arguments after "export".
/// @return 0 when the media is complete, 1 otherwise.
int runExportCommand(const QStringList &args, const QString &defaultStorageRoot = {});

} // namespace lightbox
