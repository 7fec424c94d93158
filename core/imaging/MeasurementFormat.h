#pragma once

#include "core/imaging/RoiStatistics.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace lightbox {

/// The texts the measurement tools show next to their shapes, translated (context "lightbox::Measurement") and
/// with the numbers in @p locale's format (the default locale unless given).
class MeasurementFormat
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::Measurement)

public:
    /// A length with one decimal: "12.3 mm", or "12.3 px" when the image has no pixel spacing.
    static QString length(double value, bool millimetres, const QLocale &locale = QLocale());
    /// An angle with one decimal: "45.0°".
    static QString angle(double degrees, const QLocale &locale = QLocale());
    /// An area with one decimal: "123.4 mm²", or "123.4 px²" without pixel spacing.
    static QString area(double value, bool millimetres, const QLocale &locale = QLocale());
    /// A pixel value: whole numbers without decimals, others with one; " HU" appended for Hounsfield units.
    static QString value(double value, bool hounsfield, const QLocale &locale = QLocale());
    /// ROI statistics in one line: "mean 40.2 HU, SD 3.1, min 12, max 80, area 123.4 mm²" (without "HU" when
    /// the values are not Hounsfield units); "no pixels inside" for an empty region.
    static QString roi(const RoiStatistics &statistics, bool hounsfield, bool millimetres,
                       const QLocale &locale = QLocale());
};

} // namespace lightbox
