#include "ui/viewer/ImageViewport.h"

#include "ui/common/DicomFormat.h"

#include <vtkCamera.h>
#include <vtkDataArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace lightbox {
namespace {

/// Entries of the grey ramp: enough that the table's steps stay far below one output grey level.
constexpr int greyLevels = 4096;
/// Camera distance from the slice; anything works with a parallel projection.
constexpr double cameraDistance = 1000;
/// Right-drag: window change per pixel as a fraction of the current width.
constexpr double windowSpeed = 1.0 / 250;
/// Zoom drag: pixels of vertical movement that double the zoom (about 0.7 × this).
constexpr double zoomDragPixels = 150;
constexpr double wheelZoomStep = 1.15;
constexpr double scrollDragPixels = 4;

int vtkScalarType(ViewportImage::Type type)
{
    switch (type) {
    case ViewportImage::Type::UInt8:
    case ViewportImage::Type::Rgb8:
        return VTK_UNSIGNED_CHAR;
    case ViewportImage::Type::Int8:
        return VTK_SIGNED_CHAR;
    case ViewportImage::Type::UInt16:
        return VTK_UNSIGNED_SHORT;
    case ViewportImage::Type::Int16:
        return VTK_SHORT;
    case ViewportImage::Type::UInt32:
        return VTK_UNSIGNED_INT;
    case ViewportImage::Type::Int32:
        return VTK_INT;
    case ViewportImage::Type::Float32:
        return VTK_FLOAT;
    }
    return VTK_UNSIGNED_CHAR;
}

} // namespace

/// The VTK side: the voxels wrapped in place, one slice mapper, a grey lookup table and the renderer.
struct ImageViewport::Pipeline
{
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> imageData;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkLookupTable> greyRamp;
    bool rampDescending = true; // forces the first build

    void buildRamp(bool descending)
    {
        if (descending == rampDescending && greyRamp->GetNumberOfTableValues() == greyLevels)
            return;
        rampDescending = descending;
        greyRamp->SetNumberOfTableValues(greyLevels);
        for (int i = 0; i < greyLevels; ++i) {
            const double grey = static_cast<double>(descending ? greyLevels - 1 - i : i) / (greyLevels - 1);
            greyRamp->SetTableValue(i, grey, grey, grey, 1.0);
        }
        greyRamp->BuildSpecialColors();
    }
};

ImageViewport::ImageViewport(QWidget *parent)
    : VtkOpenGLWidget(parent)
    , m_pipeline(std::make_unique<Pipeline>())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumSize(64, 64);
    setSceneDepthBuffer(false); // one image actor; measurements and texts are painted over it

    Pipeline &p = *m_pipeline;
    p.mapper->SetOrientationToZ();
    p.mapper->SliceFacesCameraOff();
    p.mapper->SliceAtFocalPointOff();
    p.mapper->BorderOn(); // pixel i covers [i − 0.5, i + 0.5], edge pixels included
    p.mapper->SetInputData(p.imageData);
    p.buildRamp(false);
    vtkImageProperty *property = p.slice->GetProperty();
    property->SetInterpolationTypeToLinear();
    property->SetLookupTable(p.greyRamp);
    property->UseLookupTableScalarRangeOff();
    p.slice->SetMapper(p.mapper);
    p.slice->VisibilityOff();
    p.renderer->AddViewProp(p.slice);
    p.renderer->SetBackground(0, 0, 0);
    p.renderer->GetActiveCamera()->ParallelProjectionOn();
    renderWindow()->AddRenderer(p.renderer);
}

ImageViewport::~ImageViewport() = default;

void ImageViewport::setImage(const ViewportImage &image)
{
    m_image = image;
    m_slice = 0;
    m_orient = {1, 0, 0, 1};
    m_inverted = false;
    m_drag = Drag::None;
    if (!wrapVoxels())
        return;

    if (!m_image.presetsFromFile.isEmpty()) {
        m_center = m_image.presetsFromFile.first().first;
        m_width = std::max(1.0, m_image.presetsFromFile.first().second);
    } else if (!m_image.isColor()) {
        // No preset: show the whole value range of the first slice.
        double low = std::numeric_limits<double>::max();
        double high = std::numeric_limits<double>::lowest();
        for (int row = 0; row < m_image.height; ++row) {
            for (int column = 0; column < m_image.width; ++column) {
                const double value = storedValue(column, row, 0) * m_image.slope + m_image.intercept;
                low = std::min(low, value);
                high = std::max(high, value);
            }
        }
        m_center = (low + high) / 2;
        m_width = std::max(1.0, high - low);
    } else {
        m_center = 127.5;
        m_width = 256;
    }
    updateGreyscale();
    fit();
    emit sliceChanged(m_slice);
    emit windowChanged(m_center, m_width);
}

namespace {

// Whether slice @p a of @p first and slice @p b of @p second look the same on screen for one window: same pixels,
// same stored-to-modality mapping and the same in-plane geometry.
bool sameSlicePicture(const ViewportImage &first, int a, const ViewportImage &second, int b)
{
    if (first.type != second.type || first.width != second.width || first.height != second.height
        || first.columnSpacing != second.columnSpacing || first.rowSpacing != second.rowSpacing
        || first.slope != second.slope || first.intercept != second.intercept || first.monochrome1 != second.monochrome1
        || !std::equal(first.direction.begin(), first.direction.begin() + 6, second.direction.begin()))
        return false;
    const std::size_t sliceBytes = first.byteSize() / std::size_t(first.slices);
    return std::memcmp(static_cast<const std::byte *>(first.data) + sliceBytes * std::size_t(a),
                       static_cast<const std::byte *>(second.data) + sliceBytes * std::size_t(b), sliceBytes)
        == 0;
}

} // namespace

void ImageViewport::replaceImage(const ViewportImage &image, int slice)
{
    if (!m_image.isValid() || !image.isValid() || image.width != m_image.width || image.height != m_image.height
        || image.isColor() != m_image.isColor()) {
        setImage(image);
        if (slice >= 0)
            setSlice(slice);
        return;
    }
    const int previousSlice = m_slice;
    const int newSlice = std::clamp(slice >= 0 ? slice : m_slice, 0, image.slices - 1);
    // A volume taking over from a preview of the same file: the picture on screen is already right; VTK renders
    // the new data when the view next changes. On a software renderer that is a frame less while slices decode.
    const bool samePicture = sameSlicePicture(m_image, m_slice, image, newSlice);
    m_image = image;
    m_slice = newSlice;
    wrapVoxels();
    updateGreyscale();
    if (m_fitPending && !samePicture) // a fitted view of the same extent fits as it is
        fit();
    if (samePicture)
        updateOverlay();
    else
        update();
    if (m_slice != previousSlice)
        emit sliceChanged(m_slice);
}

void ImageViewport::refreshData()
{
    if (!m_image.isValid())
        return;
    // Same memory, new contents: VTK re-reads the slice when its data is newer than the texture.
    m_pipeline->imageData->GetPointData()->GetScalars()->Modified();
    m_pipeline->imageData->Modified();
    update();
}

bool ImageViewport::wrapVoxels()
{
    Pipeline &p = *m_pipeline;
    if (!m_image.isValid()) {
        p.slice->VisibilityOff();
        p.imageData->Initialize();
        update();
        return false;
    }
    // Wrap the caller's voxels: save = 1 tells VTK the memory is not its to free; keepAlive owns it.
    const int components = m_image.isColor() ? 3 : 1;
    const vtkIdType values = static_cast<vtkIdType>(m_image.width) * m_image.height * m_image.slices * components;
    vtkSmartPointer<vtkDataArray> voxels
        = vtkSmartPointer<vtkDataArray>::Take(vtkDataArray::CreateDataArray(vtkScalarType(m_image.type)));
    voxels->SetNumberOfComponents(components);
    voxels->SetVoidArray(const_cast<void *>(m_image.data), values, 1);
    p.imageData->Initialize();
    p.imageData->SetDimensions(m_image.width, m_image.height, m_image.slices);
    p.imageData->SetSpacing(m_image.columnSpacing, m_image.rowSpacing, m_image.sliceSpacing);
    p.imageData->SetOrigin(0, 0, 0);
    p.imageData->GetPointData()->SetScalars(voxels);
    p.mapper->SetInputData(p.imageData);
    p.mapper->SetSliceNumber(m_slice);
    p.slice->VisibilityOn();
    return true;
}

const ViewportImage &ImageViewport::image() const
{
    return m_image;
}

void ImageViewport::setSlice(int index)
{
    if (!m_image.isValid())
        return;
    index = std::clamp(index, 0, m_image.slices - 1);
    if (index == m_slice)
        return;
    m_slice = index;
    m_pipeline->mapper->SetSliceNumber(index);
    update();
    emit sliceChanged(index);
}

int ImageViewport::slice() const
{
    return m_slice;
}

int ImageViewport::sliceCount() const
{
    return m_image.isValid() ? m_image.slices : 0;
}

void ImageViewport::setWindow(double center, double width)
{
    width = std::max(1.0, width);
    if (center == m_center && width == m_width)
        return;
    m_center = center;
    m_width = width;
    updateGreyscale();
    update();
    emit windowChanged(center, width);
}

QPair<double, double> ImageViewport::window() const
{
    return {m_center, m_width};
}

void ImageViewport::updateGreyscale()
{
    Pipeline &p = *m_pipeline;
    vtkImageProperty *property = p.slice->GetProperty();
    if (m_image.isColor()) {
        // VTK passes unsigned char RGB through unchanged exactly for this window/level and no table.
        property->SetLookupTable(nullptr);
        property->SetColorWindow(255.0);
        property->SetColorLevel(127.5);
        return;
    }
    // DICOM LINEAR: a ramp from 0 to 255 over [c − 0.5 − (w − 1)/2, c − 0.5 + (w − 1)/2] in modality units. Width 1
    // is a threshold at c − 0.5: keep a ramp too narrow to hit any value in between.
    const double halfRamp = std::max(m_width - 1, 1e-3) / 2;
    const double lowModality = m_center - 0.5 - halfRamp;
    const double highModality = m_center - 0.5 + halfRamp;
    const double slope = m_image.slope != 0 ? m_image.slope : 1;
    const double lowStored = (lowModality - m_image.intercept) / slope;
    const double highStored = (highModality - m_image.intercept) / slope;
    // A negative slope turns the ramp round in the stored domain; MONOCHROME1 and the invert toggle each turn it
    // round on screen.
    const bool descending = (slope < 0) != (m_image.monochrome1 != m_inverted);
    p.buildRamp(descending);
    property->SetLookupTable(p.greyRamp);
    property->SetColorWindow(std::abs(highStored - lowStored));
    property->SetColorLevel((lowStored + highStored) / 2);
}

double ImageViewport::storedValue(int column, int row, int slice) const
{
    const std::size_t index
        = (static_cast<std::size_t>(slice) * m_image.height + static_cast<std::size_t>(row)) * m_image.width
        + static_cast<std::size_t>(column);
    const void *data = m_image.data;
    switch (m_image.type) {
    case ViewportImage::Type::UInt8:
        return static_cast<const std::uint8_t *>(data)[index];
    case ViewportImage::Type::Int8:
        return static_cast<const std::int8_t *>(data)[index];
    case ViewportImage::Type::UInt16:
        return static_cast<const std::uint16_t *>(data)[index];
    case ViewportImage::Type::Int16:
        return static_cast<const std::int16_t *>(data)[index];
    case ViewportImage::Type::UInt32:
        return static_cast<const std::uint32_t *>(data)[index];
    case ViewportImage::Type::Int32:
        return static_cast<const std::int32_t *>(data)[index];
    case ViewportImage::Type::Float32:
        return static_cast<const float *>(data)[index];
    case ViewportImage::Type::Rgb8:
        return static_cast<const std::uint8_t *>(data)[index * 3];
    }
    return 0;
}

void ImageViewport::fit()
{
    m_fitPending = true; // stays fitted through resizes until the user zooms or pans
    if (!m_image.isValid() || width() <= 0 || height() <= 0)
        return;
    const double extentX = m_image.width * m_image.columnSpacing;
    const double extentY = m_image.height * m_image.rowSpacing;
    const bool swapped = m_orient[0] == 0; // rotated by 90 or 270 degrees
    const double screenX = swapped ? extentY : extentX;
    const double screenY = swapped ? extentX : extentY;
    const double pixelsPerMm = std::min(width() / screenX, height() / screenY);
    m_zoom = pixelsPerMm * std::min(m_image.columnSpacing, m_image.rowSpacing) * devicePixelRatioF();
    m_focus = QPointF((m_image.width - 1) / 2.0, (m_image.height - 1) / 2.0);
    update();
    emit viewChanged();
}

void ImageViewport::setZoom(double zoom)
{
    zoom = std::clamp(zoom, 0.01, 100.0);
    m_fitPending = false;
    if (zoom == m_zoom)
        return;
    m_zoom = zoom;
    update();
    emit viewChanged();
}

double ImageViewport::zoom() const
{
    return m_zoom;
}

double ImageViewport::pixelsPerMm() const
{
    const double spacing = m_image.isValid() ? std::min(m_image.columnSpacing, m_image.rowSpacing) : 1.0;
    return m_zoom / (spacing * devicePixelRatioF());
}

void ImageViewport::pan(QPointF widgetDelta)
{
    // Screen = orient × image, and orient is orthogonal: its transpose takes screen vectors back to the image.
    const double scale = pixelsPerMm();
    const double dx = (m_orient[0] * widgetDelta.x() + m_orient[2] * widgetDelta.y()) / scale;
    const double dy = (m_orient[1] * widgetDelta.x() + m_orient[3] * widgetDelta.y()) / scale;
    m_focus -= QPointF(dx / m_image.columnSpacing, dy / m_image.rowSpacing);
    m_fitPending = false;
    update();
    emit viewChanged();
}

void ImageViewport::zoomAbout(double factor, QPointF widgetAnchor)
{
    const QPointF anchored = widgetToImage(widgetAnchor);
    m_zoom = std::clamp(m_zoom * factor, 0.01, 100.0);
    // Put the anchored image point back under the anchor.
    const QPointF moved = imageToWidget(anchored);
    const double scale = pixelsPerMm();
    const QPointF delta = moved - widgetAnchor;
    const double dx = (m_orient[0] * delta.x() + m_orient[2] * delta.y()) / scale;
    const double dy = (m_orient[1] * delta.x() + m_orient[3] * delta.y()) / scale;
    m_focus += QPointF(dx / m_image.columnSpacing, dy / m_image.rowSpacing);
    m_fitPending = false;
    update();
    emit viewChanged();
}

void ImageViewport::rotate90(bool clockwise)
{
    // Clockwise on a y-down screen takes (x, y) to (−y, x).
    const std::array<int, 4> turn = clockwise ? std::array<int, 4> {0, -1, 1, 0} : std::array<int, 4> {0, 1, -1, 0};
    const std::array<int, 4> o = m_orient;
    m_orient = {turn[0] * o[0] + turn[1] * o[2], turn[0] * o[1] + turn[1] * o[3], turn[2] * o[0] + turn[3] * o[2],
                turn[2] * o[1] + turn[3] * o[3]};
    if (m_fitPending)
        fit();
    update();
    emit viewChanged();
}

void ImageViewport::flip(bool horizontal)
{
    if (horizontal) {
        m_orient[0] = -m_orient[0];
        m_orient[1] = -m_orient[1];
    } else {
        m_orient[2] = -m_orient[2];
        m_orient[3] = -m_orient[3];
    }
    update();
    emit viewChanged();
}

void ImageViewport::setInverted(bool inverted)
{
    if (inverted == m_inverted)
        return;
    m_inverted = inverted;
    updateGreyscale();
    update();
    emit viewChanged();
}

bool ImageViewport::isInverted() const
{
    return m_inverted;
}

void ImageViewport::setOverlaysVisible(bool visible)
{
    if (visible == m_overlaysVisible)
        return;
    m_overlaysVisible = visible;
    updateOverlay(); // drawn over the picture: VTK's picture stays as it is
}

bool ImageViewport::overlaysVisible() const
{
    return m_overlaysVisible;
}

void ImageViewport::setSmoothInterpolation(bool smooth)
{
    vtkImageProperty *property = m_pipeline->slice->GetProperty();
    if (smooth)
        property->SetInterpolationTypeToLinear();
    else
        property->SetInterpolationTypeToNearest();
    update();
}

void ImageViewport::setTool(Tool tool)
{
    m_tool = tool;
}

ImageViewport::Tool ImageViewport::tool() const
{
    return m_tool;
}

QImage ImageViewport::grabImage()
{
    return grabFramebuffer();
}

QPointF ImageViewport::imageToWidget(QPointF imagePoint) const
{
    const double dx = (imagePoint.x() - m_focus.x()) * m_image.columnSpacing;
    const double dy = (imagePoint.y() - m_focus.y()) * m_image.rowSpacing;
    const double scale = pixelsPerMm();
    return QPointF(width() / 2.0 + scale * (m_orient[0] * dx + m_orient[1] * dy),
                   height() / 2.0 + scale * (m_orient[2] * dx + m_orient[3] * dy));
}

QPointF ImageViewport::widgetToImage(QPointF widgetPoint) const
{
    const double scale = pixelsPerMm();
    const double sx = (widgetPoint.x() - width() / 2.0) / scale;
    const double sy = (widgetPoint.y() - height() / 2.0) / scale;
    const double dx = m_orient[0] * sx + m_orient[2] * sy;
    const double dy = m_orient[1] * sx + m_orient[3] * sy;
    return QPointF(m_focus.x() + dx / m_image.columnSpacing, m_focus.y() + dy / m_image.rowSpacing);
}

std::optional<double> ImageViewport::valueAt(QPoint widgetPos) const
{
    if (!m_image.isValid() || m_image.isColor())
        return std::nullopt;
    const QPointF point = widgetToImage(QPointF(widgetPos) + QPointF(0.5, 0.5));
    const int column = static_cast<int>(std::floor(point.x() + 0.5));
    const int row = static_cast<int>(std::floor(point.y() + 0.5));
    if (column < 0 || row < 0 || column >= m_image.width || row >= m_image.height)
        return std::nullopt;
    return storedValue(column, row, m_slice) * m_image.slope + m_image.intercept;
}

std::optional<std::array<double, 3>> ImageViewport::patientPointAt(QPoint widgetPos) const
{
    if (!m_image.isValid())
        return std::nullopt;
    const QPointF point = widgetToImage(QPointF(widgetPos) + QPointF(0.5, 0.5));
    const int column = static_cast<int>(std::floor(point.x() + 0.5));
    const int row = static_cast<int>(std::floor(point.y() + 0.5));
    if (column < 0 || row < 0 || column >= m_image.width || row >= m_image.height)
        return std::nullopt;
    const std::array<double, 3> position = slicePosition(m_slice);
    const std::array<double, 3> offset = patientDirection(column * m_image.columnSpacing, row * m_image.rowSpacing);
    return std::array<double, 3> {position[0] + offset[0], position[1] + offset[1], position[2] + offset[2]};
}

std::array<double, 3> ImageViewport::slicePosition(int index) const
{
    if (m_image.sliceInfo.size() == m_image.slices)
        return m_image.sliceInfo.at(index).position;
    const auto &d = m_image.direction;
    const double along = index * m_image.sliceSpacing;
    return {m_image.origin[0] + along * d[6], m_image.origin[1] + along * d[7], m_image.origin[2] + along * d[8]};
}

std::array<double, 3> ImageViewport::patientDirection(double columnStep, double rowStep) const
{
    const auto &d = m_image.direction;
    return {columnStep * d[0] + rowStep * d[3], columnStep * d[1] + rowStep * d[4], columnStep * d[2] + rowStep * d[5]};
}

OrientationLabels ImageViewport::orientationLabels() const
{
    // Screen right and screen down, taken back into image axes (transpose of orient), then into patient space.
    return ViewportOverlay::labelsFor(patientDirection(m_orient[0], m_orient[1]),
                                      patientDirection(m_orient[2], m_orient[3]));
}

void ImageViewport::updateCamera()
{
    Pipeline &p = *m_pipeline;
    vtkCamera *camera = p.renderer->GetActiveCamera();
    const double sx = m_image.isValid() ? m_image.columnSpacing : 1.0;
    const double sy = m_image.isValid() ? m_image.rowSpacing : 1.0;
    const double z = m_image.isValid() ? m_slice * m_image.sliceSpacing : 0.0;
    // World = (column × sx, row × sy, slice × sz). Screen right and down in world axes are the rows of orient.
    const double right[3] = {static_cast<double>(m_orient[0]), static_cast<double>(m_orient[1]), 0};
    const double up[3] = {-static_cast<double>(m_orient[2]), -static_cast<double>(m_orient[3]), 0};
    // VTK's camera has right = direction of projection × up, so the direction of projection is up × right:
    // looking at the slice from behind is what mirrors it.
    const double projection = up[0] * right[1] - up[1] * right[0];
    const double focal[3] = {m_focus.x() * sx, m_focus.y() * sy, z};
    camera->SetFocalPoint(focal);
    camera->SetPosition(focal[0], focal[1], focal[2] - projection * cameraDistance);
    camera->SetViewUp(up);
    camera->SetParallelScale(height() / 2.0 / pixelsPerMm());
    camera->SetClippingRange(cameraDistance / 2, cameraDistance * 2);
}

void ImageViewport::prepareRender()
{
    updateCamera();
}

bool ImageViewport::hasScene() const
{
    return m_image.isValid();
}

void ImageViewport::paintOverlay(QPainter &painter)
{
    if (!m_overlaysVisible || !m_image.isValid())
        return;
    ViewportOverlay::paint(painter, QRectF(rect()), overlayContent());
}

OverlayContent ImageViewport::overlayContent() const
{
    OverlayContent content;
    const QLocale locale;
    if (!m_image.patientName.isEmpty())
        content.topLeft << dicomformat::personName(m_image.patientName);
    if (!m_image.patientId.isEmpty())
        content.topLeft << tr("ID: %1").arg(m_image.patientId);
    if (m_image.studyDate.isValid())
        content.topRight << locale.toString(m_image.studyDate, QLocale::ShortFormat);
    if (!m_image.studyDescription.isEmpty())
        content.topRight << m_image.studyDescription;
    if (!m_image.seriesDescription.isEmpty())
        content.topRight << m_image.seriesDescription;

    const SliceInfo info = m_image.sliceInfo.value(m_slice);
    content.bottomLeft
        << (info.instanceNumber > 0
                ? tr("Image: %1 / %2 (#%3)").arg(m_slice + 1).arg(m_image.slices).arg(info.instanceNumber)
                : tr("Image: %1 / %2").arg(m_slice + 1).arg(m_image.slices));
    const std::array<double, 3> position = slicePosition(m_slice);
    const auto &d = m_image.direction;
    const double location = position[0] * d[6] + position[1] * d[7] + position[2] * d[8];
    content.bottomLeft << tr("Position: %1 mm").arg(locale.toString(location, 'f', 1));
    if (info.thickness > 0)
        content.bottomLeft << tr("Thickness: %1 mm").arg(locale.toString(info.thickness, 'f', 1));

    if (!m_image.isColor())
        content.bottomRight
            << tr("W: %1 L: %2").arg(locale.toString(m_width, 'g', 6), locale.toString(m_center, 'g', 6));
    content.bottomRight << tr("Zoom: %1%").arg(locale.toString(m_zoom * 100, 'f', 0));
    if (m_inverted)
        content.bottomRight << tr("Inverted");
    content.labels = orientationLabels();
    content.pixelsPerMm = pixelsPerMm();
    return content;
}

void ImageViewport::resizeEvent(QResizeEvent *event)
{
    VtkOpenGLWidget::resizeEvent(event);
    if (m_fitPending)
        fit();
}

void ImageViewport::wheelEvent(QWheelEvent *event)
{
    if (!m_image.isValid())
        return;
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / 120;
    m_wheelRemainder -= steps * 120;
    if (event->modifiers() & Qt::ControlModifier) {
        if (steps != 0)
            zoomAbout(std::pow(wheelZoomStep, steps), event->position());
    } else if (steps != 0) {
        setSlice(m_slice - steps); // wheel towards the user (negative delta) goes to the next slice
    }
    event->accept();
}

void ImageViewport::keyPressEvent(QKeyEvent *event)
{
    const int page = std::max(1, sliceCount() / 10);
    switch (event->key()) {
    case Qt::Key_Up:
        setSlice(m_slice - 1);
        break;
    case Qt::Key_Down:
        setSlice(m_slice + 1);
        break;
    case Qt::Key_PageUp:
        setSlice(m_slice - page);
        break;
    case Qt::Key_PageDown:
        setSlice(m_slice + page);
        break;
    case Qt::Key_Home:
        setSlice(0);
        break;
    case Qt::Key_End:
        setSlice(sliceCount() - 1);
        break;
    case Qt::Key_F:
        fit();
        break;
    case Qt::Key_1:
        setZoom(1.0);
        break;
    case Qt::Key_R:
        rotate90(!(event->modifiers() & Qt::ShiftModifier));
        break;
    case Qt::Key_H:
        flip(true);
        break;
    case Qt::Key_V:
        flip(false);
        break;
    case Qt::Key_I:
        setInverted(!m_inverted);
        break;
    default:
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

ImageViewport::Drag ImageViewport::dragFor(Qt::MouseButtons buttons) const
{
    if ((buttons & Qt::LeftButton) && (buttons & Qt::RightButton))
        return Drag::Zoom;
    if (buttons & Qt::RightButton)
        return Drag::WindowLevel;
    if (buttons & Qt::MiddleButton)
        return Drag::Pan;
    if (buttons & Qt::LeftButton) {
        switch (m_tool) {
        case Tool::None:
        case Tool::Pan:
            return Drag::Pan;
        case Tool::Zoom:
            return Drag::Zoom;
        case Tool::WindowLevel:
            return Drag::WindowLevel;
        case Tool::Scroll:
            return Drag::Scroll;
        }
    }
    return Drag::None;
}

void ImageViewport::mousePressEvent(QMouseEvent *event)
{
    m_drag = dragFor(event->buttons());
    m_lastMouse = event->position();
    m_pressMouse = event->position();
    m_scrollRemainder = 0;
    event->accept();
}

void ImageViewport::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_image.isValid() || m_drag == Drag::None)
        return;
    const QPointF delta = event->position() - m_lastMouse;
    m_lastMouse = event->position();
    switch (m_drag) {
    case Drag::Pan:
        pan(delta);
        break;
    case Drag::Zoom:
        zoomAbout(std::exp2(-delta.y() / zoomDragPixels), m_pressMouse);
        break;
    case Drag::WindowLevel: {
        // Horizontal: width; vertical: level (down = higher level = darker). Speed follows the width, so a
        // 2,000 HU bone window and a 40 HU brain window both feel the same.
        const double step = m_width * windowSpeed;
        setWindow(m_center + delta.y() * step, m_width + delta.x() * step);
        break;
    }
    case Drag::Scroll: {
        m_scrollRemainder += delta.y() / scrollDragPixels;
        const int steps = static_cast<int>(m_scrollRemainder);
        m_scrollRemainder -= steps;
        setSlice(m_slice + steps);
        break;
    }
    case Drag::None:
        break;
    }
    event->accept();
}

void ImageViewport::mouseReleaseEvent(QMouseEvent *event)
{
    m_drag = dragFor(event->buttons());
    m_lastMouse = event->position();
    event->accept();
}

} // namespace lightbox
