#include "ui/viewer/ViewportOverlay.h"

#include <QCache>
#include <QColor>
#include <QFontMetricsF>
#include <QImage>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QVarLengthArray>
#include <QtMath>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

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

/// @p text in @p fill with a dark outline about 2 pixels wide around its glyphs, the look of drawOutlinePath(), made
/// from the font's glyphs (its glyph cache, hinting) and their coverage widened by a small disc: a tenth of the time
/// of stroking and filling its outline path (0.25 against 2.4 ms a text here); a new viewer's first frame draws
/// some twenty texts, and each scroll step two or three new ones.
OutlinedTextImage renderOutlinedText(const QFont &font, const QString &text, const QColor &fill, qreal ratio)
{
    constexpr int pad = 3; // outline and antialiasing around the glyphs' box, in pixels
    const QRectF bounds = QFontMetricsF(font).boundingRect(text).adjusted(-pad, -pad, pad, pad);
    QImage image(QSize(qCeil(bounds.width() * ratio), qCeil(bounds.height() * ratio)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter glyphs(&image);
        glyphs.setRenderHint(QPainter::TextAntialiasing);
        glyphs.scale(ratio, ratio);
        glyphs.setFont(font);
        glyphs.setPen(fill);
        glyphs.drawText(-bounds.topLeft(), text);
    }
    // The outline's coverage: the glyphs' coverage spread over a disc of 2 (device) pixels with a soft edge.
    const int width = image.width();
    const int height = image.height();
    const double radius = 2.0 * ratio;
    const int reach = qCeil(radius + 0.5);
    struct Tap
    {
        int dx, dy;
        double weight;
    };
    QVarLengthArray<Tap, 32> disc;
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            const double weight = std::clamp(radius + 0.5 - std::hypot(dx, dy), 0.0, 1.0);
            if (weight > 0)
                disc.append({dx, dy, weight});
        }
    std::vector<std::uint8_t> coverage(std::size_t(width) * std::size_t(height));
    for (int y = 0; y < height; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < width; ++x)
            coverage[std::size_t(y) * std::size_t(width) + std::size_t(x)] = std::uint8_t(qAlpha(line[x]));
    }
    constexpr double outlineAlpha = 200.0 / 255.0; // as drawOutlinePath()'s pen
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            double spread = 0;
            for (const Tap &tap : disc) {
                const int sx = x + tap.dx;
                const int sy = y + tap.dy;
                if (sx >= 0 && sy >= 0 && sx < width && sy < height)
                    spread = std::max(spread,
                                      tap.weight * coverage[std::size_t(sy) * std::size_t(width) + std::size_t(sx)]);
            }
            // The glyphs over the black outline (premultiplied: the outline adds alpha only).
            const QRgb glyph = line[x];
            const double under = spread * outlineAlpha * (255 - qAlpha(glyph)) / 255.0;
            line[x] = qRgba(qRed(glyph), qGreen(glyph), qBlue(glyph), qMin(255, qAlpha(glyph) + qRound(under)));
        }
    }
    image.setDevicePixelRatio(ratio);
    return {image, bounds.topLeft()};
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
        entry = new OutlinedTextImage(renderOutlinedText(painter.font(), text, fill, ratio));
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
