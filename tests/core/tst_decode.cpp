// FrameDecoder against pydicom: every pydicom test file with pixel data decodes to the stored values pydicom (with
// its numpy, RLE and GDCM handlers) gives, exactly for lossless and within a tolerance for lossy compression; colour
// as RGB; several frames of multi-frame files. Deliberately malformed files, truncated and corrupted copies give
// false with a plain message and never crash. Lossless twins (RLE, JPEG-LS, JPEG 2000 of MR_small) match the
// uncompressed original without any Python decoder.

#include "core/imaging/FrameDecoder.h"
#include "core/imaging/PixelConversion.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace lightbox;
using namespace lightbox::test;

namespace {

// pydicom test files FrameDecoder refuses on purpose, and why. Paths relative to the test-files folder.
const QHash<QString, QString> &expectedFailures()
{
    static const QHash<QString, QString> table {
        {"MR_truncated.dcm", "pixel data shorter than Rows x Columns x 2 (deliberately truncated)"},
        {"nested_priv_SQ.dcm", "Pixel Data inside a private sequence, no image attributes: not an image"},
        {"JPEG2000-embedded-sequence-delimiter.dcm",
         "4 bytes of the J2K codestream overwritten with a Sequence Delimiter: corrupt codestream"},
        {"meta_missing_tsyntax.dcm",
         "no Transfer Syntax UID in the meta header: DCMTK misreads the data set, no Rows/Columns (pydicom fails too)"},
        {"SC_rgb_jpeg.dcm",
         "meta header says explicit VR but the data set is implicit VR: DCMTK stops at a bogus element length "
         "(pydicom guesses; dcmAcceptUnexpectedImplicitEncoding is process-global, so left off)"},
    };
    return table;
}

// pydicom cannot decode these, but they are valid enough for us: decode must succeed; what we check instead.
const QHash<QString, QString> &decodedWithoutOracle()
{
    static const QHash<QString, QString> table {
        {"badVR.dcm", "Number of Frames '1A' (invalid IS) read as 1 frame; pydicom trips over it"},
    };
    return table;
}

struct OracleEntry
{
    QString path;
    bool decodable = false;
    QString reason;
    int width = 0;
    int height = 0;
    bool color = false;
    QString dtype;
    bool lossy = false;
    QList<int> frames;
    QStringList raw;
};

QString relativeName(const QString &path)
{
    return QDir(pydicomTestFiles()).relativeFilePath(path);
}

SampleType typeOf(const QString &dtype)
{
    static const QHash<QString, SampleType> types {{"uint8", SampleType::UInt8},   {"int8", SampleType::Int8},
                                                   {"uint16", SampleType::UInt16}, {"int16", SampleType::Int16},
                                                   {"uint32", SampleType::UInt32}, {"int32", SampleType::Int32},
                                                   {"rgb8", SampleType::UInt8}};
    return types.value(dtype, SampleType::Float32);
}

double sampleOf(const QByteArray &bytes, SampleType type, qsizetype i)
{
    const char *p = bytes.constData() + i * qsizetype(sampleSize(type));
    switch (type) {
    case SampleType::UInt8:
        return quint8(*p);
    case SampleType::Int8:
        return qint8(*p);
    case SampleType::UInt16: {
        quint16 v;
        std::memcpy(&v, p, 2);
        return v;
    }
    case SampleType::Int16: {
        qint16 v;
        std::memcpy(&v, p, 2);
        return v;
    }
    case SampleType::UInt32: {
        quint32 v;
        std::memcpy(&v, p, 4);
        return v;
    }
    case SampleType::Int32: {
        qint32 v;
        std::memcpy(&v, p, 4);
        return v;
    }
    case SampleType::Float32:
        break;
    }
    return 0;
}

// Differences between two frames of @p type: largest, mean absolute, and the count above @p slack.
struct Difference
{
    double worst = 0;
    double mean = 0;
    qsizetype above = 0;
};

Difference differenceOf(const QByteArray &got, const QByteArray &want, SampleType type, double slack)
{
    Difference d;
    const qsizetype n = want.size() / qsizetype(sampleSize(type));
    for (qsizetype i = 0; i < n; ++i) {
        const double diff = std::abs(sampleOf(got, type, i) - sampleOf(want, type, i));
        d.worst = std::max(d.worst, diff);
        d.mean += diff;
        if (diff > slack)
            ++d.above;
    }
    d.mean = n ? d.mean / double(n) : 0;
    return d;
}

QByteArray decodedBytes(const QString &path, int frame, const ImageInfo &info, QString *error)
{
    DecodedFrame out;
    if (!FrameDecoder::decode(path, frame, info, &out, error))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out.pixels->data()), qsizetype(out.pixels->size()));
}

} // namespace

class TestDecode : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    QList<OracleEntry> m_oracle;
    int m_matched = 0;
    int m_refused = 0;
    int m_withoutOracle = 0;
    int m_framesCompared = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        QDir().mkpath(m_work.filePath("oracle"));
        const ToolResult r = run(
            python(), {sourceDir() + "/tests/tools/decode_expect.py", pydicomTestFiles(), m_work.filePath("oracle")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonArray entries = QJsonDocument::fromJson(r.out).array();
        QVERIFY2(entries.size() >= 80, "pydicom should list about 85 test files with pixel data");
        for (const QJsonValue &v : entries) {
            const QJsonObject o = v.toObject();
            OracleEntry e;
            e.path = o.value("path").toString();
            e.decodable = o.value("decodable").toBool();
            e.reason = o.value("reason").toString();
            e.width = o.value("width").toInt();
            e.height = o.value("height").toInt();
            e.color = o.value("color").toBool();
            e.dtype = o.value("dtype").toString();
            e.lossy = o.value("lossy").toBool();
            for (const QJsonValue &f : o.value("frames").toArray())
                e.frames << f.toInt();
            for (const QJsonValue &f : o.value("raw").toArray())
                e.raw << f.toString();
            m_oracle << e;
        }
    }

    void everyPydicomImage_decodesLikePydicom_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_oracle.size(); ++i)
            QTest::newRow(qPrintable(relativeName(m_oracle[i].path))) << i;
    }

    void everyPydicomImage_decodesLikePydicom()
    {
        QFETCH(int, index);
        const OracleEntry &e = m_oracle[index];
        const QString name = relativeName(e.path);
        QString error = "stale";
        const std::optional<ImageInfo> info = FrameDecoder::readInfo(e.path, &error);

        if (expectedFailures().contains(name)) {
            QString decodeError = "stale";
            const bool decoded = info && !decodedBytes(e.path, 0, *info, &decodeError).isEmpty();
            QVERIFY2(!decoded, qPrintable(name + " should be refused: " + expectedFailures().value(name)));
            const QString message = info ? decodeError : error;
            QVERIFY2(!message.isEmpty() && message != "stale", qPrintable(name));
            qInfo().noquote() << "refused as expected:" << name << "--" << message;
            ++m_refused;
            return;
        }
        QVERIFY2(info, qPrintable(name + ": " + error));
        QVERIFY(error.isEmpty());

        if (!e.decodable) {
            QVERIFY2(decodedWithoutOracle().contains(name),
                     qPrintable(name + ": pydicom cannot decode it (" + e.reason + "); add it to a table"));
            const QByteArray got = decodedBytes(e.path, 0, *info, &error);
            QVERIFY2(!got.isEmpty(), qPrintable(name + ": " + error));
            QCOMPARE(qsizetype(got.size()), qsizetype(FrameDecoder::frameBytes(*info)));
            ++m_withoutOracle;
            return;
        }

        QCOMPARE(info->columns, e.width);
        QCOMPARE(info->rows, e.height);
        QCOMPARE(info->isColor(), e.color);
        const SampleType type = typeOf(e.dtype);
        QVERIFY2(type != SampleType::Float32, qPrintable(e.dtype));
        if (!e.color)
            QCOMPARE(int(FrameDecoder::sampleType(*info)), int(type));
        // Colour: YCbCr conversion rounds differently from pydicom's by up to 2; lossy codecs differ more.
        const double slack = e.lossy ? 8 : (e.color ? 2 : 0);
        for (int k = 0; k < e.frames.size(); ++k) {
            const int frame = e.frames[k];
            const QByteArray got = decodedBytes(e.path, frame, *info, &error);
            QVERIFY2(!got.isEmpty(), qPrintable(QString("%1 frame %2: %3").arg(name).arg(frame).arg(error)));
            QFile rawFile(e.raw[k]);
            QVERIFY(rawFile.open(QIODevice::ReadOnly));
            const QByteArray want = rawFile.readAll();
            QCOMPARE(got.size(), want.size());
            const Difference d = differenceOf(got, want, type, slack);
            const QString what = QString("%1 frame %2: worst %3, mean %4, %5 samples above %6")
                                     .arg(name)
                                     .arg(frame)
                                     .arg(d.worst)
                                     .arg(d.mean)
                                     .arg(d.above)
                                     .arg(slack);
            if (e.lossy)
                QVERIFY2(d.mean <= 1.0 && double(d.above) <= 0.001 * double(want.size()), qPrintable(what));
            else
                QVERIFY2(d.above == 0, qPrintable(what));
            ++m_framesCompared;
        }
        ++m_matched;
    }

    void losslessTwins_matchTheUncompressedOriginal_data()
    {
        QTest::addColumn<QString>("twin");
        QTest::addColumn<QString>("original");
        QTest::newRow("JPEG 2000 lossless") << "MR_small_jp2klossless.dcm"
                                            << "MR_small.dcm";
        QTest::newRow("JPEG-LS lossless") << "MR_small_jpeg_ls_lossless.dcm"
                                          << "MR_small.dcm";
        QTest::newRow("RLE") << "MR_small_RLE.dcm"
                             << "MR_small.dcm";
        QTest::newRow("big endian") << "MR_small_bigendian.dcm"
                                    << "MR_small.dcm";
        QTest::newRow("implicit VR") << "MR_small_implicit.dcm"
                                     << "MR_small.dcm";
        QTest::newRow("RLE 32-bit multi-frame") << "rtdose_rle.dcm"
                                                << "rtdose.dcm";
        QTest::newRow("big endian 32-bit multi-frame") << "rtdose_expb.dcm"
                                                       << "rtdose.dcm";
        QTest::newRow("JPEG lossless RGB") << "SC_rgb_jpeg_gdcm.dcm"
                                           << "SC_rgb_rle.dcm";
    }

    void losslessTwins_matchTheUncompressedOriginal()
    {
        QFETCH(QString, twin);
        QFETCH(QString, original);
        QString error;
        const auto a = FrameDecoder::readInfo(pydicomTestFiles() + "/" + twin, &error);
        QVERIFY2(a, qPrintable(error));
        const auto b = FrameDecoder::readInfo(pydicomTestFiles() + "/" + original, &error);
        QVERIFY2(b, qPrintable(error));
        QCOMPARE(a->frames, b->frames);
        for (int frame = 0; frame < a->frames; ++frame) {
            const QByteArray x = decodedBytes(a->path, frame, *a, &error);
            QVERIFY2(!x.isEmpty(), qPrintable(error));
            const QByteArray y = decodedBytes(b->path, frame, *b, &error);
            QVERIFY2(!y.isEmpty(), qPrintable(error));
            QVERIFY2(x == y, qPrintable(QString("frame %1 differs").arg(frame)));
        }
    }

    void decodeInto_writesIntoCallerMemory_andChecksTheSize()
    {
        QString error;
        const auto info = FrameDecoder::readInfo(pydicomTestFiles() + "/rtdose.dcm", &error);
        QVERIFY2(info, qPrintable(error));
        QCOMPARE(info->frames, 15);
        const size_t slice = FrameDecoder::frameBytes(*info);
        QCOMPARE(slice, size_t(10 * 10 * 4));
        std::vector<std::byte> volume(slice * size_t(info->frames));
        for (int f = 0; f < info->frames; ++f)
            QVERIFY2(FrameDecoder::decodeInto(info->path, f, *info, volume.data() + slice * size_t(f), slice, &error),
                     qPrintable(error));
        DecodedFrame last;
        QVERIFY(FrameDecoder::decode(info->path, 14, *info, &last, &error));
        QVERIFY(std::memcmp(last.pixels->data(), volume.data() + slice * 14, slice) == 0);

        QVERIFY(!FrameDecoder::decodeInto(info->path, 0, *info, volume.data(), slice - 1, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!FrameDecoder::decodeInto(info->path, 15, *info, volume.data(), slice, &error));
        QVERIFY2(error.contains("16") && error.contains("15"), qPrintable(error));
    }

    void nativeFiles_areReadStraightFromTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("direct");
        QTest::newRow("explicit VR little endian") << "MR_small.dcm" << true;
        QTest::newRow("implicit VR little endian") << "MR_small_implicit.dcm" << true;
        QTest::newRow("trailing padding after the pixels") << "MR_small_padded.dcm" << true;
        QTest::newRow("CT, signed, 12 of 16 bits") << "CT_small.dcm" << true;
        QTest::newRow("multi-frame 32-bit") << "rtdose.dcm" << true;
        QTest::newRow("big endian") << "MR_small_bigendian.dcm" << false;
        QTest::newRow("deflated") << "image_dfl.dcm" << false;
        QTest::newRow("RLE") << "MR_small_RLE.dcm" << false;
        QTest::newRow("JPEG 2000") << "MR_small_jp2klossless.dcm" << false;
    }

    // readInfo() notes where a native little-endian file's pixels start, and decodeInto() reads them from there
    // without parsing the header again: the bytes at that offset are the frames, as decoded.
    void nativeFiles_areReadStraightFromTheFile()
    {
        QFETCH(QString, file);
        QFETCH(bool, direct);
        QString error;
        const auto info = FrameDecoder::readInfo(pydicomTestFiles() + "/" + file, &error);
        QVERIFY2(info, qPrintable(error));
        if (!direct) {
            QCOMPARE(info->nativePixels.valueOffset, qint64(0));
            return;
        }
        QVERIFY(info->nativePixels.valueOffset > 0);
        QFile raw(info->path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const size_t bytes = FrameDecoder::frameBytes(*info);
        for (int frame : {0, info->frames - 1}) {
            QVERIFY(raw.seek(info->nativePixels.valueOffset + qint64(bytes) * frame));
            QByteArray stored = raw.read(qint64(bytes));
            QCOMPARE(size_t(stored.size()), bytes);
            PixelConversion::normalizeMonochrome(stored.data(), bytes / sampleSize(FrameDecoder::sampleType(*info)),
                                                 FrameDecoder::sampleType(*info), info->bitsStored, info->highBit);
            QCOMPARE(decodedBytes(info->path, frame, *info, &error), stored);
        }
    }

    // The file changed after its header was read (rewritten with a longer header, or cut short): the pixels are
    // not where readInfo() saw them, so the decoder reads through DCMTK and gets them right, or says what is wrong.
    void fileChangedAfterReadInfo_isNotReadAtTheOldOffset()
    {
        const QString path = m_work.filePath("changing.dcm");
        QFile::remove(path);
        QVERIFY(QFile::copy(pydicomTestFiles() + "/MR_small.dcm", path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QString error;
        const auto before = FrameDecoder::readInfo(path, &error);
        QVERIFY2(before && before->nativePixels.valueOffset > 0, qPrintable(error));
        const QByteArray expected = decodedBytes(path, 0, *before, &error);
        QVERIFY2(!expected.isEmpty(), qPrintable(error));

        const ToolResult r
            = run(QStringLiteral("dcmodify"),
                  {"-nb", "-i", "(0008,103e)=A series description long enough to move the pixels on", path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const auto after = FrameDecoder::readInfo(path, &error);
        QVERIFY(after);
        QVERIFY(after->nativePixels.valueOffset > before->nativePixels.valueOffset);
        QCOMPARE(decodedBytes(path, 0, *before, &error), expected);

        QFile file(path);
        QVERIFY(file.resize(after->nativePixels.valueOffset + 100));
        QVERIFY(decodedBytes(path, 0, *before, &error).isEmpty());
        QVERIFY2(error.contains("truncated") || error.contains("shorter"), qPrintable(error));
    }

    void bitsAboveBitsStored_areMaskedOrSignExtended()
    {
        quint16 unsignedValues[] = {0xF123, 0x0FFF, 0x1000};
        PixelConversion::normalizeMonochrome(unsignedValues, 3, SampleType::UInt16, 12, 11);
        QCOMPARE(unsignedValues[0], quint16(0x0123));
        QCOMPARE(unsignedValues[1], quint16(0x0FFF));
        QCOMPARE(unsignedValues[2], quint16(0));
        qint16 signedValues[] = {qint16(0x0800), qint16(0x07FF), qint16(0xF801), qint16(0x0FFF)};
        PixelConversion::normalizeMonochrome(signedValues, 4, SampleType::Int16, 12, 11);
        QCOMPARE(signedValues[0], qint16(-2048));
        QCOMPARE(signedValues[1], qint16(2047));
        QCOMPARE(signedValues[2], qint16(-2047));
        QCOMPARE(signedValues[3], qint16(-1));
        quint16 shifted[] = {0x0FF0}; // High Bit 11 with 8 bits stored: bits 4..11
        PixelConversion::normalizeMonochrome(shifted, 1, SampleType::UInt16, 8, 11);
        QCOMPARE(shifted[0], quint16(0xFF));
    }

    void truncatedOrCorruptedCopies_failCleanly_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"MR_small.dcm", "CT_small.dcm", "MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm",
                              "MR_small_jp2klossless.dcm", "JPEG2000.dcm", "JPGExtended.dcm", "SC_rgb_jpeg_dcmtk.dcm",
                              "SC_rgb_rle_2frame.dcm", "rtdose.dcm", "image_dfl.dcm", "MR_small_bigendian.dcm",
                              "SC_rgb_gdcm_KY.dcm", "GDCMJ2K_TextGBR.dcm"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    // Cuts each file at many points and flips bytes in its second half: decode must return (true or false with a
    // message), never crash or hang.
    void truncatedOrCorruptedCopies_failCleanly()
    {
        QFETCH(QString, file);
        QFile source(pydicomTestFiles() + "/" + file);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        const QString copy = m_work.filePath("damaged_" + file);
        QList<QByteArray> variants;
        for (int cut = 1; cut <= 24; ++cut)
            variants << bytes.left(bytes.size() * cut / 25);
        for (int round = 0; round < 8; ++round) {
            QByteArray corrupt = bytes;
            for (qsizetype i = corrupt.size() / 2 + round * 37; i < corrupt.size(); i += 97 + round)
                corrupt[i] = char(corrupt[i] ^ (0x5A + round));
            variants << corrupt;
        }
        int refused = 0;
        for (const QByteArray &variant : variants) {
            QFile out(copy);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(variant);
            out.close();
            QString error;
            const auto info = FrameDecoder::readInfo(copy, &error);
            if (!info) {
                QVERIFY(!error.isEmpty());
                ++refused;
                continue;
            }
            DecodedFrame frame;
            if (!FrameDecoder::decode(copy, info->frames - 1, *info, &frame, &error)) {
                QVERIFY2(!error.isEmpty(), qPrintable(file));
                ++refused;
            }
        }
        QVERIFY2(refused >= 12, qPrintable(QString("only %1 damaged copies refused").arg(refused)));
    }

    void nonImageFilesAndJunk_giveAPlainError()
    {
        const QString junk = m_work.filePath("junk.dcm");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("DICM").repeated(1000));
        f.close();
        for (const QString &path :
             QStringList {junk, m_work.filePath("missing.dcm"), pydicomTestFiles() + "/rtplan.dcm",
                          pydicomTestFiles() + "/test-SR.dcm"}) {
            QString error;
            QVERIFY2(!FrameDecoder::readInfo(path, &error), qPrintable(path));
            QVERIFY2(!error.isEmpty(), qPrintable(path));
        }
    }

    void cleanupTestCase()
    {
        qInfo().noquote() << QString("pydicom files with pixel data: %1; matched pydicom: %2 (%3 frames); refused "
                                     "as expected: %4; decoded where pydicom cannot: %5")
                                 .arg(m_oracle.size())
                                 .arg(m_matched)
                                 .arg(m_framesCompared)
                                 .arg(m_refused)
                                 .arg(m_withoutOracle);
    }
};

QTEST_GUILESS_MAIN(TestDecode)
#include "tst_decode.moc"
