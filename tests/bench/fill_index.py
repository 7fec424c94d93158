#!/usr/bin/python3
"""Fills a Lightbox index with rows only (no files), for browser benchmarks.

  fill_index.py INDEX.sqlite --studies 20000 --instances 1000000 [--seed 1]

INDEX must already exist with Lightbox's schema (make it with `lightbox --reindex --storage DIR` on an empty
folder). Studies get 1-6 series, instances are spread over the series; names, IDs, accessions, dates over the
last ~10 years and modalities vary so that every filter has something to find. Rows are dated "received" a day
ago and the last commit mark is set to now, so Lightbox's start-up check (which looks at recent rows) leaves
them alone.
"""
import argparse
import random
import sqlite3
import time
import unicodedata

FAMILY = ["Doe", "Smith", "Müller", "García", "Nguyen", "Kowalski", "Rossi", "Dubois", "Jensen", "O'Brien",
          "Ivanova", "Tanaka", "Schmidt", "Martin", "Bernard", "Novak", "Horvat", "Andersen", "Silva", "Yilmaz"]
GIVEN = ["John", "Jane", "Jürgen", "Ana", "Minh", "Piotr", "Giulia", "Émile", "Karen", "Seán", "Olga", "Yuki",
         "Hans", "Marie", "Luc", "Eva", "Ivan", "Mette", "João", "Ayşe"]
MODALITIES = ["CT", "CT", "CT", "MR", "MR", "CR", "DX", "US", "PT", "NM", "MG", "XA"]


def search_key(name):
    text = name.replace("^", " ").replace("=", " ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.split())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("index")
    p.add_argument("--studies", type=int, default=20000)
    p.add_argument("--instances", type=int, default=1000000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    db = sqlite3.connect(a.index)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    now_ms = int(time.time() * 1000)
    received = now_ms - 24 * 3600 * 1000
    patients = max(1, a.studies * 2 // 3)
    per_study = a.instances // a.studies
    extra = a.instances - per_study * a.studies
    with db:
        rows = []
        for i in range(patients):
            name = "%s^%s" % (rng.choice(FAMILY), rng.choice(GIVEN))
            rows.append((i + 1, "key%d" % i, "P%07d" % i, name, search_key(name),
                         "%04d%02d%02d" % (rng.randint(1930, 2020), rng.randint(1, 12), rng.randint(1, 28)),
                         rng.choice("MFO")))
        db.executemany("INSERT INTO patients(id, patient_key, patient_id, name, name_search, birth_date, sex) "
                       "VALUES (?,?,?,?,?,?,?)", rows)
        instance_id = 0
        series_id = 0
        for s in range(a.studies):
            count = per_study + (1 if s < extra else 0)
            n_series = rng.randint(1, 6)
            mods = [rng.choice(MODALITIES) for _ in range(n_series)]
            year = 2016 + s * 11 // a.studies
            date = "%04d%02d%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
            db.execute("INSERT INTO studies(id, patient_ref, study_uid, study_date, study_time, study_id, accession, "
                       "description, modalities, series_count, instance_count, size_bytes, received_at, updated_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (s + 1, rng.randint(1, patients), "1.2.826.0.1.3680043.8.498.1.%d" % s, date,
                        "%02d%02d00" % (rng.randint(7, 19), rng.randint(0, 59)), str(s), "ACC%07d" % s,
                        "%s study %d" % (mods[0], s), "\\".join(sorted(set(mods))), n_series, count,
                        count * 525000, received, received))
            inst_rows = []
            for k in range(n_series):
                series_id += 1
                n = count // n_series + (1 if k < count % n_series else 0)
                db.execute("INSERT INTO series(id, study_ref, series_uid, modality, series_number, description, "
                           "instance_count, size_bytes, received_at) VALUES (?,?,?,?,?,?,?,?,?)",
                           (series_id, s + 1, "1.2.826.0.1.3680043.8.498.2.%d" % series_id, mods[k], str(k + 1),
                            "Series %d" % (k + 1), n, n * 525000, received))
                for j in range(n):
                    instance_id += 1
                    inst_rows.append((instance_id, series_id, "1.2.826.0.1.3680043.8.498.3.%d" % instance_id,
                                      "1.2.840.10008.5.1.4.1.1.2", str(j + 1), "1.2.840.10008.1.2.1", 1, 512, 512,
                                      "bench/%08x.dcm" % instance_id, 525000, received))
            db.executemany("INSERT INTO instances(id, series_ref, sop_instance_uid, sop_class_uid, instance_number, "
                           "transfer_syntax, number_of_frames, rows, columns, file_path, file_size, received_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", inst_rows)
        db.execute("INSERT INTO meta(key, value) VALUES('last_commit', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(now_ms),))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    print("filled %d patients, %d studies, %d series, %d instances" % (patients, a.studies, series_id,
                                                                       instance_id))


if __name__ == "__main__":
    main()
