#include "core/imaging/MeasurementFormat.h"

#include <cmath>

namespace lightbox {
namespace {

QString number(double value, const QLocale &locale)
{
    // Whole values (CT numbers, most stored values) read better without a trailing ".0".
    const bool whole = std::abs(value - std::round(value)) < 1e-9;
    return locale.toString(value, 'f', whole ? 0 : 1);
}

} // namespace

QString MeasurementFormat::length(double value, bool millimetres, const QLocale &locale)
{
    const QString n = locale.toString(value, 'f', 1);
    return millimetres ? tr("%1 mm").arg(n) : tr("%1 px").arg(n);
}

QString MeasurementFormat::angle(double degrees, const QLocale &locale)
{
    return tr("%1°").arg(locale.toString(degrees, 'f', 1));
}

QString MeasurementFormat::area(double value, bool millimetres, const QLocale &locale)
{
    const QString n = locale.toString(value, 'f', 1);
    return millimetres ? tr("%1 mm²").arg(n) : tr("%1 px²").arg(n);
}

QString MeasurementFormat::value(double value, bool hounsfield, const QLocale &locale)
{
    return hounsfield ? tr("%1 HU").arg(number(value, locale)) : number(value, locale);
}

QString MeasurementFormat::roi(const RoiStatistics &s, bool hounsfield, bool millimetres, const QLocale &locale)
{
    if (s.count == 0)
        return tr("no pixels inside");
    const QString mean = locale.toString(s.mean, 'f', 1);
    const QString sd = locale.toString(s.standardDeviation, 'f', 1);
    const QString text
        = hounsfield ? tr("mean %1 HU, SD %2, min %3, max %4, area %5") : tr("mean %1, SD %2, min %3, max %4, area %5");
    return text.arg(mean, sd, number(s.min, locale), number(s.max, locale), area(s.area, millimetres, locale));
}

} // namespace lightbox
