// `lightbox render` (runRenderCommand) against pydicom + numpy applying the same display formula
// (tests/tools/render_expect.py): the file's window, an explicit --window/--level, MONOCHROME1, --invert, a frame of
// a multi-frame file, colour; plain errors and exit code 1 for bad arguments and undecodable files.

#include "app/RenderCommand.h"
#include "tests/support/TestSupport.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lightbox;
using namespace lightbox::test;

class TestRender : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;

private Q_SLOTS:
    void render_matchesPydicom_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("frame");
        QTest::newRow("CT, file window") << "CT_small.dcm" << QStringList() << 1;
        QTest::newRow("CT, explicit window") << "CT_small.dcm" << QStringList {"--window", "400", "--level", "40"} << 1;
        QTest::newRow("MR, inverted") << "MR_small.dcm" << QStringList {"--invert"} << 1;
        QTest::newRow("CR, MONOCHROME1") << "dicomdirtests/77654033/CR3/6278" << QStringList() << 1;
        QTest::newRow("RT dose, frame 8, min-max") << "rtdose.dcm" << QStringList() << 8;
        QTest::newRow("colour RLE") << "SC_rgb_rle.dcm" << QStringList() << 1;
    }

    void render_matchesPydicom()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, options);
        QFETCH(int, frame);
        const QString png = m_work.filePath("out.png");
        QFile::remove(png);
        const QString path = pydicomTestFiles() + "/" + file;
        QStringList args {path, "--out", png};
        if (frame != 1)
            args << "--frame" << QString::number(frame);
        QCOMPARE(runRenderCommand(args + options), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());

        const ToolResult r = run(
            python(),
            QStringList {sourceDir() + "/tests/tools/render_expect.py", path, QString::number(frame - 1)} + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(image.width(), o.value("width").toInt());
        QCOMPARE(image.height(), o.value("height").toInt());
        const int channels = o.value("channels").toInt();
        const QJsonArray pixels = o.value("pixels").toArray();
        int worst = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QRgb p = image.pixel(x, y);
                const int i = (y * image.width() + x) * channels;
                if (channels == 1)
                    worst = std::max(worst, std::abs(qGray(p) - pixels[i].toInt()));
                else
                    for (int c = 0; c < 3; ++c)
                        worst = std::max(worst,
                                         std::abs((c == 0       ? qRed(p)
                                                       : c == 1 ? qGreen(p)
                                                                : qBlue(p))
                                                  - pixels[i + c].toInt()));
            }
        QVERIFY2(worst <= 1, qPrintable(QString("largest difference %1").arg(worst)));
    }

    void badArgumentsOrFiles_exitWithOne()
    {
        const QString png = m_work.filePath("bad.png");
        const QString ct = pydicomTestFiles() + "/CT_small.dcm";
        QCOMPARE(runRenderCommand({ct}), 1);
        QCOMPARE(runRenderCommand({"--out", png}), 1);
        QCOMPARE(runRenderCommand({ct, "--out", png, "--window", "400"}), 1);
        QCOMPARE(runRenderCommand({ct, "--out", png, "--frame", "2"}), 1);
        QCOMPARE(runRenderCommand({ct, "--out", png, "--window", "-3", "--level", "0"}), 1);
        QCOMPARE(runRenderCommand({pydicomTestFiles() + "/MR_truncated.dcm", "--out", png}), 1);
        QCOMPARE(runRenderCommand({pydicomTestFiles() + "/rtplan.dcm", "--out", png}), 1);
        QVERIFY(!QFile::exists(png));
    }
};

QTEST_GUILESS_MAIN(TestRender)
#include "tst_render.moc"
