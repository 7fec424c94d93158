#include "core/index/Measurement.h"

namespace lightbox {

QString Measurement::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Distance:
        return QStringLiteral("distance");
    case Kind::Angle:
        return QStringLiteral("angle");
    case Kind::Ellipse:
        return QStringLiteral("ellipse");
    case Kind::Rectangle:
        return QStringLiteral("rectangle");
    case Kind::Probe:
        return QStringLiteral("probe");
    }
    return {};
}

std::optional<Measurement::Kind> Measurement::kindFromName(const QString &name)
{
    for (Kind k : {Kind::Distance, Kind::Angle, Kind::Ellipse, Kind::Rectangle, Kind::Probe}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

int Measurement::pointCount(Kind kind)
{
    switch (kind) {
    case Kind::Distance:
    case Kind::Ellipse:
    case Kind::Rectangle:
        return 2;
    case Kind::Angle:
        return 3;
    case Kind::Probe:
        return 1;
    }
    return 0;
}

} // namespace lightbox
