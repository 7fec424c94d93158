#include "ui/viewer/ViewportPane.h"

#include "core/imaging/Volume.h"
#include "core/imaging/VolumeLoader.h"
#include "core/index/IndexReader.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/MeasurementLayer.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

#include <limits>
#include <utility>

namespace lightbox {
namespace {

ViewportImage::Type viewportType(SampleType type, int components)
{
    if (components == 3)
        return ViewportImage::Type::Rgb8;
    switch (type) {
    case SampleType::UInt8:
        return ViewportImage::Type::UInt8;
    case SampleType::Int8:
        return ViewportImage::Type::Int8;
    case SampleType::UInt16:
        return ViewportImage::Type::UInt16;
    case SampleType::Int16:
        return ViewportImage::Type::Int16;
    case SampleType::UInt32:
        return ViewportImage::Type::UInt32;
    case SampleType::Int32:
        return ViewportImage::Type::Int32;
    case SampleType::Float32:
        return ViewportImage::Type::Float32;
    }
    return ViewportImage::Type::Int16;
}

} // namespace

QString ViewportPane::seriesMimeType()
{
    return QStringLiteral("application/x-lightbox-series");
}

ViewportPane::ViewportPane(QWidget *parent)
    : QWidget(parent)
    , m_viewport(new ImageViewport(this))
    , m_measurements(new MeasurementLayer(m_viewport))
    , m_status(new QLabel(this))
    , m_loader(std::make_unique<VolumeLoader>())
{
    setAcceptDrops(true);
    m_viewport->installEventFilter(this);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setStyleSheet(QStringLiteral("color: #bbb; background: black;"));
    // One line whatever its text: a long warning is cut (its tooltip has it all) rather than widening the window.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_status->setText(tr("Drag a series here"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(m_viewport, 1);
    layout->addWidget(m_status);
    setActive(false);

    connect(m_loader.get(), &VolumeLoader::previewReady, this, &ViewportPane::onPreview);
    connect(m_loader.get(), &VolumeLoader::firstSliceReady, this, &ViewportPane::onFirstSlice);
    connect(m_loader.get(), &VolumeLoader::slicesLoaded, this, &ViewportPane::onSlicesLoaded);
    // Slices decoded since the last draw: a slice scrolled to during the load is read fresh.
    connect(m_viewport, &ImageViewport::sliceChanged, this, [this] {
        if (m_loader->isLoading() && !m_settingSlice)
            m_viewport->refreshData();
    });
    connect(m_loader.get(), &VolumeLoader::slicesInserted, this, &ViewportPane::onSlicesInserted);
    connect(m_loader.get(), &VolumeLoader::progress, this, [this](int done, int total) {
        // In tenths: every text change repaints the window, and on a software renderer that costs the decoders.
        const int tenth = total > 0 ? done * 10 / total : 0;
        if (tenth != m_shownTenth || !m_status->isVisible()) {
            m_shownTenth = tenth;
            m_status->setText(tr("%1 · loading %2 %").arg(m_series.description).arg(tenth * 10));
            m_status->setVisible(true);
        }
        Q_EMIT loadProgress(done, total);
    });
    connect(m_loader.get(), &VolumeLoader::finished, this, [this](const QStringList &warnings) {
        updateImage(true);
        if (!m_loader->volume()) {
            m_status->setText(
                tr("This series cannot be shown: %1").arg(m_loader->fileErrors().join(QStringLiteral("; "))));
            m_status->setVisible(true);
        } else if (!warnings.isEmpty()) {
            m_status->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral(" · ")));
            m_status->setToolTip(warnings.join(QLatin1Char('\n')));
            m_status->setVisible(true);
        } else {
            // The line stays, with what is shown: were it hidden, the image would grow by its height and shift
            // as the load ends (and the renderer reallocate its framebuffers for the new size, twice an open).
            const int images = m_loader->volume()->depth();
            const QString count = images == 1 ? tr("1 image") : tr("%1 images").arg(images);
            m_status->setText(
                m_series.description.isEmpty() ? count : QStringLiteral("%1 · %2").arg(m_series.description, count));
            m_status->setToolTip({});
        }
        Q_EMIT loadFinished();
    });
}

ViewportPane::~ViewportPane()
{
    m_loader->cancel();
}

void ViewportPane::showSeries(const ViewerStudy &study, const ViewerSeries &series)
{
    m_study = study;
    m_series = series;
    m_info = {};
    m_generation = 0;
    m_previewShown = false;
    m_drawnSlice = -1;
    m_drawnReady = false;
    m_shownTenth = -1;
    m_viewport->setImage({});
    m_status->setText(tr("%1 · loading…").arg(series.description));
    m_status->setVisible(true);
    m_loader->load(series.files);
}

void ViewportPane::addFiles(const QStringList &files)
{
    QStringList fresh;
    for (const QString &f : files)
        if (!m_series.files.contains(f))
            fresh << f;
    if (fresh.isEmpty())
        return;
    m_series.files << fresh;
    m_loader->addFiles(fresh);
}

QStringList ViewportPane::warnings() const
{
    return m_loader->warnings();
}

bool ViewportPane::isLoading() const
{
    return m_loader->isLoading();
}

void ViewportPane::setMeasurementStore(IndexWriter *writer, const QString &indexPath)
{
    m_writer = writer;
    m_indexPath = indexPath;
    if (writer)
        m_measurements->useIndex(writer);
}

QImage ViewportPane::grabImage() const
{
    // The viewport's frames carry the measurements (MeasurementLayer paints into them).
    return m_viewport->grabImage();
}

void ViewportPane::updateMeasurementSlices(bool reload)
{
    const std::shared_ptr<Volume> volume = m_loader->volume();
    if (!volume)
        return;
    QHash<QString, QString> uidOfFile;
    for (int i = 0; i < m_series.files.size() && i < m_series.sopInstanceUids.size(); ++i)
        uidOfFile.insert(m_series.files.at(i), m_series.sopInstanceUids.at(i));
    QList<MeasurementLayer::SliceRef> slices;
    for (int i = 0; i < volume->depth(); ++i) {
        const Volume::SliceInfo &s = volume->slice(i);
        slices.append({uidOfFile.value(s.path), s.frame});
    }
    const QList<Measurement> kept = m_measurements->measurements();
    m_measurements->setSlices(
        slices, MeasurementLayer::calibrationOf(m_viewport->image(), m_info.hasPixelSpacing, m_info.rescaleType));
    if (!reload) {
        m_measurements->setMeasurements(kept);
        return;
    }
    if (m_indexPath.isEmpty())
        return;
    // Measurements drawn earlier come back from the index, read off the GUI thread.
    const QStringList uids = m_measurements->instanceUids();
    const QString indexPath = m_indexPath;
    auto *watcher = new QFutureWatcher<QList<Measurement>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, uids] {
        const QList<Measurement> stored = watcher->result();
        watcher->deleteLater();
        if (m_measurements->instanceUids() == uids)
            m_measurements->setMeasurements(stored);
    });
    watcher->setFuture(QtConcurrent::run([indexPath, uids] {
        IndexReader reader(indexPath);
        return reader.open() ? reader.measurementsFor(uids) : QList<Measurement> {};
    }));
}

void ViewportPane::onPreview()
{
    // The middle file, decoded while the loader still reads the other headers: on screen at once; the full volume
    // replaces it in place (same view, zoom and window) when its first slice is ready.
    const std::shared_ptr<Volume> preview = m_loader->previewVolume();
    if (!preview || m_viewport->image().isValid())
        return;
    m_info = *m_loader->previewInfo();
    updateImage(false, preview);
    m_generation = std::numeric_limits<quint64>::max(); // whatever its generation, the full volume is new
    m_previewShown = true;
    m_drawnSlice = 0;
    m_drawnReady = true;
    Q_EMIT firstImageShown();
}

void ViewportPane::onFirstSlice(int slice)
{
    const std::shared_ptr<Volume> volume = m_loader->volume();
    if (!volume || volume->depth() == 0)
        return;
    // The loader has read this header already: no second read on the GUI thread.
    if (const ImageInfo *info = m_loader->sliceInfo(slice))
        m_info = *info;
    const bool previewShown = std::exchange(m_previewShown, false);
    m_settingSlice = true; // the image has just been read: no second refresh
    updateImage(previewShown, {}, slice);
    if (previewShown)
        updateMeasurementSlices(true); // the preview knew one slice's measurements
    m_viewport->setSlice(slice);
    m_settingSlice = false;
    m_drawnSlice = slice;
    m_drawnReady = true;
    if (!previewShown)
        Q_EMIT firstImageShown();
}

void ViewportPane::onSlicesLoaded()
{
    // Redraw only when what is on screen changed: on a software renderer every frame costs both cores, which the
    // decoders need (drawing each coalesced batch made the viewer's load 1.3x a plain DCMTK load instead of 0.7x).
    const std::shared_ptr<Volume> volume = m_loader->volume();
    if (!volume || m_previewShown) // the preview stays until the full volume's first slice is decoded
        return;
    if (volume->generation() != m_generation || !m_viewport->image().isValid()) {
        updateImage(true);
        return;
    }
    const int slice = m_viewport->slice();
    const bool ready
        = slice >= 0 && slice < volume->depth() && volume->sliceState(slice) != Volume::SliceState::Pending;
    if (slice == m_drawnSlice && ready == m_drawnReady)
        return;
    m_drawnSlice = slice;
    m_drawnReady = ready;
    if (ready)
        m_viewport->refreshData();
}

void ViewportPane::onSlicesInserted(int position, int count)
{
    const int current = m_viewport->slice();
    updateImage(true);
    if (current >= position)
        m_viewport->setSlice(current + count);
}

void ViewportPane::updateImage(bool keepView, std::shared_ptr<Volume> volume, int slice)
{
    if (!volume)
        volume = m_loader->volume();
    if (!volume || volume->depth() == 0)
        return;
    if (keepView && m_viewport->image().isValid() && volume->generation() == m_generation) {
        m_viewport->refreshData();
        return;
    }
    const bool reloadMeasurements = !keepView || !m_viewport->image().isValid();
    m_generation = volume->generation();
    ViewportImage image;
    image.keepAlive = volume->buffer();
    image.data = volume->data();
    image.type = viewportType(volume->sampleType(), volume->components());
    image.width = volume->width();
    image.height = volume->height();
    image.slices = volume->depth();
    const auto spacing = volume->spacing();
    image.columnSpacing = spacing[0];
    image.rowSpacing = spacing[1];
    image.sliceSpacing = spacing[2];
    image.origin = volume->origin();
    // Volume: column c of the row-major 3×3 is the direction of index axis c; ViewportImage wants row dir, column
    // dir, normal one after the other.
    const auto d = volume->direction();
    image.direction = {d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8]};
    image.slope = volume->rescaleSlope();
    image.intercept = volume->rescaleIntercept();
    image.monochrome1 = m_info.photometric == QLatin1String("MONOCHROME1");
    image.modality = m_info.modality;
    for (const WindowPreset &w : m_info.windows)
        image.presetsFromFile.append({w.center, w.width});
    for (int i = 0; i < volume->depth(); ++i) {
        const Volume::SliceInfo &s = volume->slice(i);
        SliceInfo info;
        info.position = s.hasPosition ? s.position : std::array<double, 3> {};
        info.thickness = m_info.sliceThickness;
        info.instanceNumber = s.instanceNumber;
        image.sliceInfo.append(info);
    }
    image.patientName = m_study.patientName;
    image.patientId = m_study.patientId;
    image.studyDate = QDate::fromString(m_study.studyDate, QStringLiteral("yyyyMMdd"));
    image.studyDescription = m_study.studyDescription;
    image.seriesDescription = m_series.description;
    if (keepView && m_viewport->image().isValid())
        m_viewport->replaceImage(image, slice);
    else
        m_viewport->setImage(image);
    updateMeasurementSlices(reloadMeasurements);
}

std::optional<std::array<double, 3>> ViewportPane::slicePosition(int index) const
{
    const ViewportImage &image = m_viewport->image();
    if (!image.isValid() || index < 0 || index >= image.slices)
        return std::nullopt;
    std::array<double, 3> p = image.origin;
    if (index < image.sliceInfo.size() && image.sliceInfo.at(index).position != std::array<double, 3> {})
        p = image.sliceInfo.at(index).position;
    else
        for (int k = 0; k < 3; ++k)
            p[k] += image.direction[6 + k] * image.sliceSpacing * index;
    // The centre of the slice, so slices of different fields of view compare fairly along the normal.
    for (int k = 0; k < 3; ++k)
        p[k] += image.direction[k] * image.columnSpacing * (image.width - 1) / 2.0
            + image.direction[3 + k] * image.rowSpacing * (image.height - 1) / 2.0;
    return p;
}

std::optional<std::array<double, 3>> ViewportPane::sliceNormal() const
{
    const ViewportImage &image = m_viewport->image();
    if (!image.isValid() || !m_info.hasOrientation)
        return std::nullopt;
    return std::array<double, 3> {image.direction[6], image.direction[7], image.direction[8]};
}

bool ViewportPane::showNearestSlice(const std::array<double, 3> &point)
{
    const auto normal = sliceNormal();
    if (!normal)
        return false;
    const auto along = [&](const std::array<double, 3> &p) {
        return p[0] * (*normal)[0] + p[1] * (*normal)[1] + p[2] * (*normal)[2];
    };
    const double target = along(point);
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < m_viewport->sliceCount(); ++i) {
        const auto p = slicePosition(i);
        if (!p)
            continue;
        const double distance = std::abs(along(*p) - target);
        if (best < 0 || distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    if (best < 0 || best == m_viewport->slice())
        return false;
    m_viewport->setSlice(best);
    return true;
}

void ViewportPane::setActive(bool active)
{
    m_active = active;
    setStyleSheet(active ? QStringLiteral("lightbox--ViewportPane { background: #2f7bd1; }")
                         : QStringLiteral("lightbox--ViewportPane { background: #303030; }"));
    setAttribute(Qt::WA_StyledBackground, true);
}

void ViewportPane::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(seriesMimeType()))
        event->acceptProposedAction();
}

void ViewportPane::dropEvent(QDropEvent *event)
{
    const QString uid = QString::fromUtf8(event->mimeData()->data(seriesMimeType()));
    if (uid.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT seriesDropped(this, uid);
}

bool ViewportPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_viewport && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::FocusIn))
        Q_EMIT activated(this);
    return QWidget::eventFilter(watched, event);
}

} // namespace lightbox
