// DisplayPipeline with synthetic frames: each expected 8-bit value below is worked out by hand from the formulas in
// DisplayPipeline.h (PS3.3 C.11.2.1.2.1 LINEAR, C.11.2.1.3.2 LINEAR_EXACT, C.11.2.1.3.1 SIGMOID, rounding halves up).

#include "core/imaging/DisplayPipeline.h"

#include <QTest>

#include <cstring>

using namespace lightbox;

namespace {

template<typename T> DecodedFrame frameOf(const QList<T> &values, SampleType type)
{
    DecodedFrame f;
    f.width = int(values.size());
    f.height = 1;
    f.type = type;
    f.pixels = std::make_shared<std::vector<std::byte>>(values.size() * sizeof(T));
    std::memcpy(f.pixels->data(), values.constData(), values.size() * sizeof(T));
    return f;
}

QList<int> row(const QImage &image)
{
    QList<int> out;
    for (int x = 0; x < image.width(); ++x)
        out << image.constScanLine(0)[x];
    return out;
}

ImageInfo mono2()
{
    ImageInfo info;
    info.photometric = "MONOCHROME2";
    return info;
}

} // namespace

class TestDisplayPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ctRescale_storedValue1024WithInterceptMinus1024_isZeroHu()
    {
        ImageInfo info = mono2();
        info.rescaleIntercept = -1024;
        QCOMPARE(DisplayPipeline::modalityValue(info, 1024), 0.0);
        info.rescaleSlope = 0.5;
        QCOMPARE(DisplayPipeline::modalityValue(info, 1024), -512.0);
    }

    // c 40, w 400: x <= -160 -> 0; x > 239 -> 255; 0 HU -> (( 0 - 39.5) / 399 + 0.5) * 255 = 102.256 -> 102;
    // 40 -> 127.820 -> 128; 100 -> (60.5 / 399 + 0.5) * 255 = 166.165 -> 166; 239 -> 255.
    void linearWindow_givesTheStandardsValues()
    {
        ImageInfo info = mono2();
        info.rescaleIntercept = -1024;
        const DecodedFrame f
            = frameOf<qint16>({1024 - 161, 1024 - 160, 1024, 1064, 1124, 1024 + 239, 1024 + 240}, SampleType::Int16);
        const QImage image = DisplayPipeline::render(info, f, WindowPreset {40, 400, {}});
        QCOMPARE(image.format(), QImage::Format_Grayscale8);
        QCOMPARE(row(image), QList<int>({0, 0, 102, 128, 166, 255, 255}));
    }

    // Signed stored values, c 0, w 2000: -1000 -> 0; 0 -> (0.5 / 1999 + 0.5) * 255 = 127.564 -> 128;
    // 500 -> (500.5 / 1999 + 0.5) * 255 = 191.346 -> 191; 999 -> 255.
    void signedData_mapsThroughTheWindow()
    {
        const DecodedFrame f = frameOf<qint16>({-1000, 0, 500, 999}, SampleType::Int16);
        QCOMPARE(row(DisplayPipeline::render(mono2(), f, WindowPreset {0, 2000, {}})), QList<int>({0, 128, 191, 255}));
        const DecodedFrame wide = frameOf<qint32>({-1000, 0, 500, 999}, SampleType::Int32);
        QCOMPARE(row(DisplayPipeline::render(mono2(), wide, WindowPreset {0, 2000, {}})),
                 QList<int>({0, 128, 191, 255}));
    }

    void monochrome1_isInverted_andTheInvertFlagInvertsAgain()
    {
        ImageInfo info = mono2();
        info.photometric = "MONOCHROME1";
        const DecodedFrame f = frameOf<qint16>({-1000, 0, 500, 999}, SampleType::Int16);
        QCOMPARE(row(DisplayPipeline::render(info, f, WindowPreset {0, 2000, {}})), QList<int>({255, 127, 64, 0}));
        QCOMPARE(row(DisplayPipeline::render(info, f, WindowPreset {0, 2000, {}}, true)),
                 QList<int>({0, 128, 191, 255}));
        QCOMPARE(row(DisplayPipeline::render(mono2(), f, WindowPreset {0, 2000, {}}, true)),
                 QList<int>({255, 127, 64, 0}));
    }

    // c 100, w 200: 0 -> 0; 50 -> 0.25 * 255 = 63.75 -> 64; 100 -> 127.5 -> 128; 150 -> 191.25 -> 191; 200 -> 255.
    void linearExact_usesTheExactFormula()
    {
        ImageInfo info = mono2();
        info.voiLutFunction = "LINEAR_EXACT";
        const DecodedFrame f = frameOf<quint16>({0, 50, 100, 150, 200, 201}, SampleType::UInt16);
        QCOMPARE(row(DisplayPipeline::render(info, f, WindowPreset {100, 200, {}})),
                 QList<int>({0, 64, 128, 191, 255, 255}));
    }

    // c 100, w 200: 255 / (1 + exp(-4 (x - 100) / 200)): 0 -> 30.396 -> 30; 100 -> 127.5 -> 128; 200 -> 224.6 -> 225.
    void sigmoid_usesTheSigmoidFormula()
    {
        ImageInfo info = mono2();
        info.voiLutFunction = "SIGMOID";
        const DecodedFrame f = frameOf<quint8>({0, 100, 200}, SampleType::UInt8);
        QCOMPARE(row(DisplayPipeline::render(info, f, WindowPreset {100, 200, {}})), QList<int>({30, 128, 225}));
        QCOMPARE(DisplayPipeline::displayValue(100, {100, 200, {}}, "SIGMOID"), 128);
    }

    // Table {0, 1000, 2000, 4095}, first input 10, 12 bits: entry * 255 / 4095 -> 0, 62.27 -> 62, 124.54 -> 125, 255.
    void voiLutTable_isUsedWhenNoWindowIsGiven()
    {
        ImageInfo info = mono2();
        info.voiLut = {0, 1000, 2000, 4095};
        info.voiLutFirst = 10;
        info.voiLutBits = 12;
        const DecodedFrame f = frameOf<quint16>({9, 10, 11, 12, 13, 100}, SampleType::UInt16);
        QCOMPARE(row(DisplayPipeline::render(info, f, std::nullopt)), QList<int>({0, 0, 62, 125, 255, 255}));
        // An explicit window wins over the table.
        QCOMPARE(row(DisplayPipeline::render(info, f, WindowPreset {12, 4, {}})),
                 QList<int>({0, 0, 85, 170, 255, 255}));
        const WindowPreset range = DisplayPipeline::defaultWindow(info, f);
        QCOMPARE(range.center, 12.0);
        QCOMPARE(range.width, 4.0);
    }

    void defaultWindow_prefersTheFilesWindow_elseMinToMax()
    {
        ImageInfo info = mono2();
        info.rescaleSlope = 2;
        info.rescaleIntercept = -5;
        // Modality values 15, 35, 55, 75: w = 75 - 15 + 1 = 61, c = 15 + 30.5 = 45.5;
        // 35 -> ((35 - 45) / 60 + 0.5) * 255 = 85; 55 -> 170.
        const DecodedFrame f = frameOf<quint8>({10, 20, 30, 40}, SampleType::UInt8);
        const WindowPreset w = DisplayPipeline::defaultWindow(info, f);
        QCOMPARE(w.center, 45.5);
        QCOMPARE(w.width, 61.0);
        QCOMPARE(row(DisplayPipeline::render(info, f, std::nullopt)), QList<int>({0, 85, 170, 255}));

        info.windows = {{30, 20, "narrow"}, {0, 1000, "wide"}};
        QCOMPARE(DisplayPipeline::defaultWindow(info, f).name, QString("narrow"));

        const DecodedFrame dose = frameOf<quint32>({0, 1000000, 2000000, 3000000}, SampleType::UInt32);
        QCOMPARE(row(DisplayPipeline::render(mono2(), dose, std::nullopt)), QList<int>({0, 85, 170, 255}));
        const DecodedFrame flat = frameOf<quint16>({7, 7}, SampleType::UInt16);
        QCOMPARE(row(DisplayPipeline::render(mono2(), flat, std::nullopt)), QList<int>({0, 0}));
    }

    void colour_passesThrough_andInvertFlipsEachChannel()
    {
        DecodedFrame f = frameOf<quint8>({10, 20, 30, 200, 100, 0}, SampleType::UInt8);
        f.width = 2;
        f.color = true;
        ImageInfo info;
        info.samplesPerPixel = 3;
        info.photometric = "RGB";
        const QImage image = DisplayPipeline::render(info, f, std::nullopt);
        QCOMPARE(image.format(), QImage::Format_RGB32);
        QCOMPARE(image.pixel(0, 0), qRgb(10, 20, 30));
        QCOMPARE(image.pixel(1, 0), qRgb(200, 100, 0));
        QCOMPARE(DisplayPipeline::render(info, f, std::nullopt, true).pixel(1, 0), qRgb(55, 155, 255));
    }

    void emptyOrShortFrame_givesANullImage()
    {
        DecodedFrame f = frameOf<quint16>({1, 2}, SampleType::UInt16);
        f.width = 3;
        QVERIFY(DisplayPipeline::render(mono2(), f, std::nullopt).isNull());
        QVERIFY(DisplayPipeline::render(mono2(), DecodedFrame {}, std::nullopt).isNull());
    }
};

QTEST_GUILESS_MAIN(TestDisplayPipeline)
#include "tst_displaypipeline.moc"
