#pragma once

#include <QList>
#include <QString>

namespace lightbox {

struct ViewportImage;

/// A named window (centre and width in modality units: HU for CT).
struct NamedWindow
{
    QString name;
    double center = 0;
    double width = 0;
};

namespace windowpresets {

/// The standard presets for a modality (CT: brain, subdural, stroke, lung, mediastinum, abdomen, liver, bone);
/// empty for modalities without fixed units.
QList<NamedWindow> forModality(const QString &modality);
/// A window that spans the 1st to 99th percentile of slice @p slice's modality values (monochrome only).
NamedWindow automatic(const ViewportImage &image, int slice);

} // namespace windowpresets
} // namespace lightbox
