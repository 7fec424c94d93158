#pragma once

#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace lightbox {

/// A thin RAII wrapper over one SQLite connection. Not thread-safe: one connection per thread.
class SqliteDb
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    /// Opens (ReadWrite: creates) the database at @p path. @return false with lastError() set.
    bool open(const QString &path, Mode mode);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    /// Runs one or more statements without results. @return false with lastError() set.
    bool exec(const QString &sql);
    /// Runs a query and returns the first column of the first row (null QVariant if none or error).
    QVariant scalar(const QString &sql);

    QString lastError() const { return m_error; }
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_error;
};

/// A prepared statement with positional binding (1-based) and column access (0-based).
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteDb &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;

    bool isValid() const { return m_stmt != nullptr; }
    SqliteStatement &bind(int index, const QString &value);
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bindNull(int index);
    /// Steps once. @return true while a row is available.
    bool next();
    /// Steps a statement without results to its end. @return true on success.
    bool run();
    void reset();

    QString text(int column) const;
    qint64 integer(int column) const;
    bool isNull(int column) const;
    QString error() const { return m_error; }

private:
    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    QString m_error;
};

} // namespace lightbox
