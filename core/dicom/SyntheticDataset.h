#pragma once

// Internal to core/dicom: turns one planned instance of a SyntheticStudy into a DICOM data set.

#include "core/dicom/DicomObject.h"

namespace lightbox {

struct SyntheticPlan;

/// Builds the data sets of a synthetic study: patient, study, series, equipment and image attributes for
/// the modality (CT, MR, CR, XA), and phantom pixel data from SyntheticPhantom.
class SyntheticDataset
{
public:
    /// @param plan the study; @param series index into plan.series; @param within instance index in that series.
    /// @return the instance, Explicit VR Little Endian, ISO_IR 192.
    static DicomObject build(const SyntheticPlan &plan, int series, int within);
};

} // namespace lightbox
