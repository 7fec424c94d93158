#include "core/dicom/DcmtkSetup.h"
#include "core/dicom/DicomFileReader.h"
#include "core/transfer/Exporter.h"
#include "core/transfer/Importer.h"
#include "tests/integration/TransferTestStorage.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>

using namespace lightbox;
using namespace lightbox::test;

namespace {

const QString kName = QStringLiteral("DOEWSKI^JOHANNA^Q");
const QString kId = QStringLiteral("PID778899");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every regular file below @p folder, relative, '/'-separated.
QStringList filesBelow(const QString &folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(folder).relativeFilePath(it.next()));
    out.sort();
    return out;
}

/// The Referenced File IDs of a DICOMDIR, read with DCMTK, '/'-separated.
QStringList dicomDirReferences(const QString &dicomDir)
{
    QStringList out;
    DcmFileFormat file;
    if (file.loadFile(QFile::encodeName(dicomDir).constData()).bad())
        return out;
    DcmSequenceOfItems *records = nullptr;
    if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records)
        return out;
    for (unsigned long i = 0; i < records->card(); ++i) {
        OFString id;
        if (records->getItem(i)->findAndGetOFStringArray(DCM_ReferencedFileID, id).good() && !id.empty())
            out.append(QString::fromLatin1(id.c_str()).replace(QLatin1Char('\\'), QLatin1Char('/')));
    }
    out.sort();
    return out;
}

QString stringOf(DcmItem &item, const DcmTagKey &tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return QString::fromLatin1(value.c_str());
}

/// Raw pixel data bytes of a file (uncompressed).
QByteArray pixelsOf(const QString &path)
{
    DcmFileFormat file;
    if (file.loadFile(QFile::encodeName(path).constData()).bad())
        return {};
    const Uint8 *data = nullptr;
    unsigned long count = 0;
    if (file.getDataset()->findAndGetUint8Array(DCM_PixelData, data, &count).bad() || !data)
        return {};
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(count));
}

bool makeData(const QStringList &args)
{
    const ToolResult made = run(python(), args);
    if (made.exitCode != 0)
        qWarning().noquote() << made.all();
    return made.exitCode == 0;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    TransferTestStorage m_storage;
    QStringList m_seriesStudies; ///< The make_series studies.
    QString m_identifiedStudy;
    QString m_compressedStudy;

private Q_SLOTS:
    void initTestCase()
    {
        initializeDcmtk();
        QVERIFY(makeData({sourceDir() + QStringLiteral("/tests/tools/make_series.py"), QStringLiteral("12"),
                          QStringLiteral("16"), QStringLiteral("2"), m_data.filePath(QStringLiteral("series"))}));
        QVERIFY(makeData({sourceDir() + QStringLiteral("/tests/tools/make_identified.py"),
                          m_data.filePath(QStringLiteral("identified")), kName, kId}));
        QVERIFY(m_storage.start());
        Importer importer(m_storage.sink(), m_storage.location());
        const ImportSummary series = importer.run({m_data.filePath(QStringLiteral("series"))});
        QCOMPARE(series.imported, 12);
        m_seriesStudies = series.studyInstanceUids;
        QCOMPARE(m_seriesStudies.size(), 2);
        const ImportSummary identified = importer.run({m_data.filePath(QStringLiteral("identified"))});
        QCOMPARE(identified.imported, 6);
        m_identifiedStudy = identified.studyInstanceUids.value(0);
        // A JPEG-compressed instance: the DICOMDIR must accept compressed transfer syntaxes.
        const ImportSummary compressed = importer.run({pydicomTestFiles() + QStringLiteral("/SC_rgb_jpeg_dcmtk.dcm")});
        QCOMPARE(compressed.imported, 1);
        m_compressedStudy = compressed.studyInstanceUids.value(0);
    }

    void export_reimportsToTheSameInstances_byteForByte()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        int lastDone = -1;
        int lastTotal = -1;
        exporter.setProgressCallback([&](int done, int total, const QString &) {
            lastDone = done;
            lastTotal = total;
        });
        const ExportSummary summary = exporter.run(
            ExportRequest {QStringList {m_seriesStudies.first(), m_compressedStudy}, target.path(), false, {}});
        QVERIFY2(summary.ok, qPrintable(summary.error + summary.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary.exported, 7);
        QCOMPARE(lastDone, lastTotal);

        // Every name on the media is ISO 9660-safe.
        const QRegularExpression safe(QStringLiteral("^[A-Z0-9_]{1,8}$"));
        for (const QString &file : filesBelow(target.path())) {
            for (const QString &part : file.split(QLatin1Char('/')))
                QVERIFY2(safe.match(part).hasMatch(), qPrintable(file));
        }

        TransferTestStorage fresh;
        QVERIFY(fresh.start());
        Importer importer(fresh.sink(), fresh.location());
        const ImportSummary imported = importer.run({target.filePath(QStringLiteral("DICOMDIR"))});
        QCOMPARE(imported.imported, 7);
        QCOMPARE(imported.skipped, 0);
        IndexReader original(m_storage.location().indexPath());
        QVERIFY(original.open());
        for (const QString &study : {m_seriesStudies.first(), m_compressedStudy}) {
            for (const InstanceFile &file : original.filesOfStudy(study)) {
                const QString copy = fresh.storedFile(file.sopInstanceUid);
                QVERIFY2(!copy.isEmpty(), qPrintable(file.sopInstanceUid));
                QCOMPARE(readAll(copy), readAll(m_storage.location().filesDir() + QLatin1Char('/') + file.filePath));
            }
        }
        QCOMPARE(fresh.instanceRows(), qint64(7));
    }

    void dicomDir_isReadableByDcmtk_andListsEveryFile()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        const ExportSummary summary
            = exporter.run(ExportRequest {m_seriesStudies + QStringList {m_compressedStudy}, target.path(), false, {}});
        QVERIFY2(summary.ok, qPrintable(summary.error + summary.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary.exported, 13);
        QStringList files = filesBelow(target.path());
        files.removeAll(QStringLiteral("DICOMDIR"));
        QCOMPARE(files.size(), 13);
        QCOMPARE(dicomDirReferences(summary.dicomDirPath), files);
        const ToolResult dump = run(QStringLiteral("dcmdump"), {summary.dicomDirPath});
        QCOMPARE(dump.exitCode, 0);
        QVERIFY(dump.all().contains(QLatin1String("DirectoryRecordSequence")));
        QCOMPARE(dump.all().count(QRegularExpression(QStringLiteral("\\(0004,1430\\) CS \\[IMAGE"))), 13);
        // Two make_series studies (two patients) and the JPEG image (a third).
        QCOMPARE(dump.all().count(QRegularExpression(QStringLiteral("\\(0004,1430\\) CS \\[PATIENT"))), 3);
    }

    void targetWithADicomDir_isRefused()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        QVERIFY(exporter.run(ExportRequest {{m_compressedStudy}, target.path(), false, {}}).ok);
        const QStringList before = filesBelow(target.path());
        const ExportSummary again = exporter.run(ExportRequest {{m_seriesStudies.first()}, target.path(), false, {}});
        QVERIFY(!again.ok);
        QVERIFY2(again.error.contains(QLatin1String("DICOMDIR")), qPrintable(again.error));
        QCOMPARE(again.exported, 0);
        QCOMPARE(filesBelow(target.path()), before);
        const ExportSummary unknown = exporter.run(ExportRequest {{QStringLiteral("1.2.3.4")}, QString(), false, {}});
        QVERIFY(!unknown.ok);
        QVERIFY(!unknown.error.isEmpty());
    }

    void cancelledExport_leavesNoPartialMedia()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        exporter.setProgressCallback([&](int done, int, const QString &) {
            if (done >= 2)
                exporter.cancel();
        });
        const ExportSummary summary = exporter.run(ExportRequest {m_seriesStudies, target.path(), false, {}});
        QVERIFY(summary.cancelled);
        QVERIFY(!summary.ok);
        QVERIFY(filesBelow(target.path()).isEmpty());
    }

    void anonymizedExport_carriesNoIdentity_andRemapsUidsConsistently()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        const ExportSummary summary
            = exporter.run(ExportRequest {{m_identifiedStudy}, target.path(), true, AnonymizeOptions {}});
        QVERIFY2(summary.ok, qPrintable(summary.error + summary.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary.exported, 6);

        // No byte of any file (DICOMDIR included) carries the name or ID, in any case, whole or in parts.
        const QList<QByteArray> forbidden {kName.toLatin1(), kName.toLatin1().toLower(),
                                           "DOEWSKI",        "Doewski",
                                           "doewski",        "JOHANNA",
                                           "Johanna",        "DOEWSKI JOHANNA",
                                           kId.toLatin1(),   kId.toLatin1().toLower(),
                                           "ACME",           "HOUSE",
                                           "CUDDY",          "CHASE",
                                           "Elsewhere",      "ACC4711",
                                           "19611224"};
        for (const QString &file : filesBelow(target.path())) {
            const QByteArray bytes = readAll(target.filePath(file));
            QVERIFY(!bytes.isEmpty());
            for (const QByteArray &needle : forbidden)
                QVERIFY2(!bytes.contains(needle),
                         qPrintable(file + QStringLiteral(" contains ") + QString::fromLatin1(needle)));
        }

        IndexReader reader(m_storage.location().indexPath());
        QVERIFY(reader.open());
        QSet<QString> originalUids;
        QHash<QString, QByteArray> originalPixels; // by series number / instance number
        for (const InstanceFile &file : reader.filesOfStudy(m_identifiedStudy)) {
            const QString path = m_storage.location().filesDir() + QLatin1Char('/') + file.filePath;
            const auto meta = DicomFileReader::readMetadata(path);
            QVERIFY(meta);
            originalUids << meta->sopInstanceUid << meta->seriesInstanceUid << meta->studyInstanceUid;
            originalPixels.insert(meta->seriesNumber + QLatin1Char('/') + meta->instanceNumber, pixelsOf(path));
        }

        QSet<QString> studies;
        QSet<QString> frames;
        QSet<QString> patientIds;
        QHash<QString, QSet<QString>> seriesByNumber;
        QHash<QString, QString> sopByPosition; // "series/instance" → new SOP Instance UID
        QHash<QString, QString> referenceByPosition; // "series/instance" → Referenced SOP Instance UID
        QStringList files = filesBelow(target.path());
        files.removeAll(QStringLiteral("DICOMDIR"));
        QCOMPARE(files.size(), 6);
        for (const QString &name : files) {
            const QString path = target.filePath(name);
            DcmFileFormat file;
            QVERIFY(file.loadFile(QFile::encodeName(path).constData()).good());
            DcmDataset &ds = *file.getDataset();
            const QString sop = stringOf(ds, DCM_SOPInstanceUID);
            const QString series = stringOf(ds, DCM_SeriesInstanceUID);
            const QString position
                = stringOf(ds, DCM_SeriesNumber) + QLatin1Char('/') + stringOf(ds, DCM_InstanceNumber);
            QVERIFY(isValidUid(sop) && isValidUid(series));
            QVERIFY(!originalUids.contains(sop));
            QVERIFY(!originalUids.contains(series));
            QCOMPARE(stringOf(*file.getMetaInfo(), DCM_MediaStorageSOPInstanceUID), sop);
            QCOMPARE(stringOf(ds, DCM_SOPClassUID), QStringLiteral("1.2.840.10008.5.1.4.1.1.2"));
            QCOMPARE(stringOf(ds, DCM_PatientIdentityRemoved), QStringLiteral("YES"));
            QVERIFY(!stringOf(ds, DCM_DeidentificationMethod).isEmpty());
            QVERIFY(stringOf(ds, DCM_PatientName).startsWith(QLatin1String("ANONYMOUS^")));
            QVERIFY(stringOf(ds, DCM_PatientBirthDate).isEmpty());
            QVERIFY(stringOf(ds, DCM_AccessionNumber).isEmpty());
            QCOMPARE(stringOf(ds, DCM_PatientSex), QStringLiteral("F"));
            QCOMPARE(stringOf(ds, DCM_StudyDescription), QStringLiteral("CT THORAX"));
            QVERIFY(!ds.tagExists(DcmTagKey(0x0011, 0x0010)));
            QVERIFY(!ds.tagExists(DCM_OtherPatientIDsSequence));
            QVERIFY(!ds.tagExists(DCM_InstitutionName));
            studies << stringOf(ds, DCM_StudyInstanceUID);
            frames << stringOf(ds, DCM_FrameOfReferenceUID);
            patientIds << stringOf(ds, DCM_PatientID);
            seriesByNumber[stringOf(ds, DCM_SeriesNumber)] << series;
            sopByPosition.insert(position, sop);
            DcmItem *reference = nullptr;
            if (ds.findAndGetSequenceItem(DCM_ReferencedImageSequence, reference, 0).good() && reference)
                referenceByPosition.insert(position, stringOf(*reference, DCM_ReferencedSOPInstanceUID));
            QCOMPARE(pixelsOf(path), originalPixels.value(position));
            QVERIFY(!pixelsOf(path).isEmpty());
        }
        QCOMPARE(studies.size(), 1);
        QVERIFY(!originalUids.contains(*studies.cbegin()));
        QCOMPARE(frames.size(), 1);
        QCOMPARE(patientIds.size(), 1);
        QVERIFY(!patientIds.cbegin()->isEmpty());
        QCOMPARE(seriesByNumber.size(), 2);
        QCOMPARE(seriesByNumber.value(QStringLiteral("1")).size(), 1);
        QCOMPARE(seriesByNumber.value(QStringLiteral("2")).size(), 1);
        QVERIFY(seriesByNumber.value(QStringLiteral("1")) != seriesByNumber.value(QStringLiteral("2")));
        QCOMPARE(QSet<QString>(sopByPosition.cbegin(), sopByPosition.cend()).size(), 6);
        // References between instances point at the remapped instances.
        QCOMPARE(referenceByPosition.size(), 4);
        for (auto it = referenceByPosition.cbegin(); it != referenceByPosition.cend(); ++it) {
            const QStringList parts = it.key().split(QLatin1Char('/'));
            const QString previous = parts[0] + QLatin1Char('/') + QString::number(parts[1].toInt() - 1);
            QCOMPARE(it.value(), sopByPosition.value(previous));
        }
        QCOMPARE(dicomDirReferences(summary.dicomDirPath), files);
    }

    void anonymizedExport_usesTheGivenNameAndId()
    {
        QTemporaryDir target;
        Exporter exporter(m_storage.location());
        const ExportSummary summary = exporter.run(
            ExportRequest {{m_identifiedStudy},
                           target.path(),
                           true,
                           AnonymizeOptions {QStringLiteral("TEACHING^CASE7"), QStringLiteral("CASE7")}});
        QVERIFY2(summary.ok, qPrintable(summary.error + summary.errors.join(QLatin1Char('\n'))));
        const QStringList files = filesBelow(target.path());
        for (const QString &file : files) {
            if (file == QLatin1String("DICOMDIR"))
                continue;
            const auto meta = DicomFileReader::readMetadata(target.filePath(file));
            QVERIFY(meta);
            QCOMPARE(meta->patientName, QStringLiteral("TEACHING^CASE7"));
            QCOMPARE(meta->patientId, QStringLiteral("CASE7"));
        }
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
