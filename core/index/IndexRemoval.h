#pragma once

#include "core/index/IndexWriter.h"

#include <QStringList>

namespace lightbox {

class SqliteDb;

/// Removes instance rows and keeps the index consistent: series and study counts, sizes and modalities are
/// updated, series, studies and patients left empty are removed, and so are the instances' measurements. Runs as
/// an IndexWriter job.
/// @return Inserted when something was removed (the outcome means "changed"), Duplicate when none of the
/// instances was indexed, Failed on an SQLite error. @p changedStudies receives the studies touched.
IndexWriter::Result removeInstanceRows(SqliteDb &db, const QStringList &sopInstanceUids, QStringList &changedStudies);

} // namespace lightbox
