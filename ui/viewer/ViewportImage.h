// What the image viewport shows: a block of voxels in memory plus the geometry and text needed to read it. A plain
// value type, so the viewport does not depend on the loader (core/imaging fills it; tests build it by hand).
#pragma once

#include <QDate>
#include <QList>
#include <QPair>
#include <QString>
#include <array>
#include <cstddef>
#include <memory>

namespace lightbox {

/// Per-slice metadata shown in the overlay and used for patient coordinates.
struct SliceInfo
{
    std::array<double, 3> position {}; ///< Image Position (Patient) of the slice's first voxel, LPS mm.
    double thickness = 0; ///< Slice Thickness in mm; 0 = unknown.
    int instanceNumber = 0; ///< Instance Number; 0 = unknown.
};

/// A volume (or a single image) for ImageViewport. The viewport reads @c data in place and never copies it;
/// @c keepAlive owns the memory for as long as any copy of this struct exists.
struct ViewportImage
{
    enum class Type { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Rgb8 };

    std::shared_ptr<void> keepAlive; ///< Owner of the voxel memory.
    /// Voxels: slices × height × width, row-major, x fastest; Rgb8 has three interleaved bytes per voxel.
    const void *data = nullptr;
    Type type = Type::Int16;
    int width = 0; ///< Columns.
    int height = 0; ///< Rows.
    int slices = 0; ///< Frames (1 for a single image).
    double columnSpacing = 1; ///< mm between adjacent columns (Pixel Spacing[1]).
    double rowSpacing = 1; ///< mm between adjacent rows (Pixel Spacing[0]).
    double sliceSpacing = 1; ///< mm between slices along the normal.
    std::array<double, 3> origin {}; ///< Position of the first voxel of slice 0 (LPS, mm).
    /// Direction cosines in patient LPS: row direction (towards increasing column index), column direction
    /// (towards increasing row index), normal (towards increasing slice index).
    std::array<double, 9> direction {1, 0, 0, 0, 1, 0, 0, 0, 1};
    double slope = 1; ///< Rescale Slope: modality value = stored × slope + intercept.
    double intercept = 0; ///< Rescale Intercept.
    bool monochrome1 = false; ///< MONOCHROME1: the lowest value is shown white.
    QString modality;
    QList<QPair<double, double>> presetsFromFile; ///< Window (center, width) pairs in modality units.
    QList<SliceInfo> sliceInfo; ///< One entry per slice, or empty (positions then follow origin and normal).

    QString patientName;
    QString patientId;
    QDate studyDate;
    QString studyDescription;
    QString seriesDescription;

    /// Bytes of one voxel (three for Rgb8).
    static constexpr int bytesPerVoxel(Type t)
    {
        switch (t) {
        case Type::UInt8:
        case Type::Int8:
            return 1;
        case Type::UInt16:
        case Type::Int16:
            return 2;
        case Type::UInt32:
        case Type::Int32:
        case Type::Float32:
            return 4;
        case Type::Rgb8:
            return 3;
        }
        return 1;
    }

    /// True when there is something to show: voxels and a positive size.
    bool isValid() const { return data && width > 0 && height > 0 && slices > 0; }
    bool isColor() const { return type == Type::Rgb8; }
    /// Number of bytes @c data must hold.
    std::size_t byteSize() const
    {
        return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * static_cast<std::size_t>(slices)
            * static_cast<std::size_t>(bytesPerVoxel(type));
    }
};

} // namespace lightbox
