// The text and graphics drawn over the image (Horos/RadiAnt layout): patient and study in the top corners, image
// number and slice position bottom-left, window and zoom bottom-right, orientation letters at the edges and a
// scale ruler in millimetres. Painted with QPainter after VTK's image is in the framebuffer, so text stays crisp.
#pragma once

#include <QCoreApplication>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <array>

class QColor;
class QPainter;
class QPointF;

namespace lightbox {

/// Orientation letters at the four edges of the viewport (patient LPS letters: L/R, A/P, H/F).
struct OrientationLabels
{
    QString left;
    QString right;
    QString top;
    QString bottom;
    bool operator==(const OrientationLabels &) const = default;
};

/// Everything the overlay shows; ImageViewport fills it from its image and view state.
struct OverlayContent
{
    QStringList topLeft;
    QStringList topRight;
    QStringList bottomLeft;
    QStringList bottomRight;
    OrientationLabels labels;
    double pixelsPerMm = 0; ///< Logical widget pixels per mm on screen; 0 = no ruler.
};

class ViewportOverlay
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::ViewportOverlay)

public:
    /// The letters for a direction in patient space (LPS: +x = L, +y = P, +z = H): the dominant axis first, and
    /// for an oblique direction a second letter for the next axis if its cosine is at least 0.25 (so a slightly
    /// tilted axial still reads as one letter). Empty for a zero vector.
    static QString directionLetters(const std::array<double, 3> &direction);

    /// The edge letters for a view whose screen-right and screen-down directions point along @p screenRight and
    /// @p screenDown in patient space: the right edge names where screenRight points, the left edge its opposite.
    static OrientationLabels labelsFor(const std::array<double, 3> &screenRight,
                                       const std::array<double, 3> &screenDown);

    /// The longest round length (1, 2 or 5 × 10^n mm) whose bar is at most @p maxPixels long at @p pixelsPerMm;
    /// 0 when not even 0.1 mm fits.
    static double rulerLengthMm(double pixelsPerMm, double maxPixels);

    /// "10 cm", "5 mm", "0.5 mm": the ruler's label.
    static QString rulerLabel(double lengthMm);

    /// Paints @p content into @p area (logical widget coordinates).
    static void paint(QPainter &painter, const QRectF &area, const OverlayContent &content);

    /// Draws @p text in @p painter's font with its baseline at @p baseline, filled with @p fill inside a dark
    /// outline, readable on white and black alike. Each text is drawn once into an image by the raster engine and
    /// the image reused (an OpenGL painter would tessellate the outline and the fill anew every frame, the main cost
    /// of the overlay on a software renderer); under a rotating or scaling transform the outline is drawn directly.
    static void drawOutlinedText(QPainter &painter, const QPointF &baseline, const QString &text, const QColor &fill);
    /// Forgets the images of drawOutlinedText() (and so the textures an OpenGL painter keeps for them), e.g. when a
    /// viewer closes.
    static void releaseTextImages();
};

} // namespace lightbox
