#include "core/index/IndexSchema.h"

#include "core/common/Logging.h"
#include "core/index/SqliteDb.h"

#include <QStringList>

namespace lightbox {
namespace {

// Each entry upgrades from version i to i + 1. Never edit a released entry: append a new one.
const QStringList &migrations()
{
    static const QStringList list = {
        // 0 -> 1: patients / studies / series / instances.
        QStringLiteral(R"SQL(
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  patient_key TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  name_search TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  sex TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patients_name_search ON patients(name_search);
CREATE INDEX patients_patient_id ON patients(patient_id COLLATE NOCASE);

CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  study_uid TEXT NOT NULL UNIQUE,
  study_date TEXT NOT NULL DEFAULT '',
  study_time TEXT NOT NULL DEFAULT '',
  study_id TEXT NOT NULL DEFAULT '',
  accession TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  referring_physician TEXT NOT NULL DEFAULT '',
  modalities TEXT NOT NULL DEFAULT '',
  series_count INTEGER NOT NULL DEFAULT 0,
  instance_count INTEGER NOT NULL DEFAULT 0,
  size_bytes INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX studies_patient ON studies(patient_ref);
CREATE INDEX studies_date ON studies(study_date);
CREATE INDEX studies_accession ON studies(accession COLLATE NOCASE);
CREATE INDEX studies_received ON studies(received_at);

CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  series_uid TEXT NOT NULL UNIQUE,
  modality TEXT NOT NULL DEFAULT '',
  series_number TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  body_part TEXT NOT NULL DEFAULT '',
  instance_count INTEGER NOT NULL DEFAULT 0,
  size_bytes INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL
);
CREATE INDEX series_study ON series(study_ref);
CREATE INDEX series_modality ON series(modality);

CREATE TABLE instances (
  id INTEGER PRIMARY KEY,
  series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  sop_instance_uid TEXT NOT NULL UNIQUE,
  sop_class_uid TEXT NOT NULL DEFAULT '',
  instance_number TEXT NOT NULL DEFAULT '',
  transfer_syntax TEXT NOT NULL DEFAULT '',
  number_of_frames INTEGER NOT NULL DEFAULT 0,
  rows INTEGER NOT NULL DEFAULT 0,
  columns INTEGER NOT NULL DEFAULT 0,
  charset TEXT NOT NULL DEFAULT '',
  file_path TEXT NOT NULL UNIQUE,
  file_size INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  calling_ae TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instances_series ON instances(series_ref);
CREATE INDEX instances_received ON instances(received_at);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL"),
        // 1 -> 2: files whose rows a deletion removed, until the files are gone too (crash-safe deletion).
        QStringLiteral(R"SQL(
CREATE TABLE pending_file_removals (file_path TEXT PRIMARY KEY);
)SQL"),
        // 2 -> 3: measurements drawn on instances (points as JSON, image pixel coordinates). Not in the files, so
        // a reindex carries them over; removeInstanceRows() deletes them with their instance.
        QStringLiteral(R"SQL(
CREATE TABLE measurements (
  id INTEGER PRIMARY KEY,
  sop_instance_uid TEXT NOT NULL,
  frame INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  points TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX measurements_instance ON measurements(sop_instance_uid);
)SQL"),
        // 3 -> 4: the sync outbox. One row per instance and sync destination, written in the same transaction as
        // the instance's row (core/index/SyncOutbox.h). state: 0 pending, 1 sent, 2 failed (waits for a retry).
        // sync_verified: studies a remote confirmed holding (QIDO-RS / C-FIND) after they were sent.
        QStringLiteral(R"SQL(
CREATE TABLE sync_outbox (
  id INTEGER PRIMARY KEY,
  destination TEXT NOT NULL,
  sop_instance_uid TEXT NOT NULL,
  study_uid TEXT NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  queued_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE(destination, sop_instance_uid)
);
CREATE INDEX sync_outbox_due ON sync_outbox(state, destination, next_attempt_at);
CREATE INDEX sync_outbox_study ON sync_outbox(study_uid);
CREATE INDEX sync_outbox_instance ON sync_outbox(sop_instance_uid);

CREATE TABLE sync_verified (
  destination TEXT NOT NULL,
  study_uid TEXT NOT NULL,
  instance_count INTEGER NOT NULL,
  verified_at INTEGER NOT NULL,
  PRIMARY KEY(destination, study_uid)
);
)SQL"),
    };
    return list;
}

} // namespace

int IndexSchema::currentVersion()
{
    return static_cast<int>(migrations().size());
}

bool IndexSchema::migrate(SqliteDb &db, QString *error)
{
    const int version = db.scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (version > currentVersion()) {
        if (error)
            *error = QStringLiteral("the index was written by a newer Lightbox (schema %1, this build knows %2)")
                         .arg(version)
                         .arg(currentVersion());
        return false;
    }
    for (int v = version; v < currentVersion(); ++v) {
        qCInfo(lcIndex) << "Migrating the index schema from version" << v << "to" << v + 1;
        const QString sql = QStringLiteral("BEGIN IMMEDIATE;") + migrations().at(v)
            + QStringLiteral(";PRAGMA user_version = %1; COMMIT;").arg(v + 1);
        if (!db.exec(sql)) {
            if (error)
                *error = QStringLiteral("index migration to version %1 failed: %2").arg(v + 1).arg(db.lastError());
            db.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    return true;
}

} // namespace lightbox
