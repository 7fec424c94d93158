#include "core/service/Ingest.h"

#include "core/common/Logging.h"
#include "core/dicom/DicomFileReader.h"
#include "core/index/IndexWriter.h"
#include "core/storage/FileStore.h"

#include <QFile>

namespace lightbox {

Ingest::Ingest(FileStore &store, IndexWriter &index)
    : m_store(store)
    , m_index(index)
{
}

StoreStatus Ingest::accept(const ReceivedFile &file, const AssociationInfo &association)
{
    auto reject = [&](quint16 code, const QString &why) {
        QFile::remove(file.path);
        qCWarning(lcIngest).noquote() << QStringLiteral("Refused instance %1 from %2 (%3): %4")
                                             .arg(file.sopInstanceUid, association.callingAe, association.peerHost,
                                                  why);
        return StoreStatus {code, why};
    };

    QString error;
    std::optional<InstanceMetadata> meta = DicomFileReader::readMetadata(file.path, &error);
    if (!meta)
        return reject(StoreStatus::kCannotUnderstand, QStringLiteral("Cannot read the data set: ") + error);
    if (meta->sopInstanceUid.isEmpty())
        return reject(StoreStatus::kDataSetMismatch, QStringLiteral("The data set has no SOP Instance UID"));
    if (meta->sopClassUid.isEmpty())
        return reject(StoreStatus::kDataSetMismatch, QStringLiteral("The data set has no SOP Class UID"));
    if (!file.sopInstanceUid.isEmpty() && meta->sopInstanceUid != file.sopInstanceUid)
        return reject(StoreStatus::kDataSetMismatch,
                      QStringLiteral("SOP Instance UID of the data set differs from the request"));
    if (!file.sopClassUid.isEmpty() && meta->sopClassUid != file.sopClassUid)
        return reject(StoreStatus::kDataSetMismatch,
                      QStringLiteral("SOP Class UID of the data set differs from the request"));
    if (meta->studyInstanceUid.isEmpty())
        return reject(StoreStatus::kDataSetMismatch, QStringLiteral("The data set has no Study Instance UID"));
    if (meta->seriesInstanceUid.isEmpty())
        return reject(StoreStatus::kDataSetMismatch, QStringLiteral("The data set has no Series Instance UID"));
    if (meta->sopInstanceUid.size() > 64 || meta->studyInstanceUid.size() > 64 || meta->seriesInstanceUid.size() > 64)
        return reject(StoreStatus::kDataSetMismatch, QStringLiteral("A UID is longer than 64 characters"));
    if (!file.transferSyntaxUid.isEmpty())
        meta->transferSyntaxUid = file.transferSyntaxUid;

    const FileStore::Result stored = m_store.place(file.path, meta->sopInstanceUid);
    if (!stored.ok()) {
        const quint16 code = stored.error == FileStore::Error::DiskFull ? StoreStatus::kOutOfResources
                                                                        : StoreStatus::kProcessingFailure;
        return StoreStatus {code, stored.message.left(64)};
    }

    InstanceRecord record;
    record.meta = std::move(*meta);
    record.filePath = stored.path;
    record.fileSize = file.size;
    record.receivedAt = QDateTime::currentDateTimeUtc();
    record.callingAe = association.callingAe;
    // The file's data is durable; its folder entry and the index row become durable side by side.
    std::future<IndexWriter::Result> pending = m_index.submit(std::move(record));
    const bool folderSynced = m_store.syncFolderOf(stored.path);
    const IndexWriter::Result indexed = pending.get();
    if (indexed.outcome == IndexWriter::Outcome::Failed) {
        if (stored.created)
            m_store.remove(stored.path);
        qCWarning(lcIngest).noquote() << QStringLiteral("Indexing instance %1 from %2 failed, file removed: %3")
                                             .arg(file.sopInstanceUid, association.callingAe, indexed.error);
        const bool full = indexed.error.contains(QLatin1String("full"), Qt::CaseInsensitive);
        return StoreStatus {full ? StoreStatus::kOutOfResources : StoreStatus::kProcessingFailure,
                            full ? QStringLiteral("Storage disk full on the receiver")
                                 : QStringLiteral("Indexing failed on the receiver")};
    }
    if (!folderSynced) {
        // Row and file are consistent; only the name's durability is in doubt. The sender will send it again.
        qCWarning(lcIngest).noquote() << "Cannot sync the storage folder for" << file.sopInstanceUid;
        return StoreStatus {StoreStatus::kProcessingFailure, QStringLiteral("Cannot sync the storage folder")};
    }
    if (indexed.outcome == IndexWriter::Outcome::Duplicate)
        qCDebug(lcIngest) << "Instance" << file.sopInstanceUid << "was already stored";
    return {};
}

} // namespace lightbox
