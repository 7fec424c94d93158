#include "core/service/StorageScanner.h"

#include "core/common/Logging.h"
#include "core/dicom/DicomFileReader.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexWriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <deque>
#include <future>

namespace lightbox {

StorageScanner::StorageScanner(QString filesDir, IndexWriter &writer)
    : m_filesDir(std::move(filesDir))
    , m_writer(writer)
{
}

StorageScanner::Report StorageScanner::run(qint64 sinceMs, IndexReader *reader, const std::atomic<bool> *cancel)
{
    Report report;
    const QDir root(m_filesDir);
    std::deque<std::future<IndexWriter::Result>> pending;
    auto settle = [&](size_t keep) {
        while (pending.size() > keep) {
            const IndexWriter::Result r = pending.front().get();
            pending.pop_front();
            if (r.outcome == IndexWriter::Outcome::Inserted)
                ++report.indexed;
            else if (r.outcome == IndexWriter::Outcome::Failed)
                ++report.skipped;
        }
    };
    QDirIterator it(m_filesDir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (cancel && cancel->load())
            break;
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (sinceMs > 0 && info.lastModified().toMSecsSinceEpoch() < sinceMs)
            continue;
        ++report.scanned;
        const QString relative = root.relativeFilePath(path);
        if (m_excluded.contains(relative) || (reader && reader->hasFile(relative)))
            continue;
        QString error;
        std::optional<InstanceMetadata> meta = DicomFileReader::readMetadata(path, &error);
        if (!meta || meta->sopInstanceUid.isEmpty() || meta->studyInstanceUid.isEmpty()
            || meta->seriesInstanceUid.isEmpty()) {
            qCWarning(lcStorage).noquote()
                << "Not indexing" << path << ":" << (meta ? QStringLiteral("the data set lacks UIDs") : error);
            ++report.skipped;
            continue;
        }
        InstanceRecord record;
        record.meta = std::move(*meta);
        record.filePath = relative;
        record.fileSize = info.size();
        record.receivedAt = info.lastModified().toUTC();
        pending.push_back(m_writer.submit(std::move(record)));
        settle(4000);
    }
    settle(0);
    return report;
}

} // namespace lightbox
