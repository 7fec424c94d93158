#include "core/service/Deletion.h"

#include "core/common/Logging.h"
#include "core/index/IndexRemoval.h"
#include "core/index/IndexWriter.h"
#include "core/index/SqliteDb.h"
#include "core/storage/FileStore.h"

#include <QDir>
#include <QFile>
#include <QtConcurrent>

#include <memory>

namespace lightbox {
namespace {

IndexWriter::Result sqlFailure(const SqliteStatement &statement, const QString &what)
{
    return {IndexWriter::Outcome::Failed, QStringLiteral("%1: %2").arg(what, statement.error())};
}

// A pending path comes from the index; never let one point outside the files folder.
bool isSafeRelativePath(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    return !path.isEmpty() && !QDir::isAbsolutePath(clean) && clean != QLatin1String("..")
        && !clean.startsWith(QLatin1String("../"));
}

struct Marked
{
    QStringList sopUids;
    QStringList files;
    QStringList series;
};

// Phase one, on the writer's connection inside its transaction: find the instances, record their files as
// pending removal and remove their rows. All or nothing (the job's savepoint).
IndexWriter::Result markJob(SqliteDb &db, QStringList &changed, Deletion::Scope scope, const QStringList &uids,
                            Marked &out)
{
    const QString where
        = scope == Deletion::Scope::Studies ? QStringLiteral("st.study_uid = ?") : QStringLiteral("se.series_uid = ?");
    SqliteStatement find(db,
                         QStringLiteral("SELECT i.sop_instance_uid, i.file_path, se.series_uid FROM instances i "
                                        "JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = "
                                        "se.study_ref WHERE ")
                             + where);
    SqliteStatement pending(db, QStringLiteral("INSERT OR IGNORE INTO pending_file_removals(file_path) VALUES(?)"));
    if (!find.isValid())
        return sqlFailure(find, QStringLiteral("cannot prepare the deletion"));
    if (!pending.isValid())
        return sqlFailure(pending, QStringLiteral("cannot prepare the deletion"));
    out = {};
    for (const QString &uid : uids) {
        find.bind(1, uid);
        while (find.next()) {
            out.sopUids << find.text(0);
            out.files << find.text(1);
            out.series << find.text(2);
        }
        find.reset();
    }
    out.series.removeDuplicates();
    for (const QString &file : std::as_const(out.files)) {
        if (!pending.bind(1, file).run())
            return sqlFailure(pending, QStringLiteral("cannot record the files to remove"));
    }
    if (out.sopUids.isEmpty())
        return {IndexWriter::Outcome::Duplicate, {}};
    return removeInstanceRows(db, out.sopUids, changed);
}

} // namespace

Deletion::Deletion(IndexWriter &index, const FileStore &store, SeriesRemovedCallback onSeriesRemoved)
    : m_index(index)
    , m_store(store)
    , m_onSeriesRemoved(std::move(onSeriesRemoved))
{
    // One at a time: deletions are rare, and ordering them keeps their results easy to reason about.
    m_pool.setMaxThreadCount(1);
}

Deletion::~Deletion()
{
    m_pool.waitForDone();
}

QFuture<DeleteResult> Deletion::deleteStudies(const QStringList &studyInstanceUids)
{
    return QtConcurrent::run(&m_pool, [this, studyInstanceUids] {
        m_gate.waitForFinished();
        return run(Scope::Studies, studyInstanceUids);
    });
}

QFuture<DeleteResult> Deletion::deleteSeries(const QStringList &seriesInstanceUids)
{
    return QtConcurrent::run(&m_pool, [this, seriesInstanceUids] {
        m_gate.waitForFinished();
        return run(Scope::Series, seriesInstanceUids);
    });
}

DeleteResult Deletion::run(Scope scope, const QStringList &uids)
{
    QStringList files;
    QStringList series;
    DeleteResult result = markForRemoval(scope, uids, &files, &series);
    if (!result.ok())
        return result;
    if (!series.isEmpty() && m_onSeriesRemoved) {
        try {
            m_onSeriesRemoved(series);
        } catch (const std::exception &e) {
            qCWarning(lcStorage).noquote() << "A series-removed listener failed:" << e.what();
        }
    }
    QString error;
    result.filesRemoved = removeFiles(files, &error);
    result.error = error;
    qCInfo(lcStorage).noquote() << QStringLiteral("Deleted %1 instance(s) and %2 file(s)")
                                       .arg(result.instancesRemoved)
                                       .arg(result.filesRemoved);
    return result;
}

DeleteResult Deletion::markForRemoval(Scope scope, const QStringList &uids, QStringList *pendingFiles,
                                      QStringList *removedSeries)
{
    DeleteResult result;
    auto marked = std::make_shared<Marked>();
    const IndexWriter::Result r = m_index
                                      .execute([scope, uids, marked](SqliteDb &db, QStringList &changed) {
                                          return markJob(db, changed, scope, uids, *marked);
                                      })
                                      .get();
    if (r.outcome == IndexWriter::Outcome::Failed) {
        qCWarning(lcStorage).noquote() << "Deletion failed in the index:" << r.error;
        result.error = tr("The index could not be changed, so nothing was deleted (%1). Check that the storage "
                          "disk is not full, then try again.")
                           .arg(r.error);
        return result;
    }
    result.instancesRemoved = static_cast<int>(marked->sopUids.size());
    if (pendingFiles)
        *pendingFiles = marked->files;
    if (removedSeries)
        *removedSeries = marked->series;
    return result;
}

QStringList Deletion::stillUnreferenced(const QStringList &relativePaths, QString *error)
{
    auto unreferenced = std::make_shared<QStringList>();
    const IndexWriter::Result r
        = m_index
              .execute([relativePaths, unreferenced](SqliteDb &db, QStringList &) {
                  SqliteStatement used(db, QStringLiteral("SELECT 1 FROM instances WHERE file_path = ?"));
                  SqliteStatement clear(db, QStringLiteral("DELETE FROM pending_file_removals WHERE file_path = ?"));
                  unreferenced->clear();
                  for (const QString &path : relativePaths) {
                      used.bind(1, path);
                      const bool inUse = used.next();
                      used.reset();
                      if (!inUse)
                          unreferenced->append(path);
                      else if (!clear.bind(1, path).run())
                          return sqlFailure(clear, QStringLiteral("cannot update the pending removals"));
                  }
                  return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
              })
              .get();
    if (r.outcome == IndexWriter::Outcome::Failed) {
        if (error)
            *error = r.error;
        return {};
    }
    return *unreferenced;
}

int Deletion::removeFiles(const QStringList &relativePaths, QString *error)
{
    if (relativePaths.isEmpty())
        return 0;
    QString why;
    const QStringList candidates = stillUnreferenced(relativePaths, &why);
    if (!why.isEmpty()) {
        if (error)
            *error = tr("The files stay on disk for now and are removed at the next start (%1).").arg(why);
        return 0;
    }
    int removed = 0;
    QStringList done;
    QStringList failed;
    for (const QString &path : candidates) {
        if (!isSafeRelativePath(path)) {
            qCWarning(lcStorage).noquote() << "Not removing" << path << ": it is outside the storage folder";
            done << path;
            continue;
        }
        const bool existed = QFile::exists(m_store.absolutePath(path));
        if (m_store.remove(path)) {
            done << path;
            if (existed)
                ++removed;
        } else {
            failed << path;
        }
    }
    const IndexWriter::Result r
        = m_index
              .execute([done](SqliteDb &db, QStringList &) {
                  SqliteStatement clear(db, QStringLiteral("DELETE FROM pending_file_removals WHERE file_path = ?"));
                  for (const QString &path : done) {
                      if (!clear.bind(1, path).run())
                          return sqlFailure(clear, QStringLiteral("cannot clear the pending removals"));
                  }
                  return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
              })
              .get();
    if (r.outcome == IndexWriter::Outcome::Failed)
        qCWarning(lcStorage).noquote() << "Removed files stay listed as pending (harmless):" << r.error;
    if (!failed.isEmpty()) {
        qCWarning(lcStorage).noquote() << "Cannot remove" << failed.size() << "deleted file(s), e.g."
                                       << m_store.absolutePath(failed.first());
        if (error)
            *error = tr("%n file(s) could not be removed from the storage folder (permission denied?); Lightbox "
                        "tries again at the next start.",
                        nullptr, static_cast<int>(failed.size()));
    }
    return removed;
}

QStringList Deletion::finishPending(int *filesRemoved)
{
    auto pending = std::make_shared<QStringList>();
    const IndexWriter::Result r
        = m_index
              .execute([pending](SqliteDb &db, QStringList &) {
                  SqliteStatement all(db, QStringLiteral("SELECT file_path FROM pending_file_removals"));
                  pending->clear();
                  while (all.next())
                      pending->append(all.text(0));
                  return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
              })
              .get();
    if (filesRemoved)
        *filesRemoved = 0;
    if (r.outcome == IndexWriter::Outcome::Failed) {
        qCWarning(lcStorage).noquote() << "Cannot read the pending file removals:" << r.error;
        return {};
    }
    if (pending->isEmpty())
        return {};
    QString error;
    const int removed = removeFiles(*pending, &error);
    if (filesRemoved)
        *filesRemoved = removed;
    qCInfo(lcStorage) << "Start-up check: finished an interrupted deletion, removed" << removed << "file(s)";

    // What is still listed could not be removed.
    auto left = std::make_shared<QStringList>();
    m_index
        .execute([left](SqliteDb &db, QStringList &) {
            SqliteStatement all(db, QStringLiteral("SELECT file_path FROM pending_file_removals"));
            while (all.next())
                left->append(all.text(0));
            return IndexWriter::Result {IndexWriter::Outcome::Duplicate, {}};
        })
        .get();
    return *left;
}

} // namespace lightbox
