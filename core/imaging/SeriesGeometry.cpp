#include "core/imaging/SeriesGeometry.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox {
namespace {

// Two direction cosines differing by less than sin(0.5°) are the same direction.
constexpr double kOrientationTolerance = 0.0087;
// Slices closer than this along the normal share a position.
constexpr double kSamePositionMm = 1e-3;
// A gap is irregular when it differs from the median by more than the larger of these.
constexpr double kGapToleranceMm = 0.01;
constexpr double kGapToleranceRelative = 0.05;
// Beyond this angle between stacking direction and normal the stack is tilted.
constexpr double kTiltToleranceDegrees = 0.5;

using Vec3 = std::array<double, 3>;

double dot(const Vec3 &a, const Vec3 &b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 cross(const Vec3 &a, const Vec3 &b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double length(const Vec3 &a)
{
    return std::sqrt(dot(a, a));
}

QString mm(double value)
{
    return QLocale().toString(value, 'f', std::abs(value) < 10 ? 2 : 1);
}

QString cosines(const std::array<double, 6> &o)
{
    QStringList parts;
    for (int i = 0; i < 6; ++i)
        parts << QLocale().toString(std::abs(o[i]) < 5e-4 ? 0.0 : o[i], 'g', 3);
    return QStringLiteral("%1, %2, %3 / %4, %5, %6").arg(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
}

template<typename Key, typename Same> QList<QList<int>> groupBy(const QList<int> &indices, Key key, Same same)
{
    QList<QList<int>> groups;
    for (int i : indices) {
        auto it
            = std::find_if(groups.begin(), groups.end(), [&](const QList<int> &g) { return same(key(g[0]), key(i)); });
        if (it == groups.end())
            groups.append(QList<int> {i});
        else
            it->append(i);
    }
    // Largest first; on a tie the group met first in the input wins (stable sort).
    std::stable_sort(groups.begin(), groups.end(),
                     [](const QList<int> &a, const QList<int> &b) { return a.size() > b.size(); });
    return groups;
}

QString sliceCount(qsizetype n)
{
    return n == 1 ? SeriesGeometry::tr("1 slice") : SeriesGeometry::tr("%1 slices").arg(QLocale().toString(n));
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    const auto mid = values.begin() + values.size() / 2;
    std::nth_element(values.begin(), mid, values.end());
    if (values.size() % 2 == 1)
        return *mid;
    const double upper = *mid;
    const double lower = *std::max_element(values.begin(), mid);
    return (lower + upper) / 2.0;
}

} // namespace

QStringList SeriesGeometry::Result::warningTexts() const
{
    QStringList texts;
    for (const Warning &w : warnings)
        texts << w.text;
    return texts;
}

bool SeriesGeometry::Result::has(Issue issue) const
{
    return std::any_of(warnings.begin(), warnings.end(), [issue](const Warning &w) { return w.issue == issue; });
}

QString SeriesGeometry::orientationName(const std::array<double, 6> &orientation)
{
    const Vec3 n = normalOf(orientation);
    const double x = std::abs(n[0]);
    const double y = std::abs(n[1]);
    const double z = std::abs(n[2]);
    constexpr double kDominant = 0.95; // within about 18° of a patient axis
    if (z >= kDominant)
        return tr("axial");
    if (y >= kDominant)
        return tr("coronal");
    if (x >= kDominant)
        return tr("sagittal");
    return tr("oblique");
}

bool SeriesGeometry::sameOrientation(const std::array<double, 6> &a, const std::array<double, 6> &b)
{
    for (int i = 0; i < 6; ++i) {
        if (std::abs(a[i] - b[i]) > kOrientationTolerance)
            return false;
    }
    return true;
}

std::array<double, 3> SeriesGeometry::normalOf(const std::array<double, 6> &orientation)
{
    const Vec3 n
        = cross({orientation[0], orientation[1], orientation[2]}, {orientation[3], orientation[4], orientation[5]});
    const double len = length(n);
    if (len <= 0.0)
        return {0.0, 0.0, 1.0};
    return {n[0] / len, n[1] / len, n[2] / len};
}

SeriesGeometry::Result SeriesGeometry::compute(const QList<Slice> &slices)
{
    Result result;
    if (slices.isEmpty())
        return result;

    QList<int> kept;
    for (int i = 0; i < slices.size(); ++i)
        kept << i;

    // Mixed orientations: keep the largest group of oriented slices (unoriented ones stay and force the fallback).
    QList<int> oriented;
    QList<int> unoriented;
    for (int i : kept)
        (slices[i].hasOrientation ? oriented : unoriented) << i;
    const QList<QList<int>> orientationGroups = groupBy(
        oriented, [&](int i) { return slices[i].orientation; }, &SeriesGeometry::sameOrientation);
    if (orientationGroups.size() > 1) {
        QStringList listed;
        for (const QList<int> &g : orientationGroups) {
            const auto &o = slices[g[0]].orientation;
            listed << tr("%1 (%2): %3").arg(orientationName(o), cosines(o), sliceCount(g.size()));
        }
        const auto &majority = slices[orientationGroups[0][0]].orientation;
        result.warnings << Warning {Issue::MixedOrientations,
                                    tr("The series mixes %1 slice orientations: %2. Only the %3 of the most common "
                                       "orientation (%4) are shown.")
                                        .arg(QString::number(orientationGroups.size()),
                                             listed.join(QStringLiteral("; ")), sliceCount(orientationGroups[0].size()),
                                             orientationName(majority))};
        for (int g = 1; g < orientationGroups.size(); ++g)
            result.excluded << orientationGroups[g];
        kept = orientationGroups[0] + unoriented;
        std::sort(kept.begin(), kept.end());
    }

    // Mixed sizes: keep the largest group of equal rows × columns.
    const QList<QList<int>> sizeGroups = groupBy(
        kept, [&](int i) { return std::pair(slices[i].rows, slices[i].columns); },
        [](const auto &a, const auto &b) { return a == b; });
    if (sizeGroups.size() > 1) {
        QStringList listed;
        for (const QList<int> &g : sizeGroups) {
            listed << tr("%1 × %2 pixels: %3")
                          .arg(QString::number(slices[g[0]].columns), QString::number(slices[g[0]].rows),
                               sliceCount(g.size()));
        }
        const Slice &first = slices[sizeGroups[0][0]];
        result.warnings << Warning {Issue::MixedSizes,
                                    tr("The images of this series differ in size: %1. Only the %2 of %3 × %4 pixels "
                                       "are shown.")
                                        .arg(listed.join(QStringLiteral("; ")), sliceCount(sizeGroups[0].size()),
                                             QString::number(first.columns), QString::number(first.rows))};
        for (int g = 1; g < sizeGroups.size(); ++g)
            result.excluded << sizeGroups[g];
        kept = sizeGroups[0];
        std::sort(kept.begin(), kept.end());
    }

    const Slice &reference = slices[kept[0]];
    const bool allPositioned = std::all_of(kept.begin(), kept.end(),
                                           [&](int i) { return slices[i].hasPosition && slices[i].hasOrientation; });
    const bool singleSource
        = std::all_of(kept.begin(), kept.end(), [&](int i) { return slices[i].source == reference.source; });
    const Vec3 normal = reference.hasOrientation ? normalOf(reference.orientation) : Vec3 {0.0, 0.0, 1.0};
    auto offsetOf = [&](int i) { return dot(slices[i].position, normal); };

    // A multi-frame file whose frames all share one position is a cine stack, not a volume of duplicates.
    bool cine = false;
    if (allPositioned && singleSource && kept.size() > 1) {
        const double first = offsetOf(kept[0]);
        cine = std::all_of(kept.begin(), kept.end(),
                           [&](int i) { return std::abs(offsetOf(i) - first) < kSamePositionMm; });
    }

    const double declaredSpacing = reference.spacingBetweenSlices > 0.0 ? reference.spacingBetweenSlices
        : reference.sliceThickness > 0.0                                ? reference.sliceThickness
                                                                        : 1.0;
    if (allPositioned && !cine) {
        result.sortedByPosition = true;
        std::stable_sort(kept.begin(), kept.end(), [&](int a, int b) { return offsetOf(a) < offsetOf(b); });

        // Repeated positions: keep the slice that came first in the input.
        QList<int> unique;
        QList<int> repeated;
        for (int start = 0; start < kept.size();) {
            int end = start + 1;
            while (end < kept.size() && offsetOf(kept[end]) - offsetOf(kept[start]) < kSamePositionMm)
                ++end;
            const auto first = std::min_element(kept.begin() + start, kept.begin() + end);
            unique << *first;
            for (auto it = kept.begin() + start; it != kept.begin() + end; ++it) {
                if (it != first)
                    repeated << *it;
            }
            start = end;
        }
        if (!repeated.isEmpty()) {
            QStringList numbers;
            for (int i : repeated)
                numbers << QString::number(slices[i].instanceNumber);
            result.warnings << Warning {
                Issue::DuplicatePositions,
                repeated.size() == 1 ? tr("1 image repeats a position already in the stack (instance number "
                                          "%1); it is left out.")
                                           .arg(numbers[0])
                                     : tr("%1 images repeat positions already in the stack (instance numbers "
                                          "%2); they are left out.")
                                           .arg(QString::number(repeated.size()), numbers.join(QStringLiteral(", ")))};
            result.excluded << repeated;
        }
        kept = unique;

        for (int i : kept)
            result.offsets << offsetOf(i);
        QList<double> gaps;
        for (int k = 1; k < result.offsets.size(); ++k)
            gaps << result.offsets[k] - result.offsets[k - 1];
        const double usual = median(gaps);
        result.spacing[2] = usual > 0.0 ? usual : declaredSpacing;
        if (!gaps.isEmpty()) {
            const double tolerance = std::max(kGapToleranceMm, kGapToleranceRelative * usual);
            int worst = 0;
            for (int k = 1; k < gaps.size(); ++k) {
                if (std::abs(gaps[k] - usual) > std::abs(gaps[worst] - usual))
                    worst = k;
            }
            if (std::abs(gaps[worst] - usual) > tolerance) {
                result.warnings << Warning {
                    Issue::IrregularSpacing,
                    tr("The slices are not evenly spaced: the gap between slices %1 and %2 (at %3 mm and %4 mm) is "
                       "%5 mm, where %6 mm is usual. Distances across slices and 3D views may be wrong there.")
                        .arg(QString::number(worst + 1), QString::number(worst + 2), mm(result.offsets[worst]),
                             mm(result.offsets[worst + 1]), mm(gaps[worst]), mm(usual))};
            }
        }

        const Vec3 &firstPosition = slices[kept.first()].position;
        const Vec3 &lastPosition = slices[kept.last()].position;
        const Vec3 stack {lastPosition[0] - firstPosition[0], lastPosition[1] - firstPosition[1],
                          lastPosition[2] - firstPosition[2]};
        const double stackLength = length(stack);
        if (stackLength > 0.0) {
            const double cosine = std::clamp(std::abs(dot(stack, normal)) / stackLength, 0.0, 1.0);
            result.tiltDegrees = std::acos(cosine) * 180.0 / std::numbers::pi;
        }
        if (result.tiltDegrees > kTiltToleranceDegrees) {
            result.warnings << Warning {Issue::GantryTilt,
                                        tr("The slices are stacked %1° off the perpendicular of the image plane "
                                           "(gantry tilt). 2D reading is fine; 3D views and distances across slices "
                                           "are not exact.")
                                            .arg(QLocale().toString(result.tiltDegrees, 'f', 1))};
        }
    } else {
        std::stable_sort(kept.begin(), kept.end(), [&](int a, int b) {
            return std::tie(slices[a].instanceNumber, slices[a].frame)
                < std::tie(slices[b].instanceNumber, slices[b].frame);
        });
        result.spacing[2] = declaredSpacing;
        for (int k = 0; k < kept.size(); ++k)
            result.offsets << k * declaredSpacing;
        if (!cine && !singleSource) {
            result.warnings << Warning {Issue::MissingPositions,
                                        tr("Some images have no position or orientation, so the slices are ordered by "
                                           "instance number and assumed to be %1 mm apart. Check the order before "
                                           "measuring across slices.")
                                            .arg(mm(declaredSpacing))};
        }
    }

    result.order = kept;
    std::sort(result.excluded.begin(), result.excluded.end());

    const Slice &first = slices[kept.first()];
    if (first.hasPixelSpacing) {
        result.spacing[0] = first.columnSpacing;
        result.spacing[1] = first.rowSpacing;
    }
    if (first.hasPosition)
        result.origin = first.position;
    if (first.hasOrientation) {
        const auto &o = first.orientation;
        const Vec3 n = normalOf(o);
        result.direction = {o[0], o[3], n[0], o[1], o[4], n[1], o[2], o[5], n[2]};
    }
    return result;
}

} // namespace lightbox
