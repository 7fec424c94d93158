#include "core/imaging/VolumeLoader.h"

#include "core/imaging/FrameDecoder.h"

#include <QFileInfo>
#include <QLocale>
#include <QMutexLocker>
#include <QThread>
#include <QtConcurrent>

#include <algorithm>
#include <numeric>
#include <utility>

namespace lightbox {
namespace {

// Series this long get a preview slice decoded during the header pass (shorter ones load about as fast).
constexpr qsizetype kMinPreviewFiles = 3;

// Progress signals at most this often: a 2,000-slice series does not repaint the viewer 2,000 times.
constexpr int kCoalesceMs = 40;

// A volume's pixel format: sample type and samples per pixel.
struct Format
{
    SampleType type = SampleType::UInt8;
    int components = 1;
    bool operator==(const Format &) const = default;
};

Format formatOf(const ImageInfo &info)
{
    return info.isColor() ? Format {SampleType::UInt8, 3} : Format {FrameDecoder::sampleType(info), 1};
}

QString formatName(const Format &format)
{
    if (format.components == 3)
        return VolumeLoader::tr("colour");
    switch (format.type) {
    case SampleType::UInt8:
        return VolumeLoader::tr("unsigned 8-bit");
    case SampleType::Int8:
        return VolumeLoader::tr("signed 8-bit");
    case SampleType::UInt16:
        return VolumeLoader::tr("unsigned 16-bit");
    case SampleType::Int16:
        return VolumeLoader::tr("signed 16-bit");
    case SampleType::UInt32:
        return VolumeLoader::tr("unsigned 32-bit");
    case SampleType::Int32:
        return VolumeLoader::tr("signed 32-bit");
    case SampleType::Float32:
        return VolumeLoader::tr("floating-point");
    }
    return {};
}

} // namespace

struct VolumeLoader::Header
{
    std::optional<ImageInfo> info;
    QString error;
};

struct VolumeLoader::HeaderBatch
{
    QStringList files;
    QList<int> indices; // QtConcurrent::map iterates this in place: it must outlive the work
    std::vector<Header> headers;
    bool adding = false;
};

struct VolumeLoader::Job
{
    std::uint64_t id = 0;
    int frame = 0;
    std::shared_ptr<const ImageInfo> info;
};

struct VolumeLoader::Progress
{
    std::atomic<bool> cancelled {false};
    std::atomic<int> done {0};
    std::atomic<bool> flushPending {false};
    int total = 0; // owner thread only
};

VolumeLoader::VolumeLoader(QObject *parent)
    : QObject(parent)
    , m_progress(std::make_shared<Progress>())
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kCoalesceMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &VolumeLoader::flushProgress);
}

VolumeLoader::~VolumeLoader()
{
    cancel();
}

void VolumeLoader::cancel()
{
    m_progress->cancelled = true;
    for (QFuture<void> &future : m_futures)
        future.cancel();
    m_pool.waitForDone();
    m_futures.clear();
    // Watchers of the cancelled work see a stale Progress and do nothing.
    m_progress = std::make_shared<Progress>();
    m_readingHeaders = false;
    m_runningBatches = 0;
    m_queuedAdditions.clear();
    m_loading = false;
    m_flushTimer.stop();
}

void VolumeLoader::load(const QStringList &files)
{
    cancel();
    m_volume.reset();
    m_entries.clear();
    m_geometry = {};
    m_exclusionWarnings.clear();
    m_warnings.clear();
    {
        QMutexLocker lock(&m_errorsMutex);
        m_fileErrors.clear();
    }
    m_initialSlice = -1;
    m_initialId = 0;
    m_firstSliceSignalled = false;
    m_preview.reset();
    m_previewPath.clear();
    m_loading = true;
    // The preview's decode is queued first, so one pool thread takes it while the others read headers.
    if (files.size() >= kMinPreviewFiles) {
        m_previewPath = files.at(files.size() / 2);
        startPreview(m_previewPath);
    }
    readHeaders(files, false);
}

void VolumeLoader::addFiles(const QStringList &files)
{
    if (files.isEmpty())
        return;
    if (!m_volume && !m_readingHeaders) {
        load(files);
        return;
    }
    m_loading = true;
    if (m_readingHeaders) {
        m_queuedAdditions << files;
        return;
    }
    readHeaders(files, true);
}

QStringList VolumeLoader::warnings() const
{
    return m_warnings + fileErrors();
}

QStringList VolumeLoader::fileErrors() const
{
    QMutexLocker lock(&m_errorsMutex);
    return m_fileErrors;
}

template<typename T, typename Done> void VolumeLoader::watch(const QFuture<T> &future, Done done)
{
    m_futures << QFuture<void>(future);
    auto *watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcher<T>::finished, this,
            [this, watcher, progress = m_progress, done = std::move(done)]() {
                watcher->deleteLater();
                if (progress != m_progress || progress->cancelled)
                    return;
                m_futures.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
                done();
            });
    watcher->setFuture(future);
}

void VolumeLoader::readHeaders(const QStringList &files, bool adding)
{
    auto batch = std::make_shared<HeaderBatch>();
    batch->files = files;
    batch->headers.resize(std::size_t(files.size()));
    batch->adding = adding;
    batch->indices.resize(files.size());
    std::iota(batch->indices.begin(), batch->indices.end(), 0);
    m_readingHeaders = true;
    const std::shared_ptr<Progress> progress = m_progress;
    QFuture<void> future = QtConcurrent::map(&m_pool, batch->indices, [batch, progress](int i) {
        if (progress->cancelled)
            return;
        Header &header = batch->headers[std::size_t(i)];
        // Read-only access: QList's non-const operator[] detaches, and the threads would detach the shared list
        // at the same time (a crash seen once in some hundred opens).
        header.info = FrameDecoder::readInfo(std::as_const(batch->files).at(i), &header.error);
    });
    watch(future, [this, batch]() { onHeadersRead(*batch); });
}

void VolumeLoader::startPreview(const QString &file)
{
    struct Preview
    {
        std::optional<ImageInfo> info;
        std::shared_ptr<Volume> volume;
    };
    auto preview = std::make_shared<Preview>();
    const std::shared_ptr<Progress> progress = m_progress;
    QFuture<void> future = QtConcurrent::run(&m_pool, [file, preview, progress] {
        if (progress->cancelled)
            return;
        std::optional<ImageInfo> info = FrameDecoder::readInfo(file);
        if (!info || info->frames > 1 || info->rows < 1 || info->columns < 1)
            return; // the header pass reports what is wrong with it
        const Format format = formatOf(*info);
        auto volume = std::make_shared<Volume>(format.type, format.components, info->columns, info->rows);
        Volume::SliceInfo slice {1,
                                 info->path,
                                 0,
                                 info->instanceNumber.toInt(),
                                 info->hasPosition,
                                 info->position,
                                 info->rescaleSlope,
                                 info->rescaleIntercept};
        volume->insertSlices(0, {slice});
        const bool decoded = volume->writeSlice(1, [&](void *dest, std::size_t bytes) {
            return FrameDecoder::decodeInto(file, 0, *info, dest, bytes, nullptr);
        });
        if (!decoded)
            return;
        // Geometry of the one slice: rows and columns along the orientation, the normal their cross product.
        const auto &o = info->orientation;
        std::array<double, 3> row {1, 0, 0}, column {0, 1, 0};
        if (info->hasOrientation) {
            row = {o[0], o[1], o[2]};
            column = {o[3], o[4], o[5]};
        }
        const std::array<double, 3> normal {row[1] * column[2] - row[2] * column[1],
                                            row[2] * column[0] - row[0] * column[2],
                                            row[0] * column[1] - row[1] * column[0]};
        const double thickness = info->sliceThickness > 0 ? info->sliceThickness : 1.0;
        volume->setGeometry({info->columnSpacing, info->rowSpacing, thickness},
                            info->hasPosition ? info->position : std::array<double, 3> {},
                            {row[0], column[0], normal[0], row[1], column[1], normal[1], row[2], column[2], normal[2]});
        preview->info = std::move(info);
        preview->volume = std::move(volume);
    });
    watch(future, [this, preview]() {
        // Useful only while the full volume is not there yet.
        if (m_volume || !preview->volume)
            return;
        m_preview = preview->volume;
        m_previewInfo = *preview->info;
        emit previewReady();
    });
}

void VolumeLoader::reportFileError(const QString &path, const QString &reason)
{
    const QString line = tr("%1: %2").arg(QFileInfo(path).fileName(), reason);
    QMutexLocker lock(&m_errorsMutex);
    if (!m_fileErrors.contains(line))
        m_fileErrors << line;
}

QList<VolumeLoader::Entry> VolumeLoader::entriesOf(const HeaderBatch &batch)
{
    std::vector<std::shared_ptr<const ImageInfo>> infos;
    for (std::size_t i = 0; i < batch.headers.size(); ++i) {
        const Header &header = batch.headers[i];
        if (header.info)
            infos.push_back(std::make_shared<const ImageInfo>(*header.info));
        else
            reportFileError(batch.files[int(i)],
                            header.error.isEmpty() ? tr("The file cannot be read.") : header.error);
    }
    // A stable input order whatever the file names or the order given: repeated positions keep the lowest
    // instance number.
    std::sort(infos.begin(), infos.end(), [](const auto &a, const auto &b) {
        return std::pair(a->instanceNumber.toInt(), a->path) < std::pair(b->instanceNumber.toInt(), b->path);
    });

    QList<Entry> entries;
    for (const std::shared_ptr<const ImageInfo> &shared : infos) {
        const ImageInfo &info = *shared;
        const int source = m_nextSource++;
        const int frames = std::max(info.frames, 1);
        const bool perFramePositions = info.framePositions.size() == frames;
        for (int f = 0; f < frames; ++f) {
            Entry e;
            e.info = shared;
            e.frame = f;
            e.id = m_nextId++;
            SeriesGeometry::Slice &s = e.slice;
            s.source = source;
            s.frame = f;
            s.rows = info.rows;
            s.columns = info.columns;
            s.hasPosition = info.hasPosition || perFramePositions;
            s.position = perFramePositions ? info.framePositions[f] : info.position;
            s.hasOrientation = info.hasOrientation;
            s.orientation = info.orientation;
            s.hasPixelSpacing = info.hasPixelSpacing;
            s.rowSpacing = info.rowSpacing;
            s.columnSpacing = info.columnSpacing;
            s.sliceThickness = info.sliceThickness;
            s.spacingBetweenSlices = info.spacingBetweenSlices;
            s.instanceNumber = info.instanceNumber.toInt();
            entries << e;
        }
    }
    return entries;
}

void VolumeLoader::onHeadersRead(const HeaderBatch &batch)
{
    m_readingHeaders = false;
    const QList<Entry> entries = entriesOf(batch);
    if (batch.adding && m_volume)
        insertIntoVolume(entries);
    else
        buildVolume(entries);
    if (!m_queuedAdditions.isEmpty())
        readHeaders(std::exchange(m_queuedAdditions, {}), true);
    finishIfIdle();
}

void VolumeLoader::buildVolume(const QList<Entry> &candidates)
{
    m_preview.reset(); // superseded, whatever happens below
    // One pixel format per volume: the most common one.
    QList<std::pair<Format, int>> counts;
    for (const Entry &e : candidates) {
        const Format f = formatOf(*e.info);
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto &c) { return c.first == f; });
        if (it == counts.end())
            counts.append({f, 1});
        else
            ++it->second;
    }
    if (counts.isEmpty())
        return;
    const Format format = std::max_element(counts.begin(), counts.end(), [](const auto &a, const auto &b) {
                              return a.second < b.second;
                          })->first;
    QList<Entry> usable;
    for (const Entry &e : candidates) {
        if (formatOf(*e.info) == format) {
            usable << e;
        } else if (e.frame == 0) {
            reportFileError(e.info->path,
                            tr("Its pixels are %1 where the rest of the series is %2; it is left out.")
                                .arg(formatName(formatOf(*e.info)), formatName(format)));
        }
    }

    QList<SeriesGeometry::Slice> slices;
    for (const Entry &e : usable)
        slices << e.slice;
    m_geometry = SeriesGeometry::compute(slices);
    if (m_geometry.order.isEmpty())
        return;

    QList<Volume::SliceInfo> sliceInfos;
    for (int i : m_geometry.order) {
        const Entry &e = usable[i];
        m_entries << e;
        sliceInfos << Volume::SliceInfo {e.id,
                                         e.info->path,
                                         e.frame,
                                         e.slice.instanceNumber,
                                         e.slice.hasPosition,
                                         e.slice.position,
                                         e.info->rescaleSlope,
                                         e.info->rescaleIntercept};
    }
    const Entry &first = m_entries.first();
    m_volume = std::make_shared<Volume>(format.type, format.components, first.info->columns, first.info->rows);
    m_volume->insertSlices(0, sliceInfos);
    m_volume->setGeometry(m_geometry.spacing, m_geometry.origin, m_geometry.direction);
    // The middle of the stack, or rather the preview's file where one was shown: the viewer then goes on showing
    // the very slice it shows already (files listed by instance number are often in reverse slice order, which
    // puts the list's middle file one slice off the stack's middle).
    m_initialSlice = m_volume->depth() / 2;
    if (!m_previewPath.isEmpty()) {
        const auto preview = std::find_if(m_entries.cbegin(), m_entries.cend(), [this](const Entry &e) {
            return e.frame == 0 && e.info->path == m_previewPath;
        });
        if (preview != m_entries.cend() && std::abs(int(preview - m_entries.cbegin()) - m_initialSlice) <= 1)
            m_initialSlice = int(preview - m_entries.cbegin());
    }
    m_initialId = m_entries[m_initialSlice].id;
    updateWarnings();

    // The first slice shown first, then outwards from it, so scrolling from there finds slices ready.
    QList<Entry> decodeOrder {m_entries[m_initialSlice]};
    for (int step = 1; decodeOrder.size() < m_entries.size(); ++step) {
        if (m_initialSlice + step < m_entries.size())
            decodeOrder << m_entries[m_initialSlice + step];
        if (m_initialSlice - step >= 0)
            decodeOrder << m_entries[m_initialSlice - step];
    }
    startDecoding(decodeOrder);
}

void VolumeLoader::insertIntoVolume(const QList<Entry> &candidates)
{
    const Entry &reference = m_entries.first();
    const Format format {m_volume->sampleType(), m_volume->components()};
    QList<Entry> fitting;
    for (const Entry &e : candidates) {
        const bool known = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &k) {
            return k.frame == e.frame
                && (k.info->path == e.info->path
                    || (!k.info->sopInstanceUid.isEmpty() && k.info->sopInstanceUid == e.info->sopInstanceUid));
        });
        if (known)
            continue; // received again: nothing new
        QString misfit;
        if (formatOf(*e.info) != format)
            misfit = tr("Its pixels are %1 where the series shown is %2.")
                         .arg(formatName(formatOf(*e.info)), formatName(format));
        else if (e.info->rows != reference.info->rows || e.info->columns != reference.info->columns)
            misfit = tr("It is %1 × %2 pixels where the series shown is %3 × %4.")
                         .arg(QString::number(e.info->columns), QString::number(e.info->rows),
                              QString::number(reference.info->columns), QString::number(reference.info->rows));
        else if (e.slice.hasOrientation && reference.slice.hasOrientation
                 && !SeriesGeometry::sameOrientation(e.slice.orientation, reference.slice.orientation))
            misfit = tr("It is %1 where the series shown is %2.")
                         .arg(SeriesGeometry::orientationName(e.slice.orientation),
                              SeriesGeometry::orientationName(reference.slice.orientation));
        if (misfit.isEmpty())
            fitting << e;
        else if (e.frame == 0)
            reportFileError(e.info->path, tr("It does not fit the series shown and is left out. %1").arg(misfit));
    }
    if (fitting.isEmpty())
        return;

    // Order old and new together; the old slices keep their relative order, so the new ones are insertions.
    QList<SeriesGeometry::Slice> slices;
    for (const Entry &e : m_entries)
        slices << e.slice;
    for (const Entry &e : fitting)
        slices << e.slice;
    SeriesGeometry::Result geometry = SeriesGeometry::compute(slices);
    const int oldCount = int(m_entries.size());
    QList<int> oldSeen;
    for (int i : geometry.order) {
        if (i < oldCount)
            oldSeen << i;
    }
    if (oldSeen.size() != oldCount || !std::is_sorted(oldSeen.begin(), oldSeen.end())) {
        // The stack cannot absorb these slices without reordering what is shown: append them instead.
        geometry = m_geometry;
        geometry.order.clear();
        for (int i = 0; i < slices.size(); ++i)
            geometry.order << i;
    }

    auto entryAt = [&](int i) -> const Entry & { return i < oldCount ? m_entries[i] : fitting[i - oldCount]; };
    QList<Entry> ordered;
    QList<Entry> added;
    QList<std::pair<int, int>> runs; // position, count
    for (int position = 0; position < geometry.order.size(); ++position) {
        const int i = geometry.order[position];
        ordered << entryAt(i);
        if (i < oldCount)
            continue;
        added << entryAt(i);
        if (!runs.isEmpty() && runs.last().first + runs.last().second == position)
            ++runs.last().second;
        else
            runs.append({position, 1});
    }
    m_entries = ordered;
    m_geometry = geometry;
    for (const auto &[position, count] : runs) {
        QList<Volume::SliceInfo> infos;
        for (int k = position; k < position + count; ++k) {
            const Entry &e = m_entries[k];
            infos << Volume::SliceInfo {e.id,
                                        e.info->path,
                                        e.frame,
                                        e.slice.instanceNumber,
                                        e.slice.hasPosition,
                                        e.slice.position,
                                        e.info->rescaleSlope,
                                        e.info->rescaleIntercept};
        }
        m_volume->insertSlices(position, infos);
    }
    m_volume->setGeometry(m_geometry.spacing, m_geometry.origin, m_geometry.direction);
    m_initialSlice = m_volume->indexOf(m_initialId);
    updateWarnings();
    for (const auto &[position, count] : runs)
        emit slicesInserted(position, count);
    startDecoding(added);
}

void VolumeLoader::updateWarnings()
{
    QStringList current;
    for (const SeriesGeometry::Warning &w : m_geometry.warnings) {
        const bool exclusion = w.issue == SeriesGeometry::Issue::MixedOrientations
            || w.issue == SeriesGeometry::Issue::MixedSizes || w.issue == SeriesGeometry::Issue::DuplicatePositions;
        if (!exclusion)
            current << w.text;
        else if (!m_exclusionWarnings.contains(w.text))
            m_exclusionWarnings << w.text;
    }
    m_warnings = m_exclusionWarnings + current;
    if (m_volume && !m_volume->hasUniformRescale()) {
        double lowest = m_volume->slice(0).rescaleSlope;
        double highest = lowest;
        for (int k = 1; k < m_volume->depth(); ++k) {
            lowest = std::min(lowest, m_volume->slice(k).rescaleSlope);
            highest = std::max(highest, m_volume->slice(k).rescaleSlope);
        }
        m_warnings << tr("The slices store their values with different rescale slopes or intercepts (slopes %1 to "
                         "%2). Each slice's own values are used for readouts, but one window applies to all slices: "
                         "some may look brighter or darker than they are.")
                          .arg(QLocale().toString(lowest, 'g', 6), QLocale().toString(highest, 'g', 6));
    }
}

void VolumeLoader::startDecoding(const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return;
    QList<Job> jobs;
    for (const Entry &e : entries)
        jobs << Job {e.id, e.frame, e.info};
    const std::shared_ptr<Progress> progress = m_progress;
    progress->total += int(jobs.size());
    const std::shared_ptr<Volume> volume = m_volume;
    const std::uint64_t initialId = m_initialId;
    QFuture<bool> future
        = QtConcurrent::mapped(&m_pool, std::move(jobs), [this, volume, progress, initialId](const Job &job) {
              if (progress->cancelled)
                  return false;
              QString error;
              const bool ok = volume->writeSlice(job.id, [&](void *dest, std::size_t bytes) {
                  return FrameDecoder::decodeInto(job.info->path, job.frame, *job.info, dest, bytes, &error);
              });
              if (!ok) {
                  const QString reason = error.isEmpty() ? tr("The image cannot be decoded.") : error;
                  reportFileError(job.info->path,
                                  job.info->frames > 1 ? tr("Frame %1: %2").arg(QString::number(job.frame + 1), reason)
                                                       : reason);
              }
              ++progress->done;
              if (job.id == initialId)
                  QMetaObject::invokeMethod(
                      this,
                      [this, progress]() {
                          if (progress == m_progress)
                              signalFirstSlice();
                      },
                      Qt::QueuedConnection);
              scheduleFlush(progress);
              return ok;
          });
    ++m_runningBatches;
    watch(future, [this]() { onBatchFinished(); });
}

void VolumeLoader::signalFirstSlice()
{
    if (m_firstSliceSignalled || !m_volume)
        return;
    m_firstSliceSignalled = true;
    emit firstSliceReady(m_initialSlice);
}

void VolumeLoader::scheduleFlush(const std::shared_ptr<Progress> &progress)
{
    if (progress->flushPending.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this, progress]() {
            if (progress == m_progress && !m_flushTimer.isActive())
                m_flushTimer.start();
        },
        Qt::QueuedConnection);
}

void VolumeLoader::flushProgress()
{
    m_progress->flushPending = false;
    if (!m_volume)
        return;
    emit slicesLoaded(m_volume->loadedCount());
    emit progress(m_progress->done, m_progress->total);
}

void VolumeLoader::onBatchFinished()
{
    --m_runningBatches;
    finishIfIdle();
}

void VolumeLoader::finishIfIdle()
{
    if (!m_loading || m_readingHeaders || m_runningBatches > 0)
        return;
    m_flushTimer.stop();
    signalFirstSlice();
    flushProgress();
    m_loading = false;
    emit finished(warnings());
}

} // namespace lightbox
