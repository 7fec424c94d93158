#pragma once

#include <QString>

namespace lightbox {

/// Display formatting of DICOM values for people (the browser, overlays, dialogs).
namespace dicomformat {

/// "Doe^John^A^Dr" → "DOE, John A" (family name in capitals, as clinical lists show it). Of a name with
/// ideographic or phonetic groups, the first non-empty group is shown.
QString personName(const QString &dicomName);
/// "19700102" → the locale's short date with a four-digit year; malformed values are shown as they are.
QString date(const QString &dicomDate);
/// "153012.123" → "15:30"; empty when absent.
QString time(const QString &dicomTime);
/// "CT\\SR" → "CT, SR".
QString multiValue(const QString &value);
/// 1536 → "1.5 KB"; bytes in the locale's number format.
QString byteSize(qint64 bytes);

} // namespace dicomformat
} // namespace lightbox
