// One slice of a volume on screen through VTK, read in place (no voxel copy), with window/level in modality units,
// Horos/RadiAnt mouse and keyboard conventions, and crisp Qt overlays (patient, position, orientation, ruler).
#pragma once

#include "ui/viewer/ViewportImage.h"
#include "ui/viewer/ViewportOverlay.h"
#include "ui/viewer/VtkOpenGLWidget.h"

#include <QImage>
#include <QPointF>
#include <array>
#include <memory>
#include <optional>

namespace lightbox {

/// The image viewport.
///
/// Coordinates: "image coordinates" are continuous (column, row) pixel indices of the shown slice, with integer
/// values at pixel centres (DICOM's convention: Image Position names the centre of the first pixel), so pixel
/// (i, j) covers [i − 0.5, i + 0.5] × [j − 0.5, j + 0.5]. Widget coordinates are logical Qt pixels.
///
/// Window/level: the centre c and width w are in modality units (HU for CT) and follow DICOM's LINEAR VOI function
/// (PS3.3 C.11.2.1.2.1): x ≤ c − 0.5 − (w − 1)/2 → 0, x > c − 0.5 + (w − 1)/2 → 255, otherwise
/// ((x − (c − 0.5))/(w − 1) + 0.5) × 255. That is a linear ramp over [c − 0.5 − (w − 1)/2, c − 0.5 + (w − 1)/2];
/// the viewport maps those two modality values back to stored values (x_stored = (x − intercept)/slope, which swaps
/// them for a negative slope) and hands VTK a ramp between them. VTK's own window/level (range L ± W/2 on stored
/// values, and no support for a reversed ramp) is therefore not used as is: the viewport sets VTK's window to the
/// stored-domain ramp and maps through a 4096-entry grey lookup table that runs up or down, so the result equals
/// the DICOM formula within ±1 grey level for any slope sign, MONOCHROME1 and the invert toggle alike.
class ImageViewport : public VtkOpenGLWidget
{
    Q_OBJECT

public:
    /// What a left-button drag does.
    enum class Tool {
        None, ///< No tool chosen: the left button pans.
        Pan, ///< Move the image.
        Zoom, ///< Drag up to zoom in, down to zoom out, about the point pressed.
        WindowLevel, ///< Same as the right button: horizontal = width, vertical = level.
        Scroll, ///< Drag vertically to page through the slices.
    };

    explicit ImageViewport(QWidget *parent = nullptr);
    ~ImageViewport() override;

    /// Shows @p image (read in place; the struct's keepAlive keeps the voxels alive). Resets the view: first slice,
    /// the file's first window preset (else the slice's value range), fit to the widget, no rotation or flip.
    void setImage(const ViewportImage &image);
    /// Shows @p image in place of the current one, keeping window, zoom, pan, rotation and flip, and the slice
    /// (clamped) unless @p slice ≥ 0 names the new one: for a series that grows while it loads, or a loaded volume
    /// taking over from a one-slice preview. When the slice shown holds exactly the same pixels as before, the
    /// picture is not rendered again (only what is drawn over it). Falls back to setImage() when the size or colour
    /// kind changed.
    void replaceImage(const ViewportImage &image, int slice = -1);
    /// The voxel memory of the shown image changed in place (a loader filled more slices): show the new values.
    void refreshData();
    /// The image shown (an invalid one when nothing is).
    const ViewportImage &image() const;

    /// Shows slice @p index (clamped to [0, sliceCount() − 1]).
    void setSlice(int index);
    int slice() const;
    int sliceCount() const;

    /// Sets window centre and width in modality units (width at least 1).
    void setWindow(double center, double width);
    /// The current window as (centre, width) in modality units.
    QPair<double, double> window() const;

    /// Fits the whole image into the widget, centred.
    void fit();
    /// Sets the zoom: 1.0 shows one image pixel per screen (device) pixel; keeps the point at the widget centre.
    void setZoom(double zoom);
    double zoom() const;
    /// Moves the image by @p widgetDelta logical pixels on screen.
    void pan(QPointF widgetDelta);
    /// Rotates the view by 90 degrees clockwise (or counter-clockwise) about the widget centre.
    void rotate90(bool clockwise);
    /// Mirrors the view left-right (@p horizontal) or top-bottom.
    void flip(bool horizontal);
    /// Inverts the grey scale (on top of MONOCHROME1, which already shows inverted). Not applied to colour images.
    void setInverted(bool inverted);
    bool isInverted() const;
    /// Shows or hides the text, orientation letters and ruler.
    void setOverlaysVisible(bool visible);
    bool overlaysVisible() const;
    /// Smooth (linear) or blocky (nearest-neighbour) pixels when zoomed in. Smooth by default.
    void setSmoothInterpolation(bool smooth);

    /// The tool for left-button drags.
    void setTool(Tool tool);
    Tool tool() const;

    /// The rendered viewport as shown, overlays included (for PNG export and the clipboard).
    QImage grabImage();
    /// The modality value (stored × slope + intercept) of the pixel under @p widgetPos; none outside the image or
    /// for colour images.
    std::optional<double> valueAt(QPoint widgetPos) const;
    /// The patient (LPS, mm) position of the centre of the pixel under @p widgetPos; none outside the image.
    std::optional<std::array<double, 3>> patientPointAt(QPoint widgetPos) const;
    /// Image coordinates (see the class comment) to widget coordinates.
    QPointF imageToWidget(QPointF imagePoint) const;
    /// Widget coordinates to image coordinates.
    QPointF widgetToImage(QPointF widgetPoint) const;
    /// Logical widget pixels per millimetre in the image plane at the current zoom.
    double pixelsPerMm() const;
    /// The orientation letters shown at the four edges for the current rotation and flip.
    OrientationLabels orientationLabels() const;

signals:
    /// The slice shown changed.
    void sliceChanged(int index);
    /// The window changed (centre, width in modality units).
    void windowChanged(double center, double width);
    /// Zoom, pan, rotation, flip or inversion changed.
    void viewChanged();

protected:
    void prepareRender() override;
    bool hasScene() const override;
    void paintOverlay(QPainter &painter) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Pipeline;
    enum class Drag { None, Pan, Zoom, WindowLevel, Scroll };

    bool wrapVoxels();
    void updateGreyscale();
    void updateCamera();
    void zoomAbout(double factor, QPointF widgetAnchor);
    std::array<double, 3> slicePosition(int index) const;
    std::array<double, 3> patientDirection(double columnStep, double rowStep) const;
    double storedValue(int column, int row, int slice) const;
    OverlayContent overlayContent() const;
    Drag dragFor(Qt::MouseButtons buttons) const;

    std::unique_ptr<Pipeline> m_pipeline;
    ViewportImage m_image;
    int m_slice = 0;
    double m_center = 0;
    double m_width = 1;
    bool m_inverted = false;
    bool m_overlaysVisible = true;
    Tool m_tool = Tool::None;
    double m_zoom = 1;
    QPointF m_focus; ///< Image coordinates shown at the widget centre.
    std::array<int, 4> m_orient {1, 0, 0, 1}; ///< Screen = orient × image (row-major 2×2; rotation and flips).
    bool m_fitPending = true;
    Drag m_drag = Drag::None;
    QPointF m_lastMouse;
    QPointF m_pressMouse;
    double m_scrollRemainder = 0;
    int m_wheelRemainder = 0;
};

} // namespace lightbox
