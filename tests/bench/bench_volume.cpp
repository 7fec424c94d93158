// Volume loading benchmark, one measurement per process (so each peak RSS is its own):
//   bench_volume peer FILES.txt     plain single-threaded DCMTK: loadFile + getUncompressedFrame into one buffer
//   bench_volume loader FILES.txt   lightbox::VolumeLoader: headers, order, first slice, parallel decode
// Prints one line of key=value pairs: seconds to the first slice and to the whole volume, voxel bytes, VmHWM.
// bench_volume.sh runs both, interleaved, and prints the ratios.

#include "core/imaging/Volume.h"
#include "core/imaging/VolumeLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

long vmHwmKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QStringList readList(const QString &path)
{
    QStringList files;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return files;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            files << QString::fromLocal8Bit(line.trimmed());
    }
    return files;
}

int runPeer(const QStringList &files)
{
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<char, decltype(&std::free)> buffer(nullptr, &std::free);
    std::size_t frameBytes = 0;
    double first = -1;
    for (int i = 0; i < files.size(); ++i) {
        DcmFileFormat file;
        if (file.loadFile(OFFilename(QFile::encodeName(files[i]).constData())).bad())
            return std::fprintf(stderr, "peer: cannot read %s\n", qPrintable(files[i])), 2;
        DcmDataset *dataset = file.getDataset();
        Uint16 rows = 0;
        Uint16 columns = 0;
        Uint16 bits = 0;
        dataset->findAndGetUint16(DCM_Rows, rows);
        dataset->findAndGetUint16(DCM_Columns, columns);
        dataset->findAndGetUint16(DCM_BitsAllocated, bits);
        if (!buffer) {
            frameBytes = std::size_t(rows) * columns * (bits / 8);
            buffer.reset(static_cast<char *>(std::calloc(frameBytes * std::size_t(files.size()), 1)));
        }
        DcmElement *element = nullptr;
        if (dataset->findAndGetElement(DCM_PixelData, element).bad() || !element)
            return std::fprintf(stderr, "peer: no pixel data in %s\n", qPrintable(files[i])), 2;
        Uint32 startFragment = 0;
        OFString colorModel;
        if (element
                ->getUncompressedFrame(dataset, 0, startFragment, buffer.get() + frameBytes * std::size_t(i),
                                       Uint32(frameBytes), colorModel)
                .bad())
            return std::fprintf(stderr, "peer: cannot decode %s\n", qPrintable(files[i])), 2;
        if (i == 0)
            first = clock.nsecsElapsed() / 1e9;
    }
    const double total = clock.nsecsElapsed() / 1e9;
    std::printf("mode=peer files=%lld first_s=%.3f total_s=%.3f voxel_bytes=%zu vmhwm_kb=%ld\n",
                static_cast<long long>(files.size()), first, total, frameBytes * std::size_t(files.size()), vmHwmKb());
    return 0;
}

int runLoader(const QStringList &files)
{
    lightbox::VolumeLoader loader;
    QElapsedTimer clock;
    double first = -1;
    double total = -1;
    QObject::connect(&loader, &lightbox::VolumeLoader::firstSliceReady, &loader,
                     [&](int) { first = clock.nsecsElapsed() / 1e9; });
    QObject::connect(&loader, &lightbox::VolumeLoader::finished, &loader, [&](const QStringList &) {
        total = clock.nsecsElapsed() / 1e9;
        QCoreApplication::quit();
    });
    clock.start();
    loader.load(files);
    QCoreApplication::exec();
    const std::shared_ptr<lightbox::Volume> volume = loader.volume();
    if (!volume || volume->loadedCount() != files.size()) {
        std::fprintf(stderr, "loader: %d of %lld slices loaded; %s\n", volume ? volume->loadedCount() : 0,
                     static_cast<long long>(files.size()), qPrintable(loader.warnings().join(u'\n')));
        return 2;
    }
    std::printf("mode=loader files=%lld first_s=%.3f total_s=%.3f voxel_bytes=%zu vmhwm_kb=%ld warnings=%lld\n",
                static_cast<long long>(files.size()), first, total, volume->byteSize(), vmHwmKb(),
                static_cast<long long>(loader.warnings().size()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || (args[1] != QLatin1String("peer") && args[1] != QLatin1String("loader"))) {
        std::fprintf(stderr, "usage: bench_volume peer|loader FILES.txt\n");
        return 2;
    }
    const QStringList files = readList(args[2]);
    if (files.isEmpty()) {
        std::fprintf(stderr, "no files listed in %s\n", qPrintable(args[2]));
        return 2;
    }
    return args[1] == QLatin1String("peer") ? runPeer(files) : runLoader(files);
}
