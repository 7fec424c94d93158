#include "core/dicom/DcmtkSetup.h"
#include "core/transfer/Importer.h"
#include "tests/integration/TransferTestStorage.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFutureWatcher>
#include <QSet>

using namespace lightbox;
using namespace lightbox::test;

namespace {

QString testFile(const QString &name)
{
    return pydicomTestFiles() + QLatin1Char('/') + name;
}

/// The SOP Instance UIDs pydicom finds behind every record of @p dicomDir that references a file.
QStringList referencedSopUids(const QString &dicomDir)
{
    const QString script
        = QStringLiteral("import os, sys, pydicom\n"
                         "d = pydicom.dcmread(sys.argv[1])\n"
                         "root = os.path.dirname(sys.argv[1])\n"
                         "for r in d.DirectoryRecordSequence:\n"
                         "    if 'ReferencedFileID' in r:\n"
                         "        fid = r.ReferencedFileID\n"
                         "        parts = [fid] if isinstance(fid, str) else list(fid)\n"
                         "        print(pydicom.dcmread(os.path.join(root, *parts)).SOPInstanceUID)\n");
    const ToolResult result = run(python(), {QStringLiteral("-c"), script, dicomDir});
    if (result.exitCode != 0)
        qWarning().noquote() << result.all();
    return QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

bool copyFile(const QString &from, const QString &to)
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

/// Every skipped file and its reason, for failure messages.
QByteArray describe(const ImportSummary &summary)
{
    QStringList lines;
    for (const SkippedFile &skipped : summary.skippedFiles)
        lines.append(skipped.path + QStringLiteral(": ") + skipped.reason);
    return lines.join(QLatin1Char('\n')).toUtf8();
}

QString reasonFor(const ImportSummary &summary, const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    for (const SkippedFile &skipped : summary.skippedFiles) {
        if (skipped.path == path || (!canonical.isEmpty() && QFileInfo(skipped.path).canonicalFilePath() == canonical))
            return skipped.reason;
    }
    return QStringLiteral("<not skipped>");
}

/// A folder of DICOM and other files: 4 instances (one in a sub-folder, one without a meta header), a text
/// file, a DICOM file without SOP Instance UID and a DICOMDIR.
struct MixedFolder
{
    QTemporaryDir dir;
    QString text, noSop, dicomDir;

    bool make()
    {
        text = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(text);
        if (!file.open(QIODevice::WriteOnly) || file.write("Patient called, will come on Monday.\n") < 0)
            return false;
        file.close();
        noSop = dir.filePath(QStringLiteral("nosop.dcm"));
        const ToolResult made = run(python(),
                                    {QStringLiteral("-c"),
                                     QStringLiteral("import sys, pydicom\n"
                                                    "ds = pydicom.dcmread(sys.argv[1])\n"
                                                    "del ds.SOPInstanceUID\n"
                                                    "ds.save_as(sys.argv[2])\n"),
                                     testFile(QStringLiteral("CT_small.dcm")), noSop});
        if (made.exitCode != 0) {
            qWarning().noquote() << made.all();
            return false;
        }
        // A bare data set (implicit VR, no meta header), as some archives keep them.
        const ToolResult bare = run(python(),
                                    {QStringLiteral("-c"),
                                     QStringLiteral("import sys, pydicom\n"
                                                    "from pydicom.dataset import FileMetaDataset\n"
                                                    "ds = pydicom.dcmread(sys.argv[1])\n"
                                                    "ds.SOPInstanceUID = ds.SOPInstanceUID + '.9'\n"
                                                    "ds.file_meta = FileMetaDataset()\n"
                                                    "ds.preamble = None\n"
                                                    "ds.is_implicit_VR = ds.is_little_endian = True\n"
                                                    "ds.save_as(sys.argv[2], write_like_original=True)\n"),
                                     testFile(QStringLiteral("MR_small.dcm")), dir.filePath(QStringLiteral("nometa"))});
        if (bare.exitCode != 0) {
            qWarning().noquote() << bare.all();
            return false;
        }
        dicomDir = dir.filePath(QStringLiteral("DICOMDIR"));
        return copyFile(testFile(QStringLiteral("CT_small.dcm")), dir.filePath(QStringLiteral("ct.dcm")))
            && copyFile(testFile(QStringLiteral("MR_small.dcm")), dir.filePath(QStringLiteral("sub/deeper/mr")))
            && copyFile(testFile(QStringLiteral("JPEG2000.dcm")), dir.filePath(QStringLiteral("sub/j2k.DCM")))
            && copyFile(testFile(QStringLiteral("dicomdirtests/DICOMDIR")), dicomDir);
    }
};

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initializeDcmtk(); }

    void dicomDir_importsEveryReferencedInstance()
    {
        const QString dicomDir = testFile(QStringLiteral("dicomdirtests/DICOMDIR"));
        const QStringList expected = referencedSopUids(dicomDir);
        QVERIFY(expected.size() >= 10);
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        const ImportSummary summary = importer.run({dicomDir});
        QCOMPARE(summary.skipped, 0);
        QCOMPARE(summary.imported, expected.size());
        QCOMPARE(storage.instanceRows(), qint64(expected.size()));
        for (const QString &uid : expected)
            QVERIFY2(QFile::exists(storage.storedFile(uid)), qPrintable(uid));
        QVERIFY(!summary.studyInstanceUids.isEmpty());
        QVERIFY(!summary.cancelled);
        QVERIFY(QDir(storage.location().incomingDir()).isEmpty());
    }

    void dicomDir_withFileNamesInOtherCase_isResolved()
    {
        // The same media as a case-changing CD drive shows it: folders and files in lower case.
        QTemporaryDir media;
        const QString source = testFile(QStringLiteral("dicomdirtests"));
        QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relative = QDir(source).relativeFilePath(file);
            const QString target = relative == QLatin1String("DICOMDIR") ? relative : relative.toLower();
            QVERIFY(copyFile(file, media.filePath(target)));
        }
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        const ImportSummary summary = importer.run({media.filePath(QStringLiteral("DICOMDIR"))});
        QCOMPARE(summary.skipped, 0);
        QCOMPARE(summary.imported, referencedSopUids(testFile(QStringLiteral("dicomdirtests/DICOMDIR"))).size());
    }

    void mixedFolder_importsInstances_andSaysWhyOthersWereSkipped()
    {
        MixedFolder folder;
        QVERIFY(folder.make());
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        // Through QtConcurrent, as the GUI runs it, with progress reaching the total.
        QFutureWatcher<ImportSummary> watcher;
        int lastValue = -1;
        int maximum = -1;
        connect(&watcher, &QFutureWatcher<ImportSummary>::progressValueChanged, this, [&](int v) { lastValue = v; });
        connect(&watcher, &QFutureWatcher<ImportSummary>::progressRangeChanged, this,
                [&](int, int max) { maximum = max; });
        watcher.setFuture(importer.start({folder.dir.path()}));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.isFinished(), 60000);
        const ImportSummary summary = watcher.result();

        QVERIFY2(summary.imported == 4, describe(summary).constData());
        QCOMPARE(summary.alreadyStored, 0);
        QCOMPARE(summary.skipped, 3);
        QCOMPARE(summary.skippedFiles.size(), 3);
        QCOMPARE(reasonFor(summary, folder.text), QStringLiteral("not a DICOM file"));
        QCOMPARE(reasonFor(summary, folder.noSop), QStringLiteral("no SOP Instance UID"));
        QCOMPARE(reasonFor(summary, folder.dicomDir), QStringLiteral("a DICOMDIR (its referenced files are imported)"));
        QCOMPARE(storage.instanceRows(), qint64(4));
        QCOMPARE(summary.studyInstanceUids.size(),
                 QSet<QString>(summary.studyInstanceUids.cbegin(), summary.studyInstanceUids.cend()).size());
        QCOMPARE(maximum, 7);
        QTRY_COMPARE(lastValue, 7);
    }

    void reimport_saysAlreadyStored_andAddsNoRows()
    {
        MixedFolder folder;
        QVERIFY(folder.make());
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        QCOMPARE(importer.run({folder.dir.path()}).imported, 4);
        const qint64 rows = storage.instanceRows();
        const ImportSummary again = importer.run({folder.dir.path()});
        QCOMPARE(again.imported, 0);
        QCOMPARE(again.alreadyStored, 4);
        QCOMPARE(again.skipped, 3);
        QCOMPARE(storage.instanceRows(), rows);
        // The same file twice in one import (a folder and a file in it) is imported once.
        const ImportSummary overlap = importer.run({folder.dir.path(), folder.dir.filePath(QStringLiteral("ct.dcm"))});
        QCOMPARE(overlap.alreadyStored, 4);
    }

    void zipArchive_storedAndDeflatedEntries_areImported()
    {
        MixedFolder folder;
        QVERIFY(folder.make());
        QTemporaryDir out;
        const QString zip = out.filePath(QStringLiteral("studies.zip"));
        // Deflated entries, one stored entry, a folder entry, the text file and the DICOMDIR.
        const ToolResult made
            = run(python(),
                  {QStringLiteral("-c"),
                   QStringLiteral("import os, sys, zipfile\n"
                                  "root = sys.argv[2]\n"
                                  "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                                  "    z.writestr(zipfile.ZipInfo('empty/'), b'')\n"
                                  "    for d, _, files in os.walk(root):\n"
                                  "        for f in files:\n"
                                  "            p = os.path.join(d, f)\n"
                                  "            kind = zipfile.ZIP_STORED if f == 'ct.dcm' else zipfile.ZIP_DEFLATED\n"
                                  "            z.write(p, os.path.relpath(p, root), compress_type=kind)\n"),
                   zip, folder.dir.path()});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        const ImportSummary summary = importer.run({zip});
        QVERIFY2(summary.imported == 4, describe(summary).constData());
        QCOMPARE(summary.skipped, 3);
        QCOMPARE(reasonFor(summary, zip + QStringLiteral("/notes.txt")), QStringLiteral("not a DICOM file"));
        QCOMPARE(reasonFor(summary, zip + QStringLiteral("/nosop.dcm")), QStringLiteral("no SOP Instance UID"));
        QCOMPARE(storage.instanceRows(), qint64(4));
        // The stored copy of the stored (not deflated) entry is the original file, byte for byte.
        const ToolResult uid = run(python(),
                                   {QStringLiteral("-c"),
                                    QStringLiteral("import sys, pydicom\n"
                                                   "print(pydicom.dcmread(sys.argv[1]).SOPInstanceUID)\n"),
                                    testFile(QStringLiteral("MR_small.dcm"))});
        QFile stored(storage.storedFile(QString::fromUtf8(uid.out).trimmed()));
        QFile original(testFile(QStringLiteral("MR_small.dcm")));
        QVERIFY(stored.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), original.readAll());
        QVERIFY(QDir(storage.location().incomingDir()).isEmpty());
    }

    void damagedZip_isSkippedWithAReason()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("broken.zip"));
        QFile file(zip);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("PK\x03\x04", 4) + QByteArray(100, 'x'));
        file.close();
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        const ImportSummary summary = importer.run({zip, dir.filePath(QStringLiteral("missing.dcm"))});
        QCOMPARE(summary.skipped, 2);
        QVERIFY2(reasonFor(summary, zip).contains(QLatin1String("zip")), qPrintable(reasonFor(summary, zip)));
        QCOMPARE(reasonFor(summary, dir.filePath(QStringLiteral("missing.dcm"))), QStringLiteral("does not exist"));
    }

    void cancel_stopsEarly_andKeepsWhatWasImported()
    {
        QTemporaryDir data;
        const ToolResult made = run(python(),
                                    {sourceDir() + QStringLiteral("/tests/tools/make_series.py"), QStringLiteral("60"),
                                     QStringLiteral("16"), QStringLiteral("1"), data.path()});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        TransferTestStorage storage;
        QVERIFY(storage.start());
        Importer importer(storage.sink(), storage.location());
        importer.setThreadCount(2);
        importer.setProgressCallback([&](int done, int, const QString &) {
            if (done >= 10)
                importer.cancel();
        });
        const ImportSummary summary = importer.run({data.path()});
        QVERIFY(summary.cancelled);
        QVERIFY2(summary.imported >= 10 && summary.imported < 20, qPrintable(QString::number(summary.imported)));
        QCOMPARE(storage.instanceRows(), qint64(summary.imported));
        QVERIFY(QDir(storage.location().incomingDir()).isEmpty());
        // The rest comes with the next import.
        importer.setProgressCallback({});
        const ImportSummary rest = importer.run({data.path()});
        QVERIFY(!rest.cancelled);
        QCOMPARE(rest.imported + rest.alreadyStored, 60);
        QCOMPARE(rest.alreadyStored, summary.imported);
        QCOMPARE(storage.instanceRows(), qint64(60));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
