#include "ui/browser/StudyQueryWorker.h"

#include "core/index/IndexReader.h"

#include <QElapsedTimer>

namespace lightbox {

StudyQueryWorker::StudyQueryWorker(const QString &indexPath)
    : m_indexPath(indexPath)
{
    qRegisterMetaType<StudyRow>();
    qRegisterMetaType<StudyQuery>();
    qRegisterMetaType<SeriesRow>();
    qRegisterMetaType<InstanceFile>();
    qRegisterMetaType<IndexStats>();
    qRegisterMetaType<QList<StudyRow>>();
    qRegisterMetaType<QList<SeriesRow>>();
    qRegisterMetaType<QList<InstanceFile>>();
}

StudyQueryWorker::~StudyQueryWorker() = default;

bool StudyQueryWorker::ensureOpen()
{
    if (m_reader)
        return true;
    auto reader = std::make_unique<IndexReader>(m_indexPath);
    QString error;
    if (!reader->open(&error)) {
        Q_EMIT failed(error);
        return false;
    }
    m_reader = std::move(reader);
    return true;
}

void StudyQueryWorker::runQuery(int generation, const StudyQuery &query, int pageSize)
{
    if (!ensureOpen()) {
        Q_EMIT queryDone(generation, 0, {}, 0);
        return;
    }
    QElapsedTimer clock;
    clock.start();
    StudyQuery page = query;
    page.limit = pageSize;
    page.offset = 0;
    const QList<StudyRow> rows = m_reader->findStudies(page);
    // A first page that is not full is the whole answer: no count query needed.
    const int total = rows.size() < pageSize ? static_cast<int>(rows.size()) : m_reader->countStudies(query);
    Q_EMIT queryDone(generation, total, rows, clock.elapsed());
}

void StudyQueryWorker::fetchPage(int generation, const StudyQuery &query, int offset, int count)
{
    if (!ensureOpen())
        return;
    StudyQuery page = query;
    page.limit = count;
    page.offset = offset;
    Q_EMIT pageDone(generation, offset, m_reader->findStudies(page));
}

void StudyQueryWorker::refresh(int generation, const StudyQuery &query, const QStringList &studyUids,
                               qint64 committedAtMs)
{
    if (!ensureOpen())
        return;
    StudyQuery only = query;
    only.studyInstanceUids = studyUids;
    only.limit = 0;
    only.offset = 0;
    Q_EMIT refreshDone(generation, studyUids, m_reader->findStudies(only), committedAtMs);
}

void StudyQueryWorker::loadSeries(const QString &studyUid)
{
    if (!ensureOpen())
        return;
    Q_EMIT seriesDone(studyUid, m_reader->seriesOf(studyUid), m_reader->filesOfStudy(studyUid));
}

void StudyQueryWorker::loadStats()
{
    if (!ensureOpen())
        return;
    Q_EMIT statsDone(m_reader->stats());
}

} // namespace lightbox
