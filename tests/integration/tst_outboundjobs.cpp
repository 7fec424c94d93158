// The job API the browser and the activity panel use (core/transfer OutboundJobs), against real peers: SendJob
// reports per-instance results and progress, splits over several associations when the kinds of objects need more
// than 128 presentation contexts, and stops on cancel; RetrieveJob's C-GET hands every instance to the sink, reports
// pending counts as progress, and a cancel sends C-CANCEL so the remote stops early.
#include "core/dicom/TransferSyntaxes.h"
#include "core/net/InstanceSink.h"
#include "core/transfer/OutboundJobs.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace lightbox;
using namespace lightbox::test;

namespace {

// Keeps count of what arrives and removes the file, as a sink that takes ownership must.
class CountingSink : public InstanceSink
{
public:
    StoreStatus accept(const ReceivedFile &file, const AssociationInfo &) override
    {
        if (QFileInfo(file.path).size() > 0 && !file.sopInstanceUid.isEmpty())
            ++received;
        QFile::remove(file.path);
        return {};
    }
    std::atomic<int> received {0};
};

// Keeps every received file under the name of its SOP Instance UID (test data: UIDs are safe file names).
class KeepingSink : public InstanceSink
{
public:
    explicit KeepingSink(QString dir)
        : m_dir(std::move(dir))
    {
    }
    StoreStatus accept(const ReceivedFile &file, const AssociationInfo &) override
    {
        if (!QFile::rename(file.path, m_dir + "/" + file.sopInstanceUid + ".dcm"))
            return {StoreStatus::kOutOfResources, "cannot keep it"};
        return {};
    }

private:
    QString m_dir;
};

Destination destinationFor(const QString &ae, quint16 port, Destination::RetrieveMethod method = {})
{
    Destination d;
    d.name = ae;
    d.node = {ae, QStringLiteral("127.0.0.1"), port};
    d.roles = Destination::Send | Destination::QueryRetrieve;
    d.retrieve = method;
    return d;
}

} // namespace

class TestOutboundJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void send_moreKindsThanOneAssociationHolds_splitsAndDeliversAll()
    {
        // 130 storage SOP classes, one small object each: more contexts than an association can carry.
        QTemporaryDir dir;
        QStringList classes;
        for (const std::string &uid : storageSopClasses()) {
            classes << QString::fromStdString(uid);
            if (classes.size() == 130)
                break;
        }
        QCOMPARE(classes.size(), 130);
        const char *script = R"(
import sys
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out = sys.argv[1]
for i, cls in enumerate(sys.argv[2:]):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = cls
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = cls
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "Split^Test"
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.8.498.1"
    ds.SeriesInstanceUID = "1.2.826.0.1.3680043.8.498.2.%d" % i
    ds.save_as("%s/%03d.dcm" % (out, i), write_like_original=False)
)";
        const ToolResult made = run(python(), QStringList {"-c", script, dir.path()} + classes);
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));

        ReferenceStoreScp scp;
        QVERIFY(scp.start());
        SendRequest request;
        request.destination = destinationFor("ANY-SCP", scp.port());
        request.callingAe = "LIGHTBOX";
        for (int i = 0; i < classes.size(); ++i)
            request.files << dir.path() + QString("/%1.dcm").arg(i, 3, 10, QChar('0'));
        int lastDone = -1;
        int lastTotal = -1;
        SendJob job;
        job.setProgressCallback([&](int done, int total, const QString &) {
            QVERIFY(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        });
        const SendSummary s = job.run(request);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.sent, 130);
        QCOMPARE(s.failed, 0);
        QCOMPARE(lastDone, 130);
        QCOMPARE(lastTotal, 130);
        QCOMPARE(countFiles(scp.outputDir()), 130);
    }

    void send_perInstanceResults_andCancel()
    {
        ReferenceStoreScp scp;
        QVERIFY(scp.start());
        QTemporaryDir dir;
        QFile notDicom(dir.path() + "/notes.txt");
        QVERIFY(notDicom.open(QIODevice::WriteOnly));
        notDicom.write("not an image");
        notDicom.close();

        SendRequest request;
        request.destination = destinationFor("ANY-SCP", scp.port());
        request.callingAe = "LIGHTBOX";
        request.files
            = {pydicomTestFiles() + "/CT_small.dcm", notDicom.fileName(), pydicomTestFiles() + "/MR_small.dcm"};
        SendJob job;
        SendSummary s = job.run(request);
        QCOMPARE(s.instances.size(), 3);
        QVERIFY(s.instances[0].ok());
        QCOMPARE(s.instances[0].status, quint16(0));
        QVERIFY(!s.instances[0].sopInstanceUid.isEmpty());
        QVERIFY(!s.instances[1].ok());
        QVERIFY2(s.instances[1].error.contains("not a readable DICOM file"), qPrintable(s.instances[1].error));
        QVERIFY(s.instances[2].ok());
        QCOMPARE(s.sent, 2);
        QCOMPARE(s.failed, 1);
        QCOMPARE(countFiles(scp.outputDir()), 2);

        // Cancelled after the first instance: the rest is reported as not sent.
        scp.clear();
        request.files = {pydicomTestFiles() + "/CT_small.dcm", pydicomTestFiles() + "/MR_small.dcm",
                         pydicomTestFiles() + "/rtplan.dcm"};
        SendJob cancelling;
        cancelling.setProgressCallback([&](int done, int, const QString &) {
            if (done == 1)
                cancelling.cancel();
        });
        s = cancelling.run(request);
        QVERIFY(s.cancelled);
        QCOMPARE(s.sent, 1);
        QCOMPARE(s.failed, 2);
        QCOMPARE(s.instances[2].error, QString("not sent: cancelled"));
        QCOMPARE(countFiles(scp.outputDir()), 1);
    }

    void retrieveByGet_reportsProgress_andCancelStopsTheRemote()
    {
        QTemporaryDir data;
        const ToolResult made
            = run(python(),
                  {sourceDir() + "/tests/tools/make_series.py", "300", "64", "1", data.path() + "/ct", "--seed", "3"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        QDirIterator it(data.path() + "/ct", {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        const ToolResult uid = run(python(),
                                   {"-c",
                                    "import sys, pydicom; print(pydicom.dcmread(sys.argv[1], "
                                    "stop_before_pixels=True).StudyInstanceUID)",
                                    it.next()});
        const QString study = QString::fromUtf8(uid.out).trimmed();
        OrthancProcess orthanc;
        QVERIFY(orthanc.start("\"DicomAlwaysAllowGet\": true"));
        QVERIFY(run("storescu",
                    {"-nh", "+sd", "+r", "-aec", "ORTHANC", "127.0.0.1", QString::number(orthanc.dicomPort()),
                     data.path() + "/ct"})
                    .exitCode
                == 0);

        RetrieveRequest request;
        request.source = destinationFor("ORTHANC", orthanc.dicomPort(), Destination::RetrieveMethod::Get);
        request.callingAe = "LIGHTBOX";
        request.studyInstanceUids = {study};
        QTemporaryDir incoming;

        // The whole study, with pending counts as progress.
        {
            CountingSink sink;
            RetrieveJob job(&sink, incoming.path());
            int maxTotal = 0;
            int lastDone = 0;
            job.setProgressCallback([&](int done, int total, const QString &) {
                maxTotal = qMax(maxTotal, total);
                lastDone = done;
            });
            const RetrieveSummary s = job.run(request);
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QCOMPARE(s.completed, 300);
            QCOMPARE(sink.received.load(), 300);
            QCOMPARE(maxTotal, 300);
            QCOMPARE(lastDone, 300);
            QCOMPARE(countFiles(incoming.path()), 0);
        }
        // Cancelled after 40: C-CANCEL, the remote stops, what arrived stays.
        {
            CountingSink sink;
            RetrieveJob job(&sink, incoming.path());
            job.setProgressCallback([&](int done, int, const QString &) {
                if (done >= 40)
                    job.cancel();
            });
            const RetrieveSummary s = job.run(request);
            QVERIFY(s.cancelled);
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QVERIFY2(sink.received.load() >= 40 && sink.received.load() < 300,
                     qPrintable(QString::number(sink.received.load())));
        }
        // The remote is still fine afterwards.
        CountingSink sink;
        RetrieveJob again(&sink, incoming.path());
        request.seriesInstanceUids.clear();
        QCOMPARE(again.run(request).completed, 300);
    }

    void retrieveByGet_compressedInstances_arriveAsTheyAreHeld()
    {
        // Orthanc cannot convert JPEG 2000: unless a context for it is proposed, it cannot send it at all.
        OrthancProcess orthanc;
        QVERIFY(orthanc.start("\"DicomAlwaysAllowGet\": true, \"DicomAlwaysAllowFind\": true"));
        const QStringList names {"SC_rgb_jpeg_dcmtk.dcm", "JPEG2000.dcm", "SC_rgb_rle.dcm", "MR_small_implicit.dcm"};
        for (const QString &name : names)
            QVERIFY(!orthanc
                         .post("/instances",
                               [&] {
                                   QFile f(pydicomTestFiles() + "/" + name);
                                   return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                               }())
                         .isEmpty());
        for (const QString &name : names) {
            const QString original = pydicomTestFiles() + "/" + name;
            const ToolResult ids = run(python(),
                                       {"-c",
                                        "import sys, pydicom; d = pydicom.dcmread(sys.argv[1], "
                                        "stop_before_pixels=True); print(d.StudyInstanceUID, "
                                        "d.SOPInstanceUID)",
                                        original});
            const QStringList uids = QString::fromUtf8(ids.out).trimmed().split(' ');
            QCOMPARE(uids.size(), 2);
            QTemporaryDir kept;
            QTemporaryDir incoming;
            KeepingSink sink(kept.path());
            RetrieveJob job(&sink, incoming.path());
            RetrieveRequest request;
            request.source = destinationFor("ORTHANC", orthanc.dicomPort(), Destination::RetrieveMethod::Get);
            request.callingAe = "LIGHTBOX";
            request.studyInstanceUids = {uids[0]};
            const RetrieveSummary s = job.run(request);
            QVERIFY2(s.error.isEmpty(), qPrintable(name + ": " + s.error));
            QVERIFY(s.completed >= 1); // some of these files share a study
            QCOMPARE(s.failed, 0);
            const ToolResult same
                = run(python(),
                      {sourceDir() + "/tests/tools/same_dataset.py", original, kept.path() + "/" + uids[1] + ".dcm"});
            QVERIFY2(same.exitCode == 0, qPrintable(name + ": " + same.all()));
        }
    }

    void retrieve_unreachable_saysConnectionRefused()
    {
        RetrieveRequest request;
        request.source = destinationFor("NOBODY", freePort());
        request.callingAe = "LIGHTBOX";
        request.studyInstanceUids = {"1.2.3"};
        RetrieveJob job(nullptr);
        const RetrieveSummary s = job.run(request);
        QVERIFY2(s.error.startsWith("connection refused"), qPrintable(s.error));
    }
};

QTEST_GUILESS_MAIN(TestOutboundJobs)
#include "tst_outboundjobs.moc"
