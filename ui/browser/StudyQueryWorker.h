#pragma once

#include "core/index/IndexRecords.h"

#include <QObject>
#include <memory>

namespace lightbox {

class IndexReader;

/// Runs the browser's index queries on its own thread and its own read-only connection, so the GUI thread
/// never waits on SQLite. Every request carries the generation of the query it belongs to; the model drops
/// answers to queries it has since replaced.
class StudyQueryWorker : public QObject
{
    Q_OBJECT
public:
    explicit StudyQueryWorker(const QString &indexPath);
    ~StudyQueryWorker() override;

public Q_SLOTS:
    /// Counts the studies matching @p query and reads the first @p pageSize of them.
    void runQuery(int generation, const lightbox::StudyQuery &query, int pageSize);
    /// Reads rows [offset, offset + count) of @p query.
    void fetchPage(int generation, const lightbox::StudyQuery &query, int offset, int count);
    /// Re-reads @p studyUids under @p query: those that still match come back in refreshDone().
    void refresh(int generation, const lightbox::StudyQuery &query, const QStringList &studyUids, qint64 committedAtMs);
    /// Reads the series of one study.
    void loadSeries(const QString &studyUid);
    /// Reads the totals shown in the status bar.
    void loadStats();

Q_SIGNALS:
    void queryDone(int generation, int total, const QList<lightbox::StudyRow> &rows, qint64 elapsedMs);
    void pageDone(int generation, int offset, const QList<lightbox::StudyRow> &rows);
    void refreshDone(int generation, const QStringList &studyUids, const QList<lightbox::StudyRow> &matching,
                     qint64 committedAtMs);
    void seriesDone(const QString &studyUid, const QList<lightbox::SeriesRow> &series,
                    const QList<lightbox::InstanceFile> &files);
    void statsDone(const lightbox::IndexStats &stats);
    /// The index could not be read (in plain words).
    void failed(const QString &reason);

private:
    bool ensureOpen();

    QString m_indexPath;
    std::unique_ptr<IndexReader> m_reader;
};

} // namespace lightbox
