#pragma once

#include <cstdint>
#include <vector>

namespace lightbox {

/// Pixel data for synthetic studies: simple anatomical phantoms, cheap to compute at any matrix size.
/// Pure C++ (no DICOM types); deterministic for a given seed. Images are row-major, @p size x @p size.
class SyntheticPhantom
{
public:
    /// MR contrast weighting of a brain slice.
    enum class MrWeighting { T1, T2, Flair };

    /// An axial chest CT slice in Hounsfield units: body, fat, lungs with vessels, heart, aorta, spine, ribs,
    /// liver at the base, the table; -3024 outside the reconstruction circle.
    /// @param position 0 at the lung apex to 1 at the lung base.
    /// @param zMillimetres table position, for the rib pattern.
    /// @param contrast true for contrast-enhanced blood (aorta, heart chambers, liver).
    /// @param noiseHu uniform noise amplitude.
    static std::vector<int16_t> ctAxialHu(int size, double position, double zMillimetres, bool contrast, int noiseHu,
                                          uint32_t seed);

    /// A chest CT topogram (coronal projection, head at the top) in HU-like values (-1000 air, denser is higher).
    static std::vector<int16_t> ctScoutHu(int size, uint32_t seed);

    /// An axial brain MR slice, 12-bit magnitude: scalp, skull, CSF, grey and white matter, ventricles, orbits
    /// in the lowest slices and a small white-matter lesion that is bright on T2 and FLAIR.
    /// @param position 0 at the skull base to 1 at the vertex.
    static std::vector<uint16_t> mrBrain(int size, double position, MrWeighting weighting, uint32_t seed);

    /// A PA chest radiograph, 12-bit, MONOCHROME2 (dense is bright): torso, lungs, heart, mediastinum, spine,
    /// ribs and clavicles.
    static std::vector<uint16_t> crChestPa(int size, uint32_t seed);

    /// One 8-bit frame of a coronary angiography run (MONOCHROME2: contrast-filled vessels are dark): a
    /// catheter, a vessel tree that fills with contrast and washes out over the run, cardiac motion, round
    /// intensifier field.
    /// @param frame 0-based frame number; @param frames frames in the run; @param view 0 or 1 (projection).
    static std::vector<uint8_t> xaFrame(int size, int frame, int frames, int view, uint32_t seed);
};

} // namespace lightbox
