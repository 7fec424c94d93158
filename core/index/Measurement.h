#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QString>

#include <optional>

namespace lightbox {

/// One measurement drawn on an image: what it is, where (image pixel coordinates) and on which instance and
/// frame. A value type shared by the index (which stores it next to the instance) and the viewer (which draws and
/// evaluates it); the numbers it shows (mm, degrees, ROI statistics) are computed from it, never stored.
///
/// Points are continuous image coordinates (column, row): the centre of the top-left pixel is (0.5, 0.5), its
/// top-left corner (0, 0). Distance: 2 points; Angle: 3 points (vertex in the middle); Ellipse and Rectangle: 2
/// opposite corners of the bounding box; Probe: 1 point.
struct Measurement
{
    enum class Kind { Distance, Angle, Ellipse, Rectangle, Probe };

    qint64 id = 0; ///< 0 until saved; MeasurementStore::save() assigns it.
    QString sopInstanceUid;
    int frame = 0; ///< Frame of a multi-frame instance, 0-based.
    Kind kind = Kind::Distance;
    QList<QPointF> points;
    QString label; ///< The user's own text, empty by default.
    QDateTime createdAt;

    /// The stored name of @p kind: "distance", "angle", "ellipse", "rectangle" or "probe" (not translated).
    static QString kindName(Kind kind);
    /// Parses a stored kind name. @return std::nullopt for an unknown name.
    static std::optional<Kind> kindFromName(const QString &name);
    /// How many points a complete measurement of @p kind has.
    static int pointCount(Kind kind);
    /// True when the kind and the number of points agree.
    bool isComplete() const { return points.size() == pointCount(kind); }
};

} // namespace lightbox

Q_DECLARE_METATYPE(lightbox::Measurement)
