#include "ui/viewer/MeasurementLayer.h"

#include "core/common/Logging.h"
#include "core/imaging/MeasurementFormat.h"
#include "core/imaging/MeasurementMath.h"
#include "core/index/IndexWriter.h"
#include "core/index/MeasurementStore.h"
#include "ui/viewer/ImageViewport.h"
#include "ui/viewer/ViewportOverlay.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QThreadPool>
#include <QWidget>

#include <cmath>
#include <cstdint>
#include <memory>

namespace lightbox {
namespace {

constexpr double kHandleRadius = 4.0; ///< Logical pixels.
constexpr double kHitDistance = 6.0; ///< How near (logical pixels) a press must be to pick a point or a line.
constexpr double kMinimumDrag = 2.0; ///< A shorter drag draws nothing (a click).

// The viewport's image coordinates have pixel centres at integers; Measurement points at +0.5.
const QPointF kCentreShift(0.5, 0.5);

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

MeasurementMath::RoiShape shapeOf(Measurement::Kind kind)
{
    return kind == Measurement::Kind::Ellipse ? MeasurementMath::RoiShape::Ellipse
                                              : MeasurementMath::RoiShape::Rectangle;
}

template<typename T> double voxel(const void *data, std::size_t index)
{
    return static_cast<double>(static_cast<const T *>(data)[index]);
}

// Stored value of pixel (column, row) of slice @p slice, read in place. Grey images only.
double storedValue(const ViewportImage &image, int slice, int column, int row)
{
    const std::size_t index
        = (static_cast<std::size_t>(slice) * static_cast<std::size_t>(image.height) + static_cast<std::size_t>(row))
            * static_cast<std::size_t>(image.width)
        + static_cast<std::size_t>(column);
    switch (image.type) {
    case ViewportImage::Type::UInt8:
        return voxel<std::uint8_t>(image.data, index);
    case ViewportImage::Type::Int8:
        return voxel<std::int8_t>(image.data, index);
    case ViewportImage::Type::UInt16:
        return voxel<std::uint16_t>(image.data, index);
    case ViewportImage::Type::Int16:
        return voxel<std::int16_t>(image.data, index);
    case ViewportImage::Type::UInt32:
        return voxel<std::uint32_t>(image.data, index);
    case ViewportImage::Type::Int32:
        return voxel<std::int32_t>(image.data, index);
    case ViewportImage::Type::Float32:
        return voxel<float>(image.data, index);
    case ViewportImage::Type::Rgb8:
        break;
    }
    return 0.0;
}

} // namespace

MeasurementLayer::MeasurementLayer(ImageViewport *viewport)
    : QObject(viewport)
    , m_viewport(viewport)
{
    // Measurements are painted into the viewport's frames, over the image and its overlays.
    connect(
        viewport, &VtkOpenGLWidget::paintingOverlay, this, [this](QPainter &painter) { paint(painter); },
        Qt::DirectConnection);
    viewport->installEventFilter(this);
    connect(viewport, &ImageViewport::sliceChanged, this, [this] {
        m_draft.reset();
        m_drag = Drag::None;
        updateOverlay();
    });
    connect(viewport, &ImageViewport::viewChanged, this, &MeasurementLayer::updateOverlay);
}

MeasurementLayer::~MeasurementLayer() = default;

void MeasurementLayer::setStore(SaveFunction save, RemoveFunction remove)
{
    m_save = std::move(save);
    m_remove = std::move(remove);
}

void MeasurementLayer::useIndex(IndexWriter *writer)
{
    // The GUI never waits for the writer: the id is known at once, and a pool thread reports a failed write.
    auto report = [](std::future<IndexWriter::Result> future) {
        auto shared = std::make_shared<std::future<IndexWriter::Result>>(std::move(future));
        QThreadPool::globalInstance()->start([shared] {
            const IndexWriter::Result r = shared->get();
            if (r.outcome == IndexWriter::Outcome::Failed)
                qCWarning(lcIndex).noquote() << "A measurement was not saved:" << r.error;
        });
    };
    setStore([writer, report](Measurement &m) { report(MeasurementStore::save(*writer, m)); },
             [writer, report](qint64 id) { report(MeasurementStore::remove(*writer, id)); });
}

void MeasurementLayer::setSlices(const QList<SliceRef> &slices, const ImageCalibration &calibration)
{
    m_slices = slices;
    m_calibration = calibration;
    m_measurements.clear();
    m_selected = 0;
    m_draft.reset();
    m_drag = Drag::None;
    updateOverlay();
}

QStringList MeasurementLayer::instanceUids() const
{
    QStringList uids;
    for (const SliceRef &s : m_slices)
        uids << s.sopInstanceUid;
    uids.removeDuplicates();
    return uids;
}

void MeasurementLayer::setMeasurements(const QList<Measurement> &measurements)
{
    m_measurements.clear();
    for (const Measurement &m : measurements) {
        const bool onASlice = std::any_of(m_slices.begin(), m_slices.end(), [&m](const SliceRef &s) {
            return s.sopInstanceUid == m.sopInstanceUid && s.frame == m.frame;
        });
        if (onASlice && m.isComplete())
            m_measurements.append(m);
    }
    m_selected = 0;
    updateOverlay();
}

QList<Measurement> MeasurementLayer::measurements() const
{
    return m_measurements;
}

QList<Measurement> MeasurementLayer::measurementsOnSlice(int index) const
{
    QList<Measurement> list;
    if (index < 0 || index >= m_slices.size())
        return list;
    const SliceRef &s = m_slices.at(index);
    for (const Measurement &m : m_measurements) {
        if (m.sopInstanceUid == s.sopInstanceUid && m.frame == s.frame)
            list.append(m);
    }
    return list;
}

QString MeasurementLayer::textOf(const Measurement &m) const
{
    QString text;
    const bool mm = m_calibration.hasPixelSpacing;
    const bool hu = m_calibration.isHounsfield();
    switch (m.kind) {
    case Measurement::Kind::Distance:
        if (m.points.size() >= 2)
            text = MeasurementFormat::length(MeasurementMath::distance(m.points[0], m.points[1], m_calibration), mm);
        break;
    case Measurement::Kind::Angle:
        if (m.points.size() >= 3)
            text = MeasurementFormat::angle(
                MeasurementMath::angleDegrees(m.points[0], m.points[1], m.points[2], m_calibration));
        break;
    case Measurement::Kind::Ellipse:
    case Measurement::Kind::Rectangle: {
        if (m.points.size() < 2)
            break;
        const ViewportImage *image = m_viewport ? &m_viewport->image() : nullptr;
        int slice = -1;
        for (int i = 0; i < m_slices.size(); ++i) {
            if (m_slices[i].sopInstanceUid == m.sopInstanceUid && m_slices[i].frame == m.frame)
                slice = i;
        }
        if (!image || !image->isValid() || image->isColor() || slice < 0 || slice >= image->slices) {
            text = MeasurementFormat::area(
                MeasurementMath::shapeArea(shapeOf(m.kind), m.points[0], m.points[1], m_calibration), mm);
            break;
        }
        const RoiStatistics stats = MeasurementMath::roiStatistics(
            shapeOf(m.kind), m.points[0], m.points[1], image->width, image->height,
            [image, slice](int column, int row) { return storedValue(*image, slice, column, row); }, m_calibration);
        text = MeasurementFormat::roi(stats, hu, mm);
        break;
    }
    case Measurement::Kind::Probe: {
        if (m.points.isEmpty())
            break;
        const ViewportImage *image = m_viewport ? &m_viewport->image() : nullptr;
        int slice = -1;
        for (int i = 0; i < m_slices.size(); ++i) {
            if (m_slices[i].sopInstanceUid == m.sopInstanceUid && m_slices[i].frame == m.frame)
                slice = i;
        }
        if (!image || !image->isValid() || image->isColor() || slice < 0 || slice >= image->slices)
            break;
        const auto value = MeasurementMath::probe(
            m.points[0], image->width, image->height,
            [image, slice](int column, int row) { return storedValue(*image, slice, column, row); }, m_calibration);
        if (value)
            text = MeasurementFormat::value(*value, hu);
        break;
    }
    }
    if (!m.label.isEmpty())
        text = text.isEmpty() ? m.label : m.label + QStringLiteral(": ") + text;
    return text;
}

void MeasurementLayer::setTool(Tool tool)
{
    m_tool = tool;
    // The angle's open end follows the mouse between clicks.
    if (tool == Tool::Angle && m_viewport)
        m_viewport->setMouseTracking(true);
    m_draft.reset();
    m_drag = Drag::None;
    updateOverlay();
}

void MeasurementLayer::removeSelected()
{
    if (m_selected == 0)
        return;
    const qint64 id = m_selected;
    m_selected = 0;
    m_measurements.removeIf([id](const Measurement &m) { return m.id == id; });
    if (m_remove)
        m_remove(id);
    updateOverlay();
    Q_EMIT measurementsChanged();
}

ImageCalibration MeasurementLayer::calibrationOf(const ViewportImage &image, bool hasPixelSpacing,
                                                 const QString &rescaleType)
{
    ImageCalibration c;
    c.hasPixelSpacing = hasPixelSpacing;
    c.rowSpacing = image.rowSpacing;
    c.columnSpacing = image.columnSpacing;
    c.rescaleSlope = image.slope;
    c.rescaleIntercept = image.intercept;
    c.modality = image.modality;
    c.rescaleType = rescaleType;
    return c;
}

bool MeasurementLayer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_viewport)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        auto *e = static_cast<QMouseEvent *>(event);
        return e->button() == Qt::LeftButton && mousePress(e->position());
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        return mouseMove(e->position());
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        return e->button() == Qt::LeftButton && mouseRelease(e->position());
    }
    case QEvent::KeyPress: {
        auto *e = static_cast<QKeyEvent *>(event);
        if ((e->key() == Qt::Key_Delete || e->key() == Qt::Key_Backspace) && m_selected != 0) {
            removeSelected();
            return true;
        }
        if (e->key() == Qt::Key_Escape && m_draft) {
            m_draft.reset();
            m_drag = Drag::None;
            updateOverlay();
            return true;
        }
        return false;
    }
    default:
        return false;
    }
}

bool MeasurementLayer::mousePress(QPointF widgetPos)
{
    const auto slice = currentSlice();
    if (!slice || !m_viewport->image().isValid())
        return false;
    const QPointF p = toImage(widgetPos);

    // An angle being drawn takes its next point.
    if (m_draft && m_draft->kind == Measurement::Kind::Angle) {
        m_draft->points.last() = p;
        if (m_draft->points.size() == 3)
            finishDraft();
        else
            m_draft->points.append(p);
        updateOverlay();
        return true;
    }

    if (const auto target = hit(widgetPos)) {
        m_selected = target->first;
        m_handle = target->second;
        m_drag = m_handle >= 0 ? Drag::Handle : Drag::Move;
        m_lastImagePos = p;
        m_moved = false;
        updateOverlay();
        return true;
    }
    m_selected = 0;
    if (m_tool == Tool::None) {
        updateOverlay();
        return false;
    }

    Measurement m;
    m.sopInstanceUid = slice->sopInstanceUid;
    m.frame = slice->frame;
    switch (m_tool) {
    case Tool::Distance:
        m.kind = Measurement::Kind::Distance;
        break;
    case Tool::Angle:
        m.kind = Measurement::Kind::Angle;
        break;
    case Tool::Ellipse:
        m.kind = Measurement::Kind::Ellipse;
        break;
    case Tool::Rectangle:
        m.kind = Measurement::Kind::Rectangle;
        break;
    case Tool::Probe:
    case Tool::None:
        m.kind = Measurement::Kind::Probe;
        break;
    }
    m.points = {p};
    if (m.kind == Measurement::Kind::Probe) {
        m_draft = m;
        finishDraft();
        updateOverlay();
        return true;
    }
    m.points.append(p);
    m_draft = m;
    m_drag = m.kind == Measurement::Kind::Angle ? Drag::None : Drag::Draw;
    m_pressPos = widgetPos;
    updateOverlay();
    return true;
}

bool MeasurementLayer::mouseMove(QPointF widgetPos)
{
    const QPointF p = toImage(widgetPos);
    if (m_draft && (m_drag == Drag::Draw || m_draft->kind == Measurement::Kind::Angle)) {
        m_draft->points.last() = p;
        updateOverlay();
        return m_drag == Drag::Draw;
    }
    if (m_drag == Drag::Handle || m_drag == Drag::Move) {
        Measurement *m = find(m_selected);
        if (!m) {
            m_drag = Drag::None;
            return false;
        }
        if (m_drag == Drag::Handle && m_handle < m->points.size()) {
            m->points[m_handle] = p;
        } else {
            const QPointF delta = p - m_lastImagePos;
            for (QPointF &point : m->points)
                point += delta;
        }
        m_lastImagePos = p;
        m_moved = true;
        updateOverlay();
        return true;
    }
    return false;
}

bool MeasurementLayer::mouseRelease(QPointF widgetPos)
{
    if (m_drag == Drag::Draw && m_draft) {
        m_drag = Drag::None;
        m_draft->points.last() = toImage(widgetPos);
        const QPointF dragged = widgetPos - m_pressPos;
        if (std::hypot(dragged.x(), dragged.y()) < kMinimumDrag)
            m_draft.reset(); // a click: nothing drawn
        else
            finishDraft();
        updateOverlay();
        return true;
    }
    if (m_drag == Drag::Handle || m_drag == Drag::Move) {
        m_drag = Drag::None;
        if (m_moved) {
            if (Measurement *m = find(m_selected)) {
                save(*m);
                Q_EMIT measurementsChanged();
            }
        }
        return true;
    }
    return m_draft.has_value();
}

void MeasurementLayer::finishDraft()
{
    if (!m_draft)
        return;
    Measurement m = *m_draft;
    m_draft.reset();
    m_drag = Drag::None;
    m.createdAt = QDateTime::currentDateTimeUtc();
    save(m);
    m_measurements.append(m);
    m_selected = m.id;
    Q_EMIT measurementsChanged();
}

void MeasurementLayer::save(Measurement &m)
{
    if (m_save) {
        m_save(m);
        return;
    }
    if (m.id == 0)
        m.id = MeasurementStore::newId(); // kept in this layer only: ids still tell measurements apart
}

void MeasurementLayer::updateOverlay()
{
    if (m_viewport)
        m_viewport->updateOverlay(); // measurements are drawn over the picture: VTK need not render it again
}

QPointF MeasurementLayer::toImage(QPointF widgetPos) const
{
    return m_viewport->widgetToImage(widgetPos) + kCentreShift;
}

QPointF MeasurementLayer::toWidget(QPointF imagePoint) const
{
    return m_viewport->imageToWidget(imagePoint - kCentreShift);
}

std::optional<MeasurementLayer::SliceRef> MeasurementLayer::currentSlice() const
{
    if (!m_viewport)
        return std::nullopt;
    const int index = m_viewport->slice();
    if (index < 0 || index >= m_slices.size())
        return std::nullopt;
    return m_slices.at(index);
}

bool MeasurementLayer::isOnCurrentSlice(const Measurement &m) const
{
    const auto slice = currentSlice();
    return slice && slice->sopInstanceUid == m.sopInstanceUid && slice->frame == m.frame;
}

Measurement *MeasurementLayer::find(qint64 id)
{
    for (Measurement &m : m_measurements) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

std::optional<std::pair<qint64, int>> MeasurementLayer::hit(QPointF widgetPos) const
{
    auto near = [&widgetPos](QPointF w) {
        const QPointF d = w - widgetPos;
        return std::hypot(d.x(), d.y()) <= kHitDistance;
    };
    auto handleOf = [&](const Measurement &m) {
        for (int i = 0; i < m.points.size(); ++i) {
            if (near(toWidget(m.points[i])))
                return i;
        }
        return -1;
    };
    auto onBody = [&](const Measurement &m) {
        auto onSegment = [&](int a, int b) {
            return distanceToSegment(widgetPos, toWidget(m.points[a]), toWidget(m.points[b])) <= kHitDistance;
        };
        switch (m.kind) {
        case Measurement::Kind::Distance:
            return onSegment(0, 1);
        case Measurement::Kind::Angle:
            return onSegment(0, 1) || onSegment(1, 2);
        case Measurement::Kind::Ellipse:
        case Measurement::Kind::Rectangle: {
            // With a drawing tool only the outline picks a region, so a smaller one can be drawn inside it.
            const bool outlineOnly = m_tool != Tool::None;
            const QRectF box = QRectF(toWidget(m.points[0]), toWidget(m.points[1])).normalized();
            const QRectF outer = box.adjusted(-kHitDistance, -kHitDistance, kHitDistance, kHitDistance);
            if (m.kind == Measurement::Kind::Rectangle) {
                const QRectF inner = box.adjusted(kHitDistance, kHitDistance, -kHitDistance, -kHitDistance);
                return outer.contains(widgetPos) && !(outlineOnly && inner.contains(widgetPos));
            }
            const double a = std::max(box.width() / 2.0, 1.0);
            const double b = std::max(box.height() / 2.0, 1.0);
            const QPointF d = widgetPos - box.center();
            // Radial distance to the outline, in widget pixels along the shorter axis (close enough to pick).
            const double off = (std::hypot(d.x() / a, d.y() / b) - 1.0) * std::min(a, b);
            return off <= kHitDistance && !(outlineOnly && off < -kHitDistance);
        }
        case Measurement::Kind::Probe:
            return false; // its one point is its handle
        }
        return false;
    };
    // The selected measurement's handles win, then the newest measurement under the mouse.
    for (const Measurement &m : m_measurements) {
        if (m.id == m_selected && isOnCurrentSlice(m)) {
            if (const int h = handleOf(m); h >= 0)
                return std::make_pair(m.id, h);
        }
    }
    for (auto it = m_measurements.crbegin(); it != m_measurements.crend(); ++it) {
        if (!isOnCurrentSlice(*it) || !it->isComplete())
            continue;
        if (const int h = handleOf(*it); h >= 0)
            return std::make_pair(it->id, h);
        if (onBody(*it))
            return std::make_pair(it->id, -1);
    }
    return std::nullopt;
}

void MeasurementLayer::paint(QPainter &painter) const
{
    if (!m_viewport || !m_viewport->image().isValid())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Measurement &m : m_measurements) {
        if (isOnCurrentSlice(m))
            paintMeasurement(painter, m, m.id == m_selected);
    }
    if (m_draft)
        paintMeasurement(painter, *m_draft, true);
}

void MeasurementLayer::paintMeasurement(QPainter &painter, const Measurement &m, bool selected) const
{
    if (m.points.isEmpty())
        return;
    const QColor colour = selected ? QColor(0, 220, 255) : QColor(255, 220, 0);
    painter.setPen(QPen(colour, 1.5));
    painter.setBrush(Qt::NoBrush);
    QList<QPointF> w;
    for (const QPointF &p : m.points)
        w.append(toWidget(p));

    QPointF anchor = w.last();
    switch (m.kind) {
    case Measurement::Kind::Distance:
        if (w.size() >= 2)
            painter.drawLine(w[0], w[1]);
        break;
    case Measurement::Kind::Angle:
        painter.drawPolyline(w.constData(), static_cast<int>(w.size()));
        if (w.size() >= 2)
            anchor = w[1];
        break;
    case Measurement::Kind::Ellipse:
    case Measurement::Kind::Rectangle: {
        if (w.size() < 2)
            break;
        const QRectF box = QRectF(w[0], w[1]).normalized();
        if (m.kind == Measurement::Kind::Ellipse)
            painter.drawEllipse(box);
        else
            painter.drawRect(box);
        anchor = box.bottomRight();
        break;
    }
    case Measurement::Kind::Probe:
        painter.drawLine(w[0] - QPointF(6, 0), w[0] + QPointF(6, 0));
        painter.drawLine(w[0] - QPointF(0, 6), w[0] + QPointF(0, 6));
        break;
    }
    if (selected) {
        painter.setBrush(colour);
        for (const QPointF &p : w)
            painter.drawEllipse(p, kHandleRadius, kHandleRadius);
        painter.setBrush(Qt::NoBrush);
    }
    if (!m.isComplete())
        return;
    const QString text = textOf(m);
    if (text.isEmpty())
        return;
    // Outlined text stays readable on any grey level.
    ViewportOverlay::drawOutlinedText(painter, anchor + QPointF(8, -6), text, colour);
}

} // namespace lightbox
