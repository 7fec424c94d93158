#include "ui/viewer/ViewportOverlay.h"

#include <QCache>
#include <QColor>
#include <QFontMetricsF>
#include <QImage>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace lightbox {
namespace {

constexpr double secondLetterCosine = 0.25;
constexpr int margin = 6;

QChar axisLetter(int axis, bool positive)
{
    static constexpr char positiveLetters[] = {'L', 'P', 'H'};
    static constexpr char negativeLetters[] = {'R', 'A', 'F'};
    return QLatin1Char(positive ? positiveLetters[axis] : negativeLetters[axis]);
}

std::array<double, 3> negated(const std::array<double, 3> &v)
{
    return {-v[0], -v[1], -v[2]};
}

const QColor textColour(235, 235, 235);

void drawOutlinedText(QPainter &painter, const QPointF &baseline, const QString &text)
{
    ViewportOverlay::drawOutlinedText(painter, baseline, text, textColour);
}

void drawOutlinePath(QPainter &painter, const QPainterPath &path, const QColor &fill)
{
    painter.setPen(QPen(QColor(0, 0, 0, 200), 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawPath(path);
}

/// One text drawn with its outline, and where its image's corner lies relative to the baseline origin.
struct OutlinedTextImage
{
    QImage image;
    QPointF offset;
};

/// Keyed by everything that changes the pixels. Small: an OpenGL painter keeps a texture for every image it draws
/// until the image is deleted, so the texts a scroll leaves behind (image numbers, positions) must go soon; one
/// viewport's overlay is about 20 texts (a 2 × 2 layout redraws some of its texts now and then). GUI thread only.
QCache<QString, OutlinedTextImage> &textImages()
{
    static QCache<QString, OutlinedTextImage> cache(64);
    return cache;
}

void drawCorner(QPainter &painter, const QRectF &area, const QStringList &lines, Qt::Alignment corner)
{
    const QFontMetricsF metrics(painter.font());
    const double lineHeight = metrics.lineSpacing();
    const bool bottom = corner & Qt::AlignBottom;
    const bool right = corner & Qt::AlignRight;
    double y = bottom ? area.bottom() - margin - metrics.descent() - (lines.size() - 1) * lineHeight
                      : area.top() + margin + metrics.ascent();
    for (const QString &line : lines) {
        const double x = right ? area.right() - margin - metrics.horizontalAdvance(line) : area.left() + margin;
        drawOutlinedText(painter, QPointF(x, y), line);
        y += lineHeight;
    }
}

void drawLabels(QPainter &painter, const QRectF &area, const OrientationLabels &labels)
{
    QFont font = painter.font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const QPointF center = area.center();
    const double middle = center.y() + (metrics.ascent() - metrics.descent()) / 2;
    drawOutlinedText(painter, QPointF(area.left() + margin, middle), labels.left);
    drawOutlinedText(painter, QPointF(area.right() - margin - metrics.horizontalAdvance(labels.right), middle),
                     labels.right);
    drawOutlinedText(
        painter,
        QPointF(center.x() - metrics.horizontalAdvance(labels.top) / 2, area.top() + margin + metrics.ascent()),
        labels.top);
    drawOutlinedText(
        painter,
        QPointF(center.x() - metrics.horizontalAdvance(labels.bottom) / 2, area.bottom() - margin - metrics.descent()),
        labels.bottom);
}

/// A horizontal bar with a tick every tenth, above the bottom letter.
void drawRuler(QPainter &painter, const QRectF &area, double pixelsPerMm)
{
    const double lengthMm = ViewportOverlay::rulerLengthMm(pixelsPerMm, area.width() / 3);
    if (lengthMm <= 0)
        return;
    const QFontMetricsF metrics(painter.font());
    const double length = lengthMm * pixelsPerMm;
    const double y = area.bottom() - margin - 2.5 * metrics.lineSpacing();
    const double x0 = area.center().x() - length / 2;
    QPainterPath path;
    path.moveTo(x0, y);
    path.lineTo(x0 + length, y);
    for (int i = 0; i <= 10; ++i) {
        const double tick = (i % 5 == 0) ? 7 : 4;
        path.moveTo(x0 + length * i / 10, y);
        path.lineTo(x0 + length * i / 10, y - tick);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 200), 3.0));
    painter.drawPath(path);
    painter.setPen(QPen(QColor(235, 235, 235), 1.0));
    painter.drawPath(path);
    const QString label = ViewportOverlay::rulerLabel(lengthMm);
    drawOutlinedText(painter, QPointF(x0 + length + 5, y + metrics.ascent() / 2 - 1), label);
}

} // namespace

QString ViewportOverlay::directionLetters(const std::array<double, 3> &direction)
{
    std::array<int, 3> axes {0, 1, 2};
    std::sort(axes.begin(), axes.end(), [&](int a, int b) { return std::abs(direction[a]) > std::abs(direction[b]); });
    const double norm = std::hypot(direction[0], direction[1], direction[2]);
    QString letters;
    if (norm <= 0)
        return letters;
    letters += axisLetter(axes[0], direction[axes[0]] > 0);
    if (std::abs(direction[axes[1]]) / norm >= secondLetterCosine)
        letters += axisLetter(axes[1], direction[axes[1]] > 0);
    return letters;
}

OrientationLabels ViewportOverlay::labelsFor(const std::array<double, 3> &screenRight,
                                             const std::array<double, 3> &screenDown)
{
    return {directionLetters(negated(screenRight)), directionLetters(screenRight),
            directionLetters(negated(screenDown)), directionLetters(screenDown)};
}

double ViewportOverlay::rulerLengthMm(double pixelsPerMm, double maxPixels)
{
    if (pixelsPerMm <= 0 || maxPixels <= 0)
        return 0;
    const double maxMm = maxPixels / pixelsPerMm;
    double best = 0;
    for (double decade = 0.1; decade <= 1e5; decade *= 10) {
        for (const double step : {1.0, 2.0, 5.0}) {
            if (step * decade <= maxMm * (1 + 1e-9))
                best = step * decade;
        }
    }
    return best;
}

QString ViewportOverlay::rulerLabel(double lengthMm)
{
    if (lengthMm >= 10 && std::fmod(lengthMm, 10) == 0)
        return tr("%1 cm").arg(lengthMm / 10);
    return tr("%1 mm").arg(lengthMm);
}

void ViewportOverlay::drawOutlinedText(QPainter &painter, const QPointF &baseline, const QString &text,
                                       const QColor &fill)
{
    if (text.isEmpty())
        return;
    const QTransform &transform = painter.worldTransform();
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    if (transform.type() > QTransform::TxTranslate) {
        QPainterPath path;
        path.addText(baseline, painter.font(), text);
        painter.save();
        drawOutlinePath(painter, path, fill);
        painter.restore();
        return;
    }
    QCache<QString, OutlinedTextImage> &cache = textImages();
    const QString key = painter.font().key() + QLatin1Char('|') + QString::number(ratio) + QLatin1Char('|')
        + QString::number(fill.rgba(), 16) + QLatin1Char('|') + text;
    OutlinedTextImage *entry = cache.object(key);
    if (!entry) {
        QPainterPath path;
        path.addText(QPointF(0, 0), painter.font(), text);
        // The 3-pixel outline reaches 1.5 pixels beyond the glyphs, antialiasing one more.
        const QRectF bounds = path.boundingRect().adjusted(-3, -3, 3, 3);
        QImage image(QSize(qCeil(bounds.width() * ratio), qCeil(bounds.height() * ratio)),
                     QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::transparent);
        QPainter imagePainter(&image);
        imagePainter.setRenderHint(QPainter::Antialiasing);
        imagePainter.translate(-bounds.topLeft());
        drawOutlinePath(imagePainter, path, fill);
        imagePainter.end();
        entry = new OutlinedTextImage {image, bounds.topLeft()};
        cache.insert(key, entry);
    }
    // Drawn pixel for pixel: its corner on the device pixel grid.
    const QPointF device = transform.map(baseline + entry->offset) * ratio;
    const QPointF corner = QPointF(std::round(device.x()), std::round(device.y())) / ratio;
    painter.drawImage(transform.inverted().map(corner), entry->image);
}

void ViewportOverlay::releaseTextImages()
{
    textImages().clear();
}

void ViewportOverlay::paint(QPainter &painter, const QRectF &area, const OverlayContent &content)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    drawCorner(painter, area, content.topLeft, Qt::AlignTop | Qt::AlignLeft);
    drawCorner(painter, area, content.topRight, Qt::AlignTop | Qt::AlignRight);
    drawCorner(painter, area, content.bottomLeft, Qt::AlignBottom | Qt::AlignLeft);
    drawCorner(painter, area, content.bottomRight, Qt::AlignBottom | Qt::AlignRight);
    if (content.pixelsPerMm > 0)
        drawRuler(painter, area, content.pixelsPerMm);
    drawLabels(painter, area, content.labels);
    painter.restore();
}

} // namespace lightbox
