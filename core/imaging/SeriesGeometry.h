#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>

namespace lightbox {

/// Orders the slices of a series along the slice normal and checks that they form a regular volume.
///
/// The normal is row direction × column direction (Image Orientation (Patient)); slices are sorted by
/// dot(Image Position (Patient), normal), ascending, so the volume's third axis points along the normal and
/// the volume is right-handed. When any slice lacks a position or an orientation, the order falls back to
/// Instance Number (then frame, then input order). Irregular spacing, gantry tilt, mixed orientations, mixed
/// image sizes, repeated positions and missing positions are reported as warnings in plain words. Pure
/// computation: thread-safe, no I/O.
class SeriesGeometry
{
    Q_DECLARE_TR_FUNCTIONS(lightbox::SeriesGeometry)

public:
    /// What the geometry needs to know about one slice (one frame of one file).
    struct Slice
    {
        int source = 0; ///< the caller's file index; slices of one multi-frame file share it
        int frame = 0; ///< frame number within the file (0 for single-frame files)
        int rows = 0;
        int columns = 0;
        bool hasPosition = false;
        std::array<double, 3> position {}; ///< Image Position (Patient), mm
        bool hasOrientation = false;
        std::array<double, 6> orientation {}; ///< Image Orientation (Patient): row then column direction cosines
        bool hasPixelSpacing = false;
        double rowSpacing = 1.0; ///< Pixel Spacing[0]: distance between rows (vertical), mm
        double columnSpacing = 1.0; ///< Pixel Spacing[1]: distance between columns (horizontal), mm
        double sliceThickness = 0.0; ///< mm, 0 when unknown
        double spacingBetweenSlices = 0.0; ///< mm, 0 when unknown
        int instanceNumber = 0;
    };

    /// What a warning is about, for callers that react to a kind (e.g. disable 3D on gantry tilt).
    enum class Issue {
        IrregularSpacing,
        GantryTilt,
        MixedOrientations,
        MixedSizes,
        DuplicatePositions,
        MissingPositions,
    };

    /// One warning: its kind and a translated sentence for the user.
    struct Warning
    {
        Issue issue;
        QString text;
    };

    /// The ordered stack and the volume geometry VTK needs.
    struct Result
    {
        QList<int> order; ///< indices into the input, in volume order (first = lowest along the normal)
        QList<int> excluded; ///< indices left out (minority orientation or size, repeated position)
        bool sortedByPosition = false; ///< false: ordered by Instance Number (positions or orientations missing)
        QList<double> offsets; ///< per ordered slice: dot(position, normal) in mm (0 without positions)
        std::array<double, 3> spacing {1.0, 1.0, 1.0}; ///< x (along a row), y (down a column), z (between slices)
        std::array<double, 3> origin {}; ///< position of the first ordered slice's first pixel, mm
        /// Row-major 3×3; column c is the patient-space direction of index axis c (row, column, normal).
        std::array<double, 9> direction {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double tiltDegrees = 0.0; ///< angle between the stacking direction and the normal
        QList<Warning> warnings;

        /// The warnings' sentences.
        QStringList warningTexts() const;
        /// True when a warning of @p issue was reported.
        bool has(Issue issue) const;
    };

    /// Orders @p slices and computes the volume geometry.
    /// Among slices with different orientations (or sizes) only the largest group is kept; among slices at the
    /// same position only the first in @p slices is kept (callers pre-sort if they care which).
    /// @return the order, the geometry and the warnings; an empty order for empty input.
    static Result compute(const QList<Slice> &slices);

    /// Plain-words name of an orientation: "axial", "coronal", "sagittal" or "oblique" (translated).
    static QString orientationName(const std::array<double, 6> &orientation);

    /// True when two orientations agree within about 0.5° per direction.
    static bool sameOrientation(const std::array<double, 6> &a, const std::array<double, 6> &b);

    /// Normal of @p orientation: row direction × column direction, normalised.
    static std::array<double, 3> normalOf(const std::array<double, 6> &orientation);
};

} // namespace lightbox
