// Volume loading against pydicom: slices ordered along the normal whatever the file order or names, geometry
// (spacing, origin, direction) right for axial, coronal, sagittal and multi-frame stacks, warnings exactly for
// irregular gaps, tilt, mixed orientations or sizes, repeated and missing positions (and none for a regular stack),
// native sample types kept, the first slice signalled before the end, late files inserted in place, corrupt files
// reported and skipped, and destruction mid-load safe.

#include "core/imaging/FrameDecoder.h"
#include "core/imaging/SeriesGeometry.h"
#include "core/imaging/Volume.h"
#include "core/imaging/VolumeLoader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lightbox;
using namespace lightbox::test;

using Issue = SeriesGeometry::Issue;
Q_DECLARE_METATYPE(QList<lightbox::SeriesGeometry::Issue>)

namespace {

struct FrameExpect
{
    bool hasPosition = false;
    std::array<double, 3> position {};
    QList<std::array<int, 3>> samples; // x, y, stored value
};

struct FileExpect
{
    QString path;
    int instance = 0;
    QList<FrameExpect> frames;
};

// A generated case from tests/tools/make_geometry.py.
struct Case
{
    std::unique_ptr<QTemporaryDir> dir;
    QStringList files;
};

Case generate(const QString &name)
{
    Case c;
    c.dir = std::make_unique<QTemporaryDir>();
    const ToolResult r = run(python(), {sourceDir() + "/tests/tools/make_geometry.py", name, c.dir->path()});
    if (r.exitCode != 0)
        qWarning() << "make_geometry.py failed:" << r.all();
    for (const QString &f : QDir(c.dir->path()).entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        c.files << c.dir->filePath(f);
    return c;
}

// What pydicom reads from @p files (tests/tools/volume_expect.py), by path.
QHash<QString, FileExpect> expectationsOf(const QStringList &files)
{
    QHash<QString, FileExpect> byPath;
    const ToolResult r = run(python(), QStringList {sourceDir() + "/tests/tools/volume_expect.py"} + files);
    if (r.exitCode != 0) {
        qWarning() << "volume_expect.py failed:" << r.all();
        return byPath;
    }
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
        const QJsonObject o = v.toObject();
        FileExpect e;
        e.path = o.value("path").toString();
        e.instance = o.value("instance").toInt();
        for (const QJsonValue &fv : o.value("frames").toArray()) {
            const QJsonObject fo = fv.toObject();
            FrameExpect fe;
            const QJsonArray p = fo.value("position").toArray();
            fe.hasPosition = p.size() == 3;
            for (int i = 0; i < p.size() && i < 3; ++i)
                fe.position[i] = p[i].toDouble();
            for (const QJsonValue &sv : fo.value("samples").toArray()) {
                const QJsonArray s = sv.toArray();
                fe.samples.append({s[0].toInt(), s[1].toInt(), s[2].toInt()});
            }
            e.frames << fe;
        }
        byPath.insert(e.path, e);
    }
    return byPath;
}

qint64 voxel(const Volume &v, int x, int y, int k)
{
    const std::size_t i = std::size_t(y) * std::size_t(v.width()) + std::size_t(x);
    switch (v.sampleType()) {
    case SampleType::Int16:
        return static_cast<const qint16 *>(v.sliceData(k))[i];
    case SampleType::UInt16:
        return static_cast<const quint16 *>(v.sliceData(k))[i];
    case SampleType::UInt8:
        return static_cast<const quint8 *>(v.sliceData(k))[i];
    default:
        return std::numeric_limits<qint64>::min();
    }
}

// Loads @p files and waits for finished(); @return false on timeout.
bool loadAndWait(VolumeLoader &loader, const QStringList &files)
{
    QSignalSpy finished(&loader, &VolumeLoader::finished);
    loader.load(files);
    return finished.wait(60000);
}

// Every slice's stored values equal pydicom's; @return the number of slices checked.
int compareWithPydicom(const Volume &volume, const QHash<QString, FileExpect> &expected)
{
    int checked = 0;
    for (int k = 0; k < volume.depth(); ++k) {
        const Volume::SliceInfo &s = volume.slice(k);
        if (!volume.isSliceLoaded(k))
            continue;
        const auto it = expected.find(s.path);
        if (it == expected.end() || s.frame >= it->frames.size()) {
            qWarning() << "no expectation for" << s.path << s.frame;
            return -1;
        }
        for (const auto &[x, y, value] : it->frames[s.frame].samples) {
            if (voxel(volume, x, y, k) != value) {
                qWarning() << "slice" << k << s.path << "frame" << s.frame << "at" << x << y << "has"
                           << voxel(volume, x, y, k) << "pydicom reads" << value;
                return -1;
            }
        }
        ++checked;
    }
    return checked;
}

// Positions of the slices, in volume order, projected on the volume's normal (third direction column).
QList<double> offsetsAlongNormal(const Volume &volume)
{
    const auto d = volume.direction();
    QList<double> offsets;
    for (int k = 0; k < volume.depth(); ++k) {
        const auto &p = volume.slice(k).position;
        offsets << p[0] * d[2] + p[1] * d[5] + p[2] * d[8];
    }
    return offsets;
}

QStringList slicePaths(const Volume &volume)
{
    QStringList paths;
    for (int k = 0; k < volume.depth(); ++k)
        paths << volume.slice(k).path + QLatin1Char('#') + QString::number(volume.slice(k).frame);
    return paths;
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

} // namespace

class TestVolumeLoader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void geometryWarnings_appearExactlyWhenTheyShould_data();
    void geometryWarnings_appearExactlyWhenTheyShould();
    void regularStack_orderDoesNotDependOnFileOrderOrNames();
    void regularStack_geometryAndNativeInt16Values();
    void coronalAndSagittal_directionAndOrigin();
    void missingPositions_orderedByInstanceNumber();
    void multiFrame_perFramePositionsOrderFrames();
    void cine_framesKeepTheirOrder();
    void irregularAndTilted_warningsNameGapAndAngle();
    void differingRescale_uint16KeptAndWarned();
    void firstSlice_signalledBeforeFinished();
    void preview_middleFileOnScreenBeforeTheHeaderPassEnds();
    void addFiles_insertInPlaceAndViewerKeepsItsSlice();
    void addFiles_whileHeadersAreRead_endInOneStack();
    void corruptFiles_reportedAndTheRestLoads();
    void destroyedMidLoad_noThreadWritesAfterwards();
    void geometry_pureComputation();
};

void TestVolumeLoader::initTestCase()
{
    // The oracle: install-deps.sh installs it, so a missing one is a broken machine, not a reason to skip.
    QVERIFY2(QFile::exists(python()), "needs Debian's /usr/bin/python3 with pydicom (installer/install-deps.sh)");
}

void TestVolumeLoader::geometryWarnings_appearExactlyWhenTheyShould_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("depth");
    QTest::addColumn<QList<Issue>>("issues");
    QTest::newRow("regular") << "regular" << 12 << QList<Issue> {};
    QTest::newRow("coronal") << "coronal" << 10 << QList<Issue> {};
    QTest::newRow("sagittal") << "sagittal" << 10 << QList<Issue> {};
    QTest::newRow("multiframe") << "multiframe" << 6 << QList<Issue> {};
    QTest::newRow("cine") << "cine" << 5 << QList<Issue> {};
    QTest::newRow("irregular") << "irregular" << 11 << QList<Issue> {Issue::IrregularSpacing};
    QTest::newRow("tilted") << "tilted" << 12 << QList<Issue> {Issue::GantryTilt};
    QTest::newRow("mixed orientations") << "mixed" << 9 << QList<Issue> {Issue::MixedOrientations};
    QTest::newRow("missing positions") << "nopos" << 8 << QList<Issue> {Issue::MissingPositions};
    QTest::newRow("duplicate position") << "duplicate" << 8 << QList<Issue> {Issue::DuplicatePositions};
    QTest::newRow("mixed sizes") << "mixedsize" << 8 << QList<Issue> {Issue::MixedSizes};
}

void TestVolumeLoader::geometryWarnings_appearExactlyWhenTheyShould()
{
    QFETCH(QString, name);
    QFETCH(int, depth);
    QFETCH(QList<Issue>, issues);
    const Case c = generate(name);
    QVERIFY(!c.files.isEmpty());
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const std::shared_ptr<Volume> volume = loader.volume();
    QVERIFY(volume);
    QCOMPARE(volume->depth(), depth);
    QCOMPARE(volume->loadedCount(), depth);
    QCOMPARE(volume->sampleType(), SampleType::Int16);

    QList<Issue> reported;
    for (const SeriesGeometry::Warning &w : loader.geometry().warnings) {
        reported << w.issue;
        QVERIFY2(!w.text.isEmpty(), "a warning without words");
    }
    QCOMPARE(reported, issues);
    QCOMPARE(loader.warnings().size(), issues.size()); // nothing else (no file errors, no rescale)
    QVERIFY(loader.fileErrors().isEmpty());

    QCOMPARE(compareWithPydicom(*volume, expectationsOf(c.files)), depth);
    if (name == QLatin1String("duplicate")) {
        for (int k = 0; k < volume->depth(); ++k)
            QVERIFY2(volume->slice(k).instanceNumber != 100, "the repeat was kept instead of the original");
    }
    if (loader.geometry().sortedByPosition) {
        const QList<double> offsets = offsetsAlongNormal(*volume);
        QVERIFY2(std::is_sorted(offsets.begin(), offsets.end()), "slices not ascending along the normal");
        QVERIFY(std::adjacent_find(offsets.begin(), offsets.end()) == offsets.end());
    }
}

void TestVolumeLoader::regularStack_orderDoesNotDependOnFileOrderOrNames()
{
    const Case c = generate(QStringLiteral("regular"));
    QStringList reversed = c.files;
    std::reverse(reversed.begin(), reversed.end());
    QStringList shuffled = c.files;
    std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());

    VolumeLoader byName;
    VolumeLoader byReverse;
    VolumeLoader byShuffle;
    QVERIFY(loadAndWait(byName, c.files));
    QVERIFY(loadAndWait(byReverse, reversed));
    QVERIFY(loadAndWait(byShuffle, shuffled));
    const QStringList order = slicePaths(*byName.volume());
    QCOMPARE(order.size(), 12);
    QCOMPARE(slicePaths(*byReverse.volume()), order);
    QCOMPARE(slicePaths(*byShuffle.volume()), order);

    // Instance numbers are shuffled in this set: the order must come from the positions.
    QList<int> instances;
    for (int k = 0; k < byName.volume()->depth(); ++k)
        instances << byName.volume()->slice(k).instanceNumber;
    QVERIFY(!std::is_sorted(instances.begin(), instances.end()));
}

void TestVolumeLoader::regularStack_geometryAndNativeInt16Values()
{
    const Case c = generate(QStringLiteral("regular"));
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const Volume &v = *loader.volume();
    QCOMPARE(v.sampleType(), SampleType::Int16);
    QCOMPARE(v.components(), 1);
    QCOMPARE(v.width(), 32);
    QCOMPARE(v.height(), 24);
    QCOMPARE(v.elementCount(), std::size_t(32 * 24 * 12));
    QCOMPARE(v.byteSize(), std::size_t(32 * 24 * 12 * 2));
    QVERIFY(near(v.spacing()[0], 0.6));
    QVERIFY(near(v.spacing()[1], 0.8));
    QVERIFY(near(v.spacing()[2], 2.5));
    QVERIFY(near(v.origin()[0], -10) && near(v.origin()[1], 20) && near(v.origin()[2], -30));
    const std::array<double, 9> identity {1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (int i = 0; i < 9; ++i)
        QVERIFY(near(v.direction()[i], identity[i]));
    QVERIFY(v.hasUniformRescale());
    // Contiguous: slice k starts k slice-sizes after data(), so VTK can take data() as it is.
    QCOMPARE(static_cast<const char *>(v.sliceData(5)) - static_cast<const char *>(v.data()),
             std::ptrdiff_t(5 * v.sliceBytes()));
    // Slice k is the k-th physical slice: value (97 k + 31 y + 3 x) mod 4000 - 2000 (make_geometry.py).
    for (int k = 0; k < v.depth(); ++k) {
        QVERIFY(near(v.slice(k).position[2], -30 + 2.5 * k));
        QCOMPARE(voxel(v, 7, 11, k), qint64((97 * k + 31 * 11 + 3 * 7) % 4000 - 2000));
    }
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 12);
    QVERIFY(loader.warnings().isEmpty());
}

void TestVolumeLoader::coronalAndSagittal_directionAndOrigin()
{
    {
        const Case c = generate(QStringLiteral("coronal"));
        VolumeLoader loader;
        QVERIFY(loadAndWait(loader, c.files));
        const Volume &v = *loader.volume();
        // Columns of the direction matrix: row (1,0,0), column (0,0,-1), normal (0,1,0).
        const std::array<double, 9> expected {1, 0, 0, 0, 0, 1, 0, -1, 0};
        for (int i = 0; i < 9; ++i)
            QVERIFY2(near(v.direction()[i], expected[i]), qPrintable(QString::number(i)));
        QVERIFY(near(v.origin()[1], -40));
        QVERIFY(near(v.spacing()[2], 3.0));
        QVERIFY(near(v.slice(9).position[1], -13));
    }
    {
        const Case c = generate(QStringLiteral("sagittal"));
        VolumeLoader loader;
        QVERIFY(loadAndWait(loader, c.files));
        const Volume &v = *loader.volume();
        // Normal (0,1,0) × (0,0,-1) = (-1,0,0): ascending along it is descending x, so slice 0 is at x = 23.
        const std::array<double, 9> expected {0, 0, -1, 1, 0, 0, 0, -1, 0};
        for (int i = 0; i < 9; ++i)
            QVERIFY2(near(v.direction()[i], expected[i]), qPrintable(QString::number(i)));
        QVERIFY(near(v.origin()[0], 23));
        QVERIFY(near(v.slice(9).position[0], 5));
        QVERIFY(near(v.spacing()[2], 2.0));
        QVERIFY(loader.warnings().isEmpty());
    }
}

void TestVolumeLoader::missingPositions_orderedByInstanceNumber()
{
    const Case c = generate(QStringLiteral("nopos"));
    QStringList reversed = c.files;
    std::reverse(reversed.begin(), reversed.end());
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, reversed));
    const Volume &v = *loader.volume();
    QCOMPARE(v.depth(), 8);
    QVERIFY(!loader.geometry().sortedByPosition);
    for (int k = 0; k < v.depth(); ++k) {
        QCOMPARE(v.slice(k).instanceNumber, k + 1);
        QCOMPARE(voxel(v, 0, 0, k), qint64(97 * k - 2000));
    }
    QVERIFY(near(v.spacing()[2], 2.5)); // Slice Thickness stands in for the unknown spacing
    QVERIFY(loader.warnings().first().contains(QStringLiteral("instance number")));
}

void TestVolumeLoader::multiFrame_perFramePositionsOrderFrames()
{
    const Case c = generate(QStringLiteral("multiframe"));
    QCOMPARE(c.files.size(), 1);
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const Volume &v = *loader.volume();
    QCOMPARE(v.depth(), 6);
    // Frame f lies at z = 10 - 2 f: ascending z is frames 5, 4, ..., 0.
    for (int k = 0; k < 6; ++k)
        QCOMPARE(v.slice(k).frame, 5 - k);
    QVERIFY(near(v.origin()[2], 0));
    QVERIFY(near(v.spacing()[2], 2.0));
    QVERIFY(near(v.spacing()[0], 0.6) && near(v.spacing()[1], 0.8)); // from the shared functional groups
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 6);
}

void TestVolumeLoader::cine_framesKeepTheirOrder()
{
    const Case c = generate(QStringLiteral("cine"));
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const Volume &v = *loader.volume();
    QCOMPARE(v.depth(), 5);
    for (int k = 0; k < 5; ++k)
        QCOMPARE(v.slice(k).frame, k);
    QVERIFY(loader.warnings().isEmpty());
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 5);
}

void TestVolumeLoader::irregularAndTilted_warningsNameGapAndAngle()
{
    {
        const Case c = generate(QStringLiteral("irregular"));
        VolumeLoader loader;
        QVERIFY(loadAndWait(loader, c.files));
        QCOMPARE(loader.warnings().size(), 1);
        const QString text = loader.warnings().first();
        // The gap between z = -17.5 and z = -12.5 (slices 6 and 7) is 5 mm where 2.5 mm is usual.
        QVERIFY2(text.contains(QStringLiteral("slices 6 and 7")), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(5.0, 'f', 2)), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(2.5, 'f', 2)), qPrintable(text));
        QVERIFY(near(loader.volume()->spacing()[2], 2.5));
    }
    {
        const Case c = generate(QStringLiteral("tilted"));
        VolumeLoader loader;
        QVERIFY(loadAndWait(loader, c.files));
        QVERIFY(near(loader.geometry().tiltDegrees, 15.0, 0.01));
        QVERIFY2(loader.warnings().first().contains(QLocale().toString(15.0, 'f', 1)),
                 qPrintable(loader.warnings().first()));
    }
}

void TestVolumeLoader::differingRescale_uint16KeptAndWarned()
{
    const Case c = generate(QStringLiteral("rescale"));
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const Volume &v = *loader.volume();
    QCOMPARE(v.sampleType(), SampleType::UInt16);
    QVERIFY(!v.hasUniformRescale());
    QCOMPARE(v.slice(2).rescaleSlope, 2.0);
    QCOMPARE(v.slice(3).rescaleSlope, 1.0);
    QCOMPARE(loader.warnings().size(), 1);
    QVERIFY(loader.geometry().warnings.isEmpty());
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 6);
}

void TestVolumeLoader::firstSlice_signalledBeforeFinished()
{
    const Case c = generate(QStringLiteral("regular"));
    VolumeLoader loader;
    QStringList events;
    int firstSlice = -1;
    bool firstWasLoaded = false;
    int lastLoaded = 0;
    QPair<int, int> lastProgress;
    connect(&loader, &VolumeLoader::firstSliceReady, this, [&](int slice) {
        events << QStringLiteral("first");
        firstSlice = slice;
        firstWasLoaded = loader.volume() && loader.volume()->isSliceLoaded(slice);
    });
    connect(&loader, &VolumeLoader::slicesLoaded, this, [&](int count) { lastLoaded = count; });
    connect(&loader, &VolumeLoader::progress, this, [&](int done, int total) { lastProgress = {done, total}; });
    connect(&loader, &VolumeLoader::finished, this, [&](const QStringList &) { events << QStringLiteral("finished"); });
    QVERIFY(loadAndWait(loader, c.files));
    QCOMPARE(events, (QStringList {QStringLiteral("first"), QStringLiteral("finished")}));
    QCOMPARE(firstSlice, 6);
    QCOMPARE(loader.initialSlice(), 6);
    QVERIFY(firstWasLoaded);
    QCOMPARE(lastLoaded, 12);
    QCOMPARE(lastProgress, qMakePair(12, 12));
    QVERIFY(!loader.isLoading());
}

void TestVolumeLoader::preview_middleFileOnScreenBeforeTheHeaderPassEnds()
{
    const Case c = generate(QStringLiteral("regular"));
    // The browser and --view give files in instance-number order, which on a scanner follows the table position.
    // This case shuffles its instance numbers on purpose, so order the list by position as a scanner's would be.
    QStringList files = c.files;
    std::sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        return FrameDecoder::readInfo(a)->position[2] < FrameDecoder::readInfo(b)->position[2];
    });
    VolumeLoader loader;
    loader.setThreadCount(1); // the preview is queued before the header pass: with one thread it surely wins
    QStringList events;
    std::shared_ptr<Volume> preview;
    connect(&loader, &VolumeLoader::previewReady, this, [&] {
        events << QStringLiteral("preview");
        preview = loader.previewVolume();
        QVERIFY(preview);
        QVERIFY(!loader.volume()); // the full volume is not built yet
        QCOMPARE(loader.previewInfo()->path, files.at(6));
    });
    connect(&loader, &VolumeLoader::firstSliceReady, this, [&](int) { events << QStringLiteral("first"); });
    QVERIFY(loadAndWait(loader, files));
    QCOMPARE(events, (QStringList {QStringLiteral("preview"), QStringLiteral("first")}));
    QVERIFY(preview);
    QCOMPARE(preview->depth(), 1);
    QCOMPARE(preview->width(), 32);
    QCOMPARE(preview->height(), 24);
    QVERIFY(preview->isSliceLoaded(0));
    QCOMPARE(compareWithPydicom(*preview, expectationsOf(c.files)), 1);
    // The same slice as the full volume's first one, values and geometry.
    const Volume &full = *loader.volume();
    const int middle = loader.initialSlice();
    QCOMPARE(full.slice(middle).path, preview->slice(0).path);
    for (int y = 0; y < 24; y += 5)
        for (int x = 0; x < 32; x += 7)
            QCOMPARE(voxel(*preview, x, y, 0), voxel(full, x, y, middle));
    QVERIFY(near(preview->spacing()[0], full.spacing()[0]) && near(preview->spacing()[1], full.spacing()[1]));
    for (int i = 0; i < 9; ++i)
        QVERIFY(near(preview->direction()[i], full.direction()[i]));
    // Superseded once the full volume is there.
    QVERIFY(!loader.previewVolume());
    QVERIFY(!loader.previewInfo());

    // Listed head first (instance numbers counting down the table): the list's middle file is the stack's slice
    // 5, not its middle 6. The volume starts at the preview's slice, so the viewer goes on showing the same image.
    std::reverse(files.begin(), files.end());
    VolumeLoader reversed;
    reversed.setThreadCount(1);
    QSignalSpy reversedPreview(&reversed, &VolumeLoader::previewReady);
    QVERIFY(loadAndWait(reversed, files));
    QCOMPARE(reversedPreview.count(), 1);
    QCOMPARE(reversed.initialSlice(), 5);
    QCOMPARE(reversed.volume()->slice(5).path, files.at(6));
    QCOMPARE(reversed.volume()->slice(5).position[2], reversed.volume()->slice(6).position[2] - 2.5);

    // Two files: no preview (the header pass is as quick).
    VolumeLoader small;
    QSignalSpy previews(&small, &VolumeLoader::previewReady);
    QVERIFY(loadAndWait(small, files.mid(0, 2)));
    QCOMPARE(previews.count(), 0);
}

void TestVolumeLoader::addFiles_insertInPlaceAndViewerKeepsItsSlice()
{
    const Case c = generate(QStringLiteral("regular"));
    const QHash<QString, FileExpect> expected = expectationsOf(c.files);
    // Physical slice k lies at z = -30 + 2.5 k; the first batch holds k = 2, 4, 6, 8; the rest arrive later,
    // below, between and above them.
    QStringList first;
    QStringList later;
    for (const QString &f : c.files) {
        const int k = int(std::lround((expected.value(f).frames.value(0).position[2] + 30) / 2.5));
        (k >= 2 && k <= 8 && k % 2 == 0 ? first : later) << f;
    }
    QCOMPARE(first.size(), 4);

    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, first));
    std::shared_ptr<Volume> volume = loader.volume();
    QCOMPARE(volume->depth(), 4);
    const std::uint64_t generation = volume->generation();

    // A viewer showing slice 1 (z = -20) follows the insertions.
    int current = 1;
    const std::uint64_t shownId = volume->slice(current).id;
    int inserted = 0;
    connect(&loader, &VolumeLoader::slicesInserted, this, [&](int position, int count) {
        QVERIFY(position >= 0 && count > 0);
        QCOMPARE(volume->slice(position).id != shownId, true);
        if (current >= position)
            current += count;
        inserted += count;
    });
    QSignalSpy finished(&loader, &VolumeLoader::finished);
    loader.addFiles(later);
    QVERIFY(finished.wait(60000));
    QCOMPARE(inserted, 8);
    QCOMPARE(volume.get(), loader.volume().get());
    QCOMPARE(volume->depth(), 12);
    QCOMPARE(volume->loadedCount(), 12);
    QVERIFY(volume->generation() != generation);
    QCOMPARE(volume->slice(current).id, shownId);
    QCOMPARE(current, 4);
    for (int k = 0; k < 12; ++k)
        QVERIFY(near(volume->slice(k).position[2], -30 + 2.5 * k));
    QCOMPARE(compareWithPydicom(*volume, expected), 12);
    QVERIFY(near(volume->origin()[2], -30));
    QVERIFY(near(volume->spacing()[2], 2.5));
    QVERIFY(loader.warnings().isEmpty());

    // The same instances again: nothing changes.
    QSignalSpy insertedAgain(&loader, &VolumeLoader::slicesInserted);
    loader.addFiles(later);
    QVERIFY(finished.wait(60000));
    QCOMPARE(insertedAgain.count(), 0);
    QCOMPARE(volume->depth(), 12);
}

void TestVolumeLoader::addFiles_whileHeadersAreRead_endInOneStack()
{
    const Case c = generate(QStringLiteral("regular"));
    VolumeLoader loader;
    QSignalSpy finished(&loader, &VolumeLoader::finished);
    loader.load(c.files.mid(0, 5));
    loader.addFiles(c.files.mid(5));
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY(!loader.isLoading());
    const Volume &v = *loader.volume();
    QCOMPARE(v.depth(), 12);
    QCOMPARE(v.loadedCount(), 12);
    for (int k = 0; k < 12; ++k)
        QVERIFY(near(v.slice(k).position[2], -30 + 2.5 * k));
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 12);
}

void TestVolumeLoader::corruptFiles_reportedAndTheRestLoads()
{
    const Case c = generate(QStringLiteral("corrupt"));
    QCOMPARE(c.files.size(), 10);
    VolumeLoader loader;
    QVERIFY(loadAndWait(loader, c.files));
    const Volume &v = *loader.volume();
    // The random file has no readable header: it is not in the stack. The cut-short one is (its header is fine)
    // but stays empty and Failed.
    QCOMPARE(v.depth(), 9);
    QCOMPARE(v.loadedCount(), 8);
    int failed = 0;
    for (int k = 0; k < v.depth(); ++k) {
        if (v.sliceState(k) == Volume::SliceState::Failed) {
            ++failed;
            QCOMPARE(k, 8);
        }
    }
    QCOMPARE(failed, 1);
    const QStringList errors = loader.fileErrors();
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.filter(QStringLiteral("garbage.dcm")).size() == 1, qPrintable(errors.join(u'\n')));
    QCOMPARE(loader.warnings(), errors);
    QCOMPARE(compareWithPydicom(v, expectationsOf(c.files)), 8);
}

void TestVolumeLoader::destroyedMidLoad_noThreadWritesAfterwards()
{
    QTemporaryDir dir;
    const ToolResult r = run(python(), {sourceDir() + "/tests/tools/make_series.py", "80", "256", "1", dir.path()});
    QCOMPARE(r.exitCode, 0);
    QStringList files;
    for (const QFileInfo &fi : QDir(dir.filePath("st000/se00")).entryInfoList({QStringLiteral("*.dcm")}))
        files << fi.absoluteFilePath();
    QCOMPARE(files.size(), 80);

    std::shared_ptr<Volume> volume;
    {
        VolumeLoader loader;
        QSignalSpy first(&loader, &VolumeLoader::firstSliceReady);
        loader.load(files);
        QVERIFY(first.wait(60000));
        volume = loader.volume();
    } // destroyed while decoding: cancels and waits
    QVERIFY(volume);
    const int loadedAtDestruction = volume->loadedCount();
    QVERIFY(loadedAtDestruction >= 1);
    QTest::qWait(200);
    QCOMPARE(volume->loadedCount(), loadedAtDestruction); // nothing writes any more
    QCOMPARE(volume->depth(), 80);
}

void TestVolumeLoader::geometry_pureComputation()
{
    // Straight from the struct: two slices with no gap variation, no warnings; empty input, empty order.
    QVERIFY(SeriesGeometry::compute({}).order.isEmpty());
    SeriesGeometry::Slice a;
    a.rows = a.columns = 4;
    a.hasPosition = a.hasOrientation = true;
    a.orientation = {1, 0, 0, 0, 1, 0};
    SeriesGeometry::Slice b = a;
    b.source = 1;
    b.position = {0, 0, -1.25};
    const SeriesGeometry::Result r = SeriesGeometry::compute({a, b});
    QCOMPARE(r.order, (QList<int> {1, 0}));
    QVERIFY(r.warnings.isEmpty());
    QVERIFY(near(r.spacing[2], 1.25));
    QVERIFY(near(r.origin[2], -1.25));
    QCOMPARE(SeriesGeometry::orientationName({1, 0, 0, 0, 0, -1}), QStringLiteral("coronal"));
    // 0.3° off is the same orientation, 2° is not.
    const double small = std::sin(0.3 * M_PI / 180);
    const double large = std::sin(2.0 * M_PI / 180);
    QVERIFY(SeriesGeometry::sameOrientation({1, 0, 0, 0, 1, 0}, {1, 0, 0, 0, std::cos(0.3 * M_PI / 180), small}));
    QVERIFY(!SeriesGeometry::sameOrientation({1, 0, 0, 0, 1, 0}, {1, 0, 0, 0, std::cos(2.0 * M_PI / 180), large}));
}

QTEST_GUILESS_MAIN(TestVolumeLoader)
#include "tst_volumeloader.moc"
