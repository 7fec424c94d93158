#include "ui/viewer/WindowPresets.h"

#include "ui/viewer/ViewportImage.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <vector>

namespace lightbox::windowpresets {
namespace {

template<typename T> void collect(const void *data, std::size_t count, std::vector<double> &out)
{
    const T *p = static_cast<const T *>(data);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(static_cast<double>(p[i]));
}

} // namespace

QList<NamedWindow> forModality(const QString &modality)
{
    if (modality.compare(QLatin1String("CT"), Qt::CaseInsensitive) != 0)
        return {};
    // Centre / width in HU, as radiology departments commonly set them.
    return {
        {QCoreApplication::translate("lightbox::WindowPresets", "Brain"), 40, 80},
        {QCoreApplication::translate("lightbox::WindowPresets", "Subdural"), 75, 215},
        {QCoreApplication::translate("lightbox::WindowPresets", "Stroke"), 40, 40},
        {QCoreApplication::translate("lightbox::WindowPresets", "Lung"), -600, 1500},
        {QCoreApplication::translate("lightbox::WindowPresets", "Mediastinum"), 50, 350},
        {QCoreApplication::translate("lightbox::WindowPresets", "Abdomen"), 40, 400},
        {QCoreApplication::translate("lightbox::WindowPresets", "Liver"), 60, 160},
        {QCoreApplication::translate("lightbox::WindowPresets", "Bone"), 400, 1800},
    };
}

NamedWindow automatic(const ViewportImage &image, int slice)
{
    NamedWindow w {QCoreApplication::translate("lightbox::WindowPresets", "Auto"), 0, 0};
    if (!image.isValid() || image.isColor() || slice < 0 || slice >= image.slices)
        return w;
    const std::size_t count = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    const auto *base = static_cast<const char *>(image.data)
        + count * static_cast<std::size_t>(ViewportImage::bytesPerVoxel(image.type)) * static_cast<std::size_t>(slice);
    std::vector<double> values;
    switch (image.type) {
    case ViewportImage::Type::UInt8:
        collect<quint8>(base, count, values);
        break;
    case ViewportImage::Type::Int8:
        collect<qint8>(base, count, values);
        break;
    case ViewportImage::Type::UInt16:
        collect<quint16>(base, count, values);
        break;
    case ViewportImage::Type::Int16:
        collect<qint16>(base, count, values);
        break;
    case ViewportImage::Type::UInt32:
        collect<quint32>(base, count, values);
        break;
    case ViewportImage::Type::Int32:
        collect<qint32>(base, count, values);
        break;
    case ViewportImage::Type::Float32:
        collect<float>(base, count, values);
        break;
    case ViewportImage::Type::Rgb8:
        return w;
    }
    if (values.empty())
        return w;
    const std::size_t lo = values.size() / 100;
    const std::size_t hi = values.size() - 1 - values.size() / 100;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
    const double low = values[lo];
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(hi), values.end());
    const double high = values[hi];
    const double a = low * image.slope + image.intercept;
    const double b = high * image.slope + image.intercept;
    w.center = (a + b) / 2.0;
    w.width = std::max(1.0, std::abs(b - a));
    return w;
}

} // namespace lightbox::windowpresets
