#pragma once

#include <QString>

namespace lightbox {

class SqliteDb;

/// The index schema and its migrations, versioned with PRAGMA user_version.
class IndexSchema
{
public:
    /// The schema version this build writes.
    static int currentVersion();

    /// Brings @p db to currentVersion(), applying each missing migration in its own transaction.
    /// @return false with @p error set when a migration fails or the file is newer than this build.
    static bool migrate(SqliteDb &db, QString *error);
};

} // namespace lightbox
