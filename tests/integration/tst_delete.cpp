// Deleting studies and series through a running Workstation: files and rows go together, other studies stay,
// counts are kept, and a crash between the index commit and the file removal is finished at the next start
// without the files coming back into the index.

#include "core/common/NodeSettings.h"
#include "core/common/StorageLocation.h"
#include "core/dicom/SyntheticStudy.h"
#include "core/index/IndexReader.h"
#include "core/index/IndexWriter.h"
#include "core/index/SqliteDb.h"
#include "core/net/InstanceSink.h"
#include "core/service/Deletion.h"
#include "core/service/Ingest.h"
#include "core/service/Workstation.h"
#include "core/storage/FileStore.h"
#include "tests/integration/IngestTestSupport.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

namespace {

SyntheticStudy makeStudy(SyntheticKind kind, int variant)
{
    SyntheticOptions options;
    options.kind = kind;
    options.matrix = 32;
    options.slices = 3;
    options.variant = variant;
    return SyntheticStudy(options);
}

qint64 scalar(const StorageLocation &location, const QString &sql)
{
    SqliteDb db;
    if (!db.open(location.indexPath(), SqliteDb::Mode::ReadOnly))
        return -1;
    return db.scalar(sql).toLongLong();
}

QStringList absoluteFiles(const StorageLocation &location, const QList<InstanceFile> &files)
{
    QStringList paths;
    for (const InstanceFile &f : files)
        paths << location.filesDir() + '/' + f.filePath;
    return paths;
}

int existing(const QStringList &paths)
{
    int n = 0;
    for (const QString &p : paths)
        n += QFile::exists(p) ? 1 : 0;
    return n;
}

// Collects change notices from the writer thread.
struct Notices
{
    QMutex mutex;
    QStringList studies;
    QStringList series;
};

} // namespace

class TestDelete : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deleteStudy_removesItsFilesAndRows_andLeavesOthers()
    {
        QTemporaryDir dir;
        const StorageLocation location(dir.path());
        Workstation ws(location, settingsOnFreePort());
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));
        ws.reconciliation().waitForFinished();
        Notices notices;
        connect(
            &ws, &Workstation::studiesChanged, this,
            [&notices](const QStringList &uids, qint64) {
                QMutexLocker lock(&notices.mutex);
                notices.studies += uids;
            },
            Qt::DirectConnection);
        connect(
            &ws, &Workstation::seriesRemoved, this,
            [&notices](const QStringList &uids) {
                QMutexLocker lock(&notices.mutex);
                notices.series += uids;
            },
            Qt::DirectConnection);

        // Two studies of one patient, one of another.
        const SyntheticStudy ct = makeStudy(SyntheticKind::CtChest, 1);
        const SyntheticStudy ctAgain = makeStudy(SyntheticKind::CtChest, 1);
        const SyntheticStudy mr = makeStudy(SyntheticKind::MrBrain, 2);
        QCOMPARE(ct.patientId(), ctAgain.patientId());
        QVERIFY(ingestStudy(*ws.ingest(), location, ct));
        QVERIFY(ingestStudy(*ws.ingest(), location, ctAgain));
        QVERIFY(ingestStudy(*ws.ingest(), location, mr));
        QCOMPARE(scalar(location, "SELECT count(*) FROM patients"), 2);

        IndexReader reader(location.indexPath());
        QVERIFY(reader.open());
        const QStringList ctFiles = absoluteFiles(location, reader.filesOfStudy(ct.studyInstanceUid()));
        const QStringList ctAgainFiles = absoluteFiles(location, reader.filesOfStudy(ctAgain.studyInstanceUid()));
        const QStringList mrFiles = absoluteFiles(location, reader.filesOfStudy(mr.studyInstanceUid()));
        QCOMPARE(ctFiles.size(), ct.instanceCount());
        QCOMPARE(existing(ctFiles), ct.instanceCount());
        QStringList ctSeries;
        for (const SeriesRow &s : reader.seriesOf(ct.studyInstanceUid()))
            ctSeries << s.seriesInstanceUid;
        QVERIFY(ctSeries.size() >= 2);

        // Through a watcher, as the GUI would: the event loop keeps running while it works.
        QFutureWatcher<DeleteResult> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(ws.deleteStudies({ct.studyInstanceUid()}));
        QVERIFY(finished.wait(30000));
        const DeleteResult result = watcher.result();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.instancesRemoved, ct.instanceCount());
        QCOMPARE(result.filesRemoved, ct.instanceCount());

        QCOMPARE(existing(ctFiles), 0);
        QCOMPARE(existing(ctAgainFiles), ctAgain.instanceCount());
        QCOMPARE(existing(mrFiles), mr.instanceCount());
        const QString ctUid = ct.studyInstanceUid();
        QCOMPARE(scalar(location, "SELECT count(*) FROM studies WHERE study_uid = '" + ctUid + "'"), 0);
        QCOMPARE(scalar(location,
                        "SELECT count(*) FROM series se JOIN studies st ON st.id = se.study_ref WHERE st.study_uid = '"
                            + ctUid + "'"),
                 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM series WHERE series_uid IN ('" + ctSeries.join("','") + "')"),
                 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), ctAgain.instanceCount() + mr.instanceCount());
        QCOMPARE(scalar(location, "SELECT count(*) FROM studies"), 2);
        QCOMPARE(scalar(location, "SELECT count(*) FROM patients"), 2); // the CT patient has another study
        QCOMPARE(scalar(location, "SELECT count(*) FROM pending_file_removals"), 0);
        QCOMPARE(
            scalar(location, "SELECT instance_count FROM studies WHERE study_uid = '" + mr.studyInstanceUid() + "'"),
            mr.instanceCount());
        {
            QMutexLocker lock(&notices.mutex);
            QVERIFY(notices.studies.contains(ctUid));
            QStringList removed = notices.series;
            removed.sort();
            ctSeries.sort();
            QCOMPARE(removed, ctSeries);
        }

        // The patient's last study: the patient goes too.
        const DeleteResult last = ws.deleteStudies({ctAgain.studyInstanceUid()}).result();
        QVERIFY2(last.ok(), qPrintable(last.error));
        QCOMPARE(existing(ctAgainFiles), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM patients"), 1);
        QCOMPARE(scalar(location, "SELECT count(*) FROM studies"), 1);
        QCOMPARE(existing(mrFiles), mr.instanceCount());

        // Unknown UIDs: nothing happens, no error.
        const DeleteResult none = ws.deleteStudies({"1.2.3.4.5.6"}).result();
        QVERIFY(none.ok());
        QCOMPARE(none.instancesRemoved, 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), mr.instanceCount());
        ws.stop();
    }

    void deleteSeries_updatesCounts_andKeepsTheOtherSeries()
    {
        QTemporaryDir dir;
        const StorageLocation location(dir.path());
        Workstation ws(location, settingsOnFreePort());
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));
        const SyntheticStudy mr = makeStudy(SyntheticKind::MrBrain, 3);
        QVERIFY(ingestStudy(*ws.ingest(), location, mr));

        IndexReader reader(location.indexPath());
        QVERIFY(reader.open());
        const QList<SeriesRow> series = reader.seriesOf(mr.studyInstanceUid());
        QVERIFY(series.size() >= 2);
        const SeriesRow gone = series.first();
        const QStringList goneFiles = absoluteFiles(location, reader.filesOfSeries(gone.seriesInstanceUid));
        QStringList keptFiles;
        for (const SeriesRow &s : series.mid(1))
            keptFiles += absoluteFiles(location, reader.filesOfSeries(s.seriesInstanceUid));
        QCOMPARE(goneFiles.size(), gone.instanceCount);
        QCOMPARE(goneFiles.size() + keptFiles.size(), mr.instanceCount());

        const DeleteResult result = ws.deleteSeries({gone.seriesInstanceUid}).result();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.instancesRemoved, gone.instanceCount);
        QCOMPARE(result.filesRemoved, gone.instanceCount);
        QCOMPARE(existing(goneFiles), 0);
        QCOMPARE(existing(keptFiles), keptFiles.size());

        const QString where = " FROM studies WHERE study_uid = '" + mr.studyInstanceUid() + "'";
        QCOMPARE(scalar(location, "SELECT instance_count" + where), keptFiles.size());
        QCOMPARE(scalar(location, "SELECT series_count" + where), series.size() - 1);
        qint64 keptBytes = 0;
        for (const QString &f : keptFiles)
            keptBytes += QFileInfo(f).size();
        QCOMPARE(scalar(location, "SELECT size_bytes" + where), keptBytes);
        QCOMPARE(scalar(location, "SELECT count(*) FROM series WHERE series_uid = '" + gone.seriesInstanceUid + "'"),
                 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), keptFiles.size());

        // The remaining series, one call: the study and its patient go.
        QStringList rest;
        for (const SeriesRow &s : series.mid(1))
            rest << s.seriesInstanceUid;
        QCOMPARE(ws.deleteSeries(rest).result().instancesRemoved, keptFiles.size());
        QCOMPARE(existing(keptFiles), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM studies"), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM patients"), 0);
        ws.stop();
    }

    void crashBetweenCommitAndFileRemoval_isFinishedAtStart_andNotReindexed()
    {
        QTemporaryDir dir;
        const StorageLocation location(dir.path());
        const SyntheticStudy ct = makeStudy(SyntheticKind::CtChest, 4);
        const SyntheticStudy mr = makeStudy(SyntheticKind::MrBrain, 5);
        QStringList ctFiles;
        {
            Workstation ws(location, settingsOnFreePort());
            QString error;
            QVERIFY2(ws.start(&error), qPrintable(error));
            QVERIFY(ingestStudy(*ws.ingest(), location, ct));
            QVERIFY(ingestStudy(*ws.ingest(), location, mr));
            IndexReader reader(location.indexPath());
            QVERIFY(reader.open());
            ctFiles = absoluteFiles(location, reader.filesOfStudy(ct.studyInstanceUid()));
            ws.stop();
        }
        // Phase one commits, then the process dies before removing a single file.
        {
            IndexWriter writer(location.indexPath());
            QVERIFY(writer.open());
            FileStore store(location.filesDir());
            Deletion deletion(writer, store);
            QStringList pending;
            const DeleteResult marked
                = deletion.markForRemoval(Deletion::Scope::Studies, {ct.studyInstanceUid()}, &pending);
            QVERIFY2(marked.ok(), qPrintable(marked.error));
            QCOMPARE(pending.size(), ct.instanceCount());
            writer.close();
        }
        QCOMPARE(existing(ctFiles), ct.instanceCount());
        QCOMPARE(scalar(location, "SELECT count(*) FROM pending_file_removals"), ct.instanceCount());
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), mr.instanceCount());

        // The files are recent, so the start-up scan looks at them; they must be removed, not indexed again.
        Workstation ws(location, settingsOnFreePort());
        QString error;
        QVERIFY2(ws.start(&error), qPrintable(error));
        ws.reconciliation().waitForFinished();
        QCOMPARE(existing(ctFiles), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM pending_file_removals"), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), mr.instanceCount());
        QCOMPARE(scalar(location, "SELECT count(*) FROM studies WHERE study_uid = '" + ct.studyInstanceUid() + "'"), 0);
        ws.stop();
    }

    void reindex_doesNotBringBackPendingFiles()
    {
        QTemporaryDir dir;
        const StorageLocation location(dir.path());
        const SyntheticStudy ct = makeStudy(SyntheticKind::CtChest, 6);
        QStringList ctFiles;
        {
            Workstation ws(location, settingsOnFreePort());
            QVERIFY(ws.start());
            QVERIFY(ingestStudy(*ws.ingest(), location, ct));
            IndexReader reader(location.indexPath());
            QVERIFY(reader.open());
            ctFiles = absoluteFiles(location, reader.filesOfStudy(ct.studyInstanceUid()));
            ws.stop();
        }
        {
            IndexWriter writer(location.indexPath());
            QVERIFY(writer.open());
            FileStore store(location.filesDir());
            Deletion deletion(writer, store);
            QStringList pending;
            QVERIFY(deletion.markForRemoval(Deletion::Scope::Studies, {ct.studyInstanceUid()}, &pending).ok());
            writer.close();
        }
        QString summary;
        QString error;
        QVERIFY2(Workstation::reindex(location, &summary, &error), qPrintable(error));
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM pending_file_removals"), ct.instanceCount());
        Workstation ws(location, settingsOnFreePort());
        QVERIFY(ws.start());
        ws.reconciliation().waitForFinished();
        QCOMPARE(existing(ctFiles), 0);
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), 0);
        ws.stop();
    }

    void instanceReceivedAgain_beforeTheFilesWentAway_keepsItsFile()
    {
        QTemporaryDir dir;
        const StorageLocation location(dir.path());
        QDir().mkpath(location.incomingDir());
        IndexWriter writer(location.indexPath());
        QVERIFY(writer.open());
        FileStore store(location.filesDir());
        Ingest ingest(store, writer);
        const SyntheticStudy cr = makeStudy(SyntheticKind::CrChest, 7);
        QVERIFY(ingestStudy(ingest, location, cr));
        Deletion deletion(writer, store);
        QStringList pending;
        QVERIFY(deletion.markForRemoval(Deletion::Scope::Studies, {cr.studyInstanceUid()}, &pending).ok());
        QCOMPARE(pending.size(), cr.instanceCount());
        // The modality sends the study again while the removal is pending.
        QVERIFY(ingestStudy(ingest, location, cr));
        QVERIFY(deletion.finishPending().isEmpty());
        QCOMPARE(existing(absoluteFiles(location, {InstanceFile {{}, {}, {}, pending.first(), 0}})), 1);
        writer.close();
        QCOMPARE(scalar(location, "SELECT count(*) FROM instances"), cr.instanceCount());
        QCOMPARE(scalar(location, "SELECT count(*) FROM pending_file_removals"), 0);
    }

    void notRunning_saysSo()
    {
        QTemporaryDir dir;
        Workstation ws(StorageLocation(dir.path()), settingsOnFreePort());
        const DeleteResult r = ws.deleteStudies({"1.2.3"}).result();
        QVERIFY(!r.ok());
        QCOMPARE(r.instancesRemoved, 0);
        QVERIFY(!ws.deleteSeries({"1.2.3"}).result().ok());
    }
};

QTEST_GUILESS_MAIN(TestDelete)
#include "tst_delete.moc"
