#include "app/TransferCommands.h"
#include "core/dicom/DcmtkSetup.h"
#include "tests/integration/TransferTestStorage.h"

#include <QFile>

using namespace lightbox;
using namespace lightbox::test;

class TestTransferCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initializeDcmtk(); }

    void importThenExport_fromTheCommandLine()
    {
        QTemporaryDir storage;
        QTemporaryDir data;
        const QString text = data.filePath(QStringLiteral("notes.txt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not DICOM\n");
        file.close();
        const QString ct = pydicomTestFiles() + QStringLiteral("/CT_small.dcm");
        QCOMPARE(runImportCommand({QStringLiteral("--storage"), storage.path(), ct}), 0);
        QCOMPARE(runImportCommand({QStringLiteral("--storage"), storage.path(), ct, text}), 2);
        IndexReader reader(StorageLocation(storage.path()).indexPath());
        QVERIFY(reader.open());
        QCOMPARE(reader.stats().instances, qint64(1));
        const QString study = reader.findStudies(StudyQuery {}).value(0).studyInstanceUid;
        QVERIFY(!study.isEmpty());

        QTemporaryDir out;
        QCOMPARE(runExportCommand({QStringLiteral("--storage"), storage.path(), QStringLiteral("--out"), out.path(),
                                   QStringLiteral("--anonymize"), study}),
                 0);
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("DICOMDIR"))));
        // A second export into the same folder is refused.
        QCOMPARE(
            runExportCommand({QStringLiteral("--storage"), storage.path(), QStringLiteral("--out"), out.path(), study}),
            1);
        QCOMPARE(runExportCommand({QStringLiteral("--storage"), storage.path(), study}), 1);
    }

    void import_isRefused_whileLightboxOwnsTheStorage()
    {
        TransferTestStorage running;
        QVERIFY(running.start());
        QCOMPARE(runImportCommand({QStringLiteral("--storage"), running.location().root(),
                                   pydicomTestFiles() + QStringLiteral("/CT_small.dcm")}),
                 1);
        QCOMPARE(running.instanceRows(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestTransferCommands)
#include "tst_transfercommands.moc"
