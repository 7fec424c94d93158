// Series thumbnails against pydicom: the file's own window (or min-max), MONOCHROME1 inverted, colour in colour,
// the middle frame of a multi-frame image, aspect ratio kept; JPEG 2000 through our OpenJPEG decoder; malformed files
// give a plain error and never crash. The cache renders once, regenerates a missing or corrupt PNG, and names files
// without UIDs.

#include "core/imaging/ThumbnailCache.h"
#include "core/imaging/ThumbnailRenderer.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace lightbox;
using namespace lightbox::test;

namespace {

struct Expected
{
    int width = 0;
    int height = 0;
    int channels = 0;
    QList<int> pixels;
};

// The full-size 8-bit image pydicom + numpy compute for @p file (tests/tools/thumbnail_expect.py).
Expected expectedOf(const QString &file, int frame = 0)
{
    const ToolResult r
        = run(python(), {sourceDir() + "/tests/tools/thumbnail_expect.py", file, QString::number(frame)});
    Expected e;
    if (r.exitCode != 0) {
        qWarning() << "thumbnail_expect.py failed:" << r.all();
        return e;
    }
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    e.width = o.value("width").toInt();
    e.height = o.value("height").toInt();
    e.channels = o.value("channels").toInt();
    for (const QJsonValue &v : o.value("pixels").toArray())
        e.pixels << v.toInt();
    return e;
}

// Largest per-sample difference between @p image and @p e, and how many samples differ by more than 2.
QPair<int, int> compare(const QImage &image, const Expected &e)
{
    int worst = 0;
    int off = 0;
    for (int y = 0; y < e.height; ++y) {
        for (int x = 0; x < e.width; ++x) {
            const int i = (y * e.width + x) * e.channels;
            QList<int> got;
            if (e.channels == 1) {
                got << image.constScanLine(y)[x];
            } else {
                const QRgb p = image.pixel(x, y);
                got << qRed(p) << qGreen(p) << qBlue(p);
            }
            for (int c = 0; c < e.channels; ++c) {
                const int d = std::abs(got[c] - e.pixels[i + c]);
                worst = std::max(worst, d);
                if (d > 2)
                    ++off;
            }
        }
    }
    return {worst, off};
}

double meanOf(const QImage &image)
{
    double sum = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            sum += qGray(image.pixel(x, y));
    return sum / (image.width() * image.height());
}

QString crMonochrome1()
{
    return pydicomTestFiles() + "/dicomdirtests/77654033/CR3/6278";
}

} // namespace

class TestThumbnails : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;

    QString made(const QString &name) const { return m_work.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        // Variants pydicom writes: MONOCHROME1 without a window, non-square pixels, a lying header, junk.
        const ToolResult r = run(python(),
                                 {"-c",
                                  "import sys, pydicom\n"
                                  "src, out = sys.argv[1], sys.argv[2]\n"
                                  "ds = pydicom.dcmread(src + '/MR_small.dcm')\n"
                                  "ds.PhotometricInterpretation = 'MONOCHROME1'\n"
                                  "del ds.WindowCenter; del ds.WindowWidth\n"
                                  "ds.save_as(out + '/mono1_minmax.dcm')\n"
                                  "ds.PhotometricInterpretation = 'MONOCHROME2'\n"
                                  "ds.save_as(out + '/mono2_minmax.dcm')\n"
                                  "ds = pydicom.dcmread(src + '/MR_small.dcm')\n"
                                  "ds.PixelSpacing = [0.5, 0.25]\n"
                                  "ds.save_as(out + '/wide_pixels.dcm')\n"
                                  "ds = pydicom.dcmread(src + '/MR_small.dcm')\n"
                                  "ds.Rows = 60000; ds.Columns = 60000\n"
                                  "ds.save_as(out + '/lying_header.dcm')\n"
                                  "open(out + '/junk.dcm', 'wb').write(b'DICM' * 1000)\n"
                                  "open(out + '/empty.dcm', 'wb').close()\n",
                                  pydicomTestFiles(), m_work.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }

    void anyPydicomFile_givesAThumbnailOrAPlainError()
    {
        int rendered = 0;
        int refused = 0;
        QStringList files;
        for (QDirIterator it(pydicomTestFiles(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            files << it.next();
        for (QDirIterator it(pydicomCharsetFiles(), QDir::Files); it.hasNext();)
            files << it.next();
        files << made("lying_header.dcm") << made("junk.dcm") << made("empty.dcm");
        for (const QString &file : files) {
            QString error = "stale";
            const QImage image = ThumbnailRenderer::render(file, 48, &error);
            if (image.isNull()) {
                QVERIFY2(!error.isEmpty() && error != "stale", qPrintable(file));
                ++refused;
            } else {
                QVERIFY2(error.isEmpty(), qPrintable(file + ": " + error));
                QVERIFY2(image.width() <= 48 && image.height() <= 48, qPrintable(file));
                QVERIFY(image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_RGB32);
                ++rendered;
            }
        }
        QVERIFY2(rendered >= 50, qPrintable(QString::number(rendered)));
        QVERIFY(refused >= 10);
    }

    void fullSize_matchesPydicom_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reference"); // what pydicom decodes (the same pixels, uncompressed)
        QTest::addColumn<int>("frame");
        QTest::addColumn<bool>("colour");
        const QString d = pydicomTestFiles();
        QTest::newRow("MR window") << d + "/MR_small.dcm" << d + "/MR_small.dcm" << 0 << false;
        QTest::newRow("MR big endian") << d + "/MR_small_bigendian.dcm" << d + "/MR_small.dcm" << 0 << false;
        QTest::newRow("MR RLE") << d + "/MR_small_RLE.dcm" << d + "/MR_small.dcm" << 0 << false;
        QTest::newRow("MR JPEG-LS lossless")
            << d + "/MR_small_jpeg_ls_lossless.dcm" << d + "/MR_small.dcm" << 0 << false;
        QTest::newRow("CT min-max") << d + "/CT_small.dcm" << d + "/CT_small.dcm" << 0 << false;
        QTest::newRow("deflate") << d + "/image_dfl.dcm" << d + "/image_dfl.dcm" << 0 << false;
        QTest::newRow("CR MONOCHROME1 window") << crMonochrome1() << crMonochrome1() << 0 << false;
        QTest::newRow("MONOCHROME1 min-max") << made("mono1_minmax.dcm") << made("mono1_minmax.dcm") << 0 << false;
        QTest::newRow("RT dose middle frame") << d + "/rtdose.dcm" << d + "/rtdose.dcm" << 7 << false;
        QTest::newRow("RGB") << d + "/SC_rgb_jpeg_dcmd.dcm" << d + "/SC_rgb_jpeg_dcmd.dcm" << 0 << true;
        QTest::newRow("RGB RLE") << d + "/SC_rgb_rle.dcm" << d + "/SC_rgb_rle.dcm" << 0 << true;
        QTest::newRow("RGB RLE middle frame")
            << d + "/SC_rgb_rle_2frame.dcm" << d + "/SC_rgb_rle_2frame.dcm" << 1 << true;
        QTest::newRow("YBR_FULL_422") << d + "/SC_ybr_full_422_uncompressed.dcm"
                                      << d + "/SC_ybr_full_422_uncompressed.dcm" << 0 << true;
    }

    void fullSize_matchesPydicom()
    {
        QFETCH(QString, file);
        QFETCH(QString, reference);
        QFETCH(int, frame);
        QFETCH(bool, colour);
        const Expected e = expectedOf(reference, frame);
        QVERIFY(e.width > 0);
        QString error;
        const QImage image = ThumbnailRenderer::render(file, std::max(e.width, e.height), &error);
        QVERIFY2(!image.isNull(), qPrintable(error));
        QCOMPARE(image.size(), QSize(e.width, e.height));
        QCOMPARE(image.format(), colour ? QImage::Format_RGB32 : QImage::Format_Grayscale8);
        const auto [worst, off] = compare(image, e);
        // Rounding differs by a level here and there; colour conversion (YBR) by a few.
        QVERIFY2(worst <= (colour ? 4 : 2), qPrintable(QStringLiteral("worst %1, %2 off").arg(worst).arg(off)));
    }

    void multiFrame_showsTheMiddleFrame()
    {
        // The first frame of this RT dose differs from its middle one: make sure the middle one is shown.
        const QString file = pydicomTestFiles() + "/rtdose.dcm";
        const Expected first = expectedOf(file, 0);
        const Expected middle = expectedOf(file, 7);
        QVERIFY(first.pixels != middle.pixels);
        const QImage image = ThumbnailRenderer::render(file, 10);
        QCOMPARE(compare(image, middle).first <= 2, true);
        QCOMPARE(compare(image, first).first > 2, true);
    }

    void smaller_keepsMeanIntensity()
    {
        const QString file = pydicomTestFiles() + "/MR_small.dcm";
        const Expected e = expectedOf(file);
        double expectedMean = 0;
        for (int v : e.pixels)
            expectedMean += v;
        expectedMean /= e.pixels.size();
        const QImage image = ThumbnailRenderer::render(file, 24);
        QCOMPARE(image.size(), QSize(24, 24));
        QVERIFY2(std::abs(meanOf(image) - expectedMean) < 3.0,
                 qPrintable(QStringLiteral("%1 vs %2").arg(meanOf(image)).arg(expectedMean)));
        QVERIFY(expectedMean > 20 && expectedMean < 235); // a window that shows something, else the test proves little
    }

    void monochrome1_lowestStoredValuesAreBright()
    {
        // Where pydicom finds the lowest and highest stored values.
        const ToolResult r = run(python(),
                                 {"-c",
                                  "import sys, numpy as np, pydicom\n"
                                  "a = pydicom.dcmread(sys.argv[1]).pixel_array\n"
                                  "lo = np.unravel_index(np.argmin(a), a.shape)\n"
                                  "hi = np.unravel_index(np.argmax(a), a.shape)\n"
                                  "print(lo[1], lo[0], hi[1], hi[0])\n",
                                  made("mono1_minmax.dcm")});
        QCOMPARE(r.exitCode, 0);
        const QStringList xy = QString::fromUtf8(r.out).split(' ', Qt::SkipEmptyParts);
        QCOMPARE(xy.size(), 4);
        const QImage image = ThumbnailRenderer::render(made("mono1_minmax.dcm"), 64);
        QVERIFY(!image.isNull());
        QVERIFY(image.constScanLine(xy[1].toInt())[xy[0].toInt()] >= 250);
        QVERIFY(image.constScanLine(xy[3].trimmed().toInt())[xy[2].toInt()] <= 5);
        // The same pixels as MONOCHROME2 are dark there and bright where they are highest.
        const QImage normal = ThumbnailRenderer::render(made("mono2_minmax.dcm"), 64);
        QVERIFY(normal.constScanLine(xy[1].toInt())[xy[0].toInt()] <= 5);
        QVERIFY(normal.constScanLine(xy[3].trimmed().toInt())[xy[2].toInt()] >= 250);
    }

    void aspectRatio_isKept()
    {
        // 1024 rows x 256 columns, square pixels: portrait.
        const QImage tall = ThumbnailRenderer::render(pydicomTestFiles() + "/JPGExtended.dcm", 128);
        QVERIFY(!tall.isNull());
        QCOMPARE(tall.size(), QSize(32, 128));
        // 64 x 64 pixels twice as high as wide (row spacing 0.5, column spacing 0.25): shown half as wide.
        const QImage wide = ThumbnailRenderer::render(made("wide_pixels.dcm"), 64);
        QCOMPARE(wide.size(), QSize(32, 64));
        // Never larger than the image itself.
        QCOMPARE(ThumbnailRenderer::render(pydicomTestFiles() + "/MR_small.dcm", 256).size(), QSize(64, 64));
    }

    void jpeg2000_rendersThroughOurDecoder()
    {
        // DCMTK has no JPEG 2000 codec; the thumbnail goes through the viewer's OpenJPEG decoder instead and must
        // look like the lossless twin that DCMTK decodes itself.
        QString error;
        const QImage j2k = ThumbnailRenderer::render(pydicomTestFiles() + "/MR_small_jp2klossless.dcm", 64, &error);
        QVERIFY2(!j2k.isNull(), qPrintable(error));
        const QImage plain = ThumbnailRenderer::render(pydicomTestFiles() + "/MR_small.dcm", 64);
        QCOMPARE(j2k.size(), plain.size());
        const QImage a = j2k.convertToFormat(QImage::Format_Grayscale8);
        const QImage b = plain.convertToFormat(QImage::Format_Grayscale8);
        int worst = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                worst = std::max(worst, std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))));
        QVERIFY2(worst <= 2, qPrintable(QString("largest grey difference %1").arg(worst)));
        QVERIFY(!ThumbnailRenderer::render(pydicomTestFiles() + "/JPEG2000.dcm", 64, &error).isNull());
    }

    void malformed_givesAnError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("truncated pixel data") << pydicomTestFiles() + "/MR_truncated.dcm";
        QTest::newRow("no pixel data") << pydicomTestFiles() + "/rtplan.dcm";
        QTest::newRow("truncated RT plan") << pydicomTestFiles() + "/rtplan_truncated.dcm";
        QTest::newRow("header lies about the size") << made("lying_header.dcm");
        QTest::newRow("junk") << made("junk.dcm");
        QTest::newRow("empty") << made("empty.dcm");
        QTest::newRow("missing") << made("does-not-exist.dcm");
    }

    void malformed_givesAnError()
    {
        QFETCH(QString, file);
        QString error;
        const QImage image = ThumbnailRenderer::render(file, 64, &error);
        QVERIFY(image.isNull());
        QVERIFY(!error.isEmpty());
    }

    void cache_rendersOnce_andNamesFilesWithoutUids()
    {
        QTemporaryDir dir;
        ThumbnailCache cache(dir.filePath("thumbnails"));
        const QString uid = "1.2.840.113619.2.1.2411.1031152382.365.736169244";
        const QStringList files {pydicomTestFiles() + "/MR_small.dcm"};
        QString error;
        const QImage first = cache.cachedOrRender(uid, files, 32, &error);
        QVERIFY2(!first.isNull(), qPrintable(error));
        QCOMPARE(cache.renderCount(), 1);
        const QString path = cache.pathFor(uid, 32);
        QVERIFY(QFile::exists(path));
        QVERIFY(!path.contains(uid));
        const QString sha1
            = QString::fromLatin1(QCryptographicHash::hash(uid.toUtf8(), QCryptographicHash::Sha1).toHex());
        QCOMPARE(QFileInfo(path).fileName(), sha1 + "-32.png");
        const QStringList stored = QDir(dir.filePath("thumbnails")).entryList(QDir::Files);
        QCOMPARE(stored, QStringList {sha1 + "-32.png"}); // no temporary files left behind
        const QDateTime written = QFileInfo(path).lastModified();

        QThread::msleep(20);
        const QImage second = cache.cachedOrRender(uid, files, 32, &error);
        QCOMPARE(second.size(), first.size());
        QCOMPARE(second.convertToFormat(QImage::Format_Grayscale8), first);
        QCOMPARE(cache.renderCount(), 1);
        QCOMPARE(QFileInfo(path).lastModified(), written);

        // Another size is another file.
        QCOMPARE(cache.cachedOrRender(uid, files, 16).size(), QSize(16, 16));
        QCOMPARE(cache.renderCount(), 2);
    }

    void cache_regeneratesMissingOrCorruptPng()
    {
        QTemporaryDir dir;
        ThumbnailCache cache(dir.path());
        const QString uid = "1.2.3.4";
        const QStringList files {pydicomTestFiles() + "/CT_small.dcm"};
        QVERIFY(!cache.cachedOrRender(uid, files, 40).isNull());
        const QString path = cache.pathFor(uid, 40);

        QVERIFY(QFile::remove(path));
        QVERIFY(!cache.cachedOrRender(uid, files, 40).isNull());
        QCOMPARE(cache.renderCount(), 2);
        QVERIFY(QFile::exists(path));

        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("\x89PNG not really");
        }
        const QImage again = cache.cachedOrRender(uid, files, 40);
        QCOMPARE(again.size(), QSize(40, 40));
        QCOMPARE(cache.renderCount(), 3);
        QVERIFY(!QImage(path, "PNG").isNull());

        cache.invalidate(uid);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!cache.cachedOrRender(uid, files, 40).isNull());
        QCOMPARE(cache.renderCount(), 4);
    }

    void cache_rendersTheMiddleCandidate_andFallsBack()
    {
        QTemporaryDir dir;
        ThumbnailCache cache(dir.path());
        const QString d = pydicomTestFiles();
        // Middle is CT_small (128 x 128); MR_small is 64 x 64.
        QCOMPARE(cache.cachedOrRender("a", {d + "/MR_small.dcm", d + "/CT_small.dcm", d + "/MR_small.dcm"}, 200).size(),
                 QSize(128, 128));
        // Middle (no pixel data) and its neighbour (truncated) fail: the first one is used.
        const QImage fallback
            = cache.cachedOrRender("b", {d + "/MR_small.dcm", d + "/rtplan.dcm", d + "/MR_truncated.dcm"}, 200);
        QCOMPARE(fallback.size(), QSize(64, 64));
        // Nothing renderable: an error, and nothing cached.
        QString error;
        QVERIFY(cache.cachedOrRender("c", {d + "/rtplan.dcm", d + "/MR_truncated.dcm"}, 200, &error).isNull());
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(cache.pathFor("c", 200)));
        QVERIFY(cache.cachedOrRender("d", {}, 200, &error).isNull());
        QVERIFY(!error.isEmpty());
    }

    void cache_concurrentCalls_leaveValidFiles()
    {
        QTemporaryDir dir;
        ThumbnailCache cache(dir.path());
        const QString d = pydicomTestFiles();
        const QStringList files {d + "/MR_small.dcm", d + "/CT_small.dcm", d + "/SC_rgb_rle.dcm"};
        QList<int> jobs;
        for (int i = 0; i < 24; ++i)
            jobs << i;
        // Eight series, each asked for three times at once.
        const QList<QSize> sizes = QtConcurrent::blockingMapped(jobs, [&](int i) {
            const QString uid = QStringLiteral("9.9.%1").arg(i % 8);
            return cache.cachedOrRender(uid, {files.at(i % 3)}, 48).size();
        });
        for (const QSize &s : sizes)
            QVERIFY(s.isValid() && s.width() <= 48 && s.height() <= 48);
        for (int i = 0; i < 8; ++i)
            QVERIFY(!QImage(cache.pathFor(QStringLiteral("9.9.%1").arg(i), 48), "PNG").isNull());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 8);
    }
};

QTEST_GUILESS_MAIN(TestThumbnails)
#include "tst_thumbnails.moc"
