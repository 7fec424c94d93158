#pragma once

#include "core/imaging/DecodedFrame.h"

#include <QList>
#include <QReadWriteLock>
#include <QString>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace lightbox {

/// A stack of equally sized slices in one contiguous buffer, in the samples' native type (int16 stays int16,
/// colour is interleaved RGB8), with the geometry VTK needs.
///
/// The buffer is laid out x fastest, then y, then slice (VTK's order), so data() can be handed to VTK without a
/// copy. Its lifetime is shared: buffer() returns a std::shared_ptr a viewer keeps while it wraps the memory.
/// insertSlices() may move the slices to a new, larger buffer; generation() then changes and a viewer re-wraps
/// (the old buffer stays valid for whoever still holds it).
///
/// Threads: the layout (depth, slice table, geometry) is changed and read on one owner thread. writeSlice() may
/// be called from any thread at the same time: it holds the slice in place while it writes, and insertSlices()
/// waits for running writes.
class Volume
{
public:
    /// Whether a slice holds its pixels yet.
    enum class SliceState : std::uint8_t { Pending, Loaded, Failed };

    /// Where a slice comes from and how its stored values map to real values.
    struct SliceInfo
    {
        std::uint64_t id = 0; ///< stable identity (positions change when slices are inserted)
        QString path; ///< the file
        int frame = 0; ///< frame number within the file
        int instanceNumber = 0;
        bool hasPosition = false;
        std::array<double, 3> position {}; ///< Image Position (Patient) of the first pixel, mm
        double rescaleSlope = 1.0;
        double rescaleIntercept = 0.0;
    };

    /// An empty volume (depth 0) of @p width × @p height samples with @p components samples per pixel
    /// (1 for monochrome, 3 for RGB8) of @p type.
    Volume(SampleType type, int components, int width, int height);
    ~Volume();
    Volume(const Volume &) = delete;
    Volume &operator=(const Volume &) = delete;

    /// Type of one sample.
    SampleType sampleType() const { return m_type; }
    /// Samples per pixel: 1 (monochrome) or 3 (RGB).
    int components() const { return m_components; }
    /// Pixels per row.
    int width() const { return m_width; }
    /// Rows per slice.
    int height() const { return m_height; }
    /// Number of slices.
    int depth() const { return int(m_slices.size()); }
    /// Bytes of one slice.
    std::size_t sliceBytes() const { return m_sliceBytes; }
    /// Samples in the whole volume (width × height × depth × components): the count VTK's array needs.
    std::size_t elementCount() const;
    /// Bytes in use (depth × sliceBytes()).
    std::size_t byteSize() const { return m_sliceBytes * std::size_t(depth()); }

    /// The first sample of the first slice; nullptr while the volume is empty. Valid until the generation changes
    /// (or longer, while buffer() is held).
    void *data() { return m_buffer.get(); }
    /// @copydoc data()
    const void *data() const { return m_buffer.get(); }
    /// Shared ownership of the memory behind data(), for a viewer that wraps it.
    std::shared_ptr<void> buffer() const { return m_buffer; }
    /// The first sample of slice @p index (0 ≤ index < depth()).
    void *sliceData(int index);
    /// @copydoc sliceData()
    const void *sliceData(int index) const;
    /// Changes each time slices are inserted (the buffer may have moved): a viewer re-wraps data().
    std::uint64_t generation() const { return m_generation; }

    /// Distance between pixel centres: x (along a row), y (down a column), z (between slices), mm.
    std::array<double, 3> spacing() const { return m_spacing; }
    /// Patient position of the first pixel of slice 0, mm.
    std::array<double, 3> origin() const { return m_origin; }
    /// Row-major 3×3: column c is the patient direction of index axis c (VTK's DirectionMatrix).
    std::array<double, 9> direction() const { return m_direction; }
    /// Sets spacing, origin and direction (as SeriesGeometry computes them).
    void setGeometry(const std::array<double, 3> &spacing, const std::array<double, 3> &origin,
                     const std::array<double, 9> &direction);

    /// Rescale slope of the volume (slice 0's; see hasUniformRescale()).
    double rescaleSlope() const;
    /// Rescale intercept of the volume (slice 0's).
    double rescaleIntercept() const;
    /// True when every slice has the same slope and intercept, so one pair maps the whole volume to real values.
    bool hasUniformRescale() const;

    /// Where slice @p index comes from.
    const SliceInfo &slice(int index) const { return m_slices[std::size_t(index)]; }
    /// Position of the slice with identity @p id, or -1.
    int indexOf(std::uint64_t id) const;
    /// Whether slice @p index holds its pixels (safe while writeSlice() runs on other threads).
    SliceState sliceState(int index) const;
    /// True when slice @p index holds its pixels (safe while writeSlice() runs on other threads).
    bool isSliceLoaded(int index) const { return sliceState(index) == SliceState::Loaded; }
    /// Number of slices that hold their pixels. Thread-safe.
    int loadedCount() const { return m_loaded.load(); }

    /// Inserts @p slices (Pending, zero-filled) before position @p position, moving later slices up; may move
    /// the whole volume to a larger buffer. Waits for running writeSlice() calls. Owner thread only.
    void insertSlices(int position, const QList<SliceInfo> &slices);

    /// Calls @p write with the memory of the slice with identity @p id while it cannot move, and marks the slice
    /// Loaded when @p write returns true, Failed otherwise. Thread-safe.
    /// @return false when no slice has that identity (or @p write failed).
    bool writeSlice(std::uint64_t id, const std::function<bool(void *dest, std::size_t bytes)> &write);

private:
    void setState(std::size_t index, SliceState state);

    SampleType m_type;
    int m_components;
    int m_width;
    int m_height;
    std::size_t m_sliceBytes;
    std::size_t m_capacity = 0; // slices the buffer can hold
    std::shared_ptr<void> m_buffer;
    std::vector<SliceInfo> m_slices;
    mutable std::vector<std::uint8_t> m_states; // SliceState, accessed through std::atomic_ref
    std::atomic<int> m_loaded {0};
    std::uint64_t m_generation = 0;
    std::array<double, 3> m_spacing {1.0, 1.0, 1.0};
    std::array<double, 3> m_origin {};
    std::array<double, 9> m_direction {1, 0, 0, 0, 1, 0, 0, 0, 1};
    mutable QReadWriteLock m_layoutLock; // writers of slice memory read-lock; insertSlices write-locks
};

} // namespace lightbox
