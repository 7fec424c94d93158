#pragma once

#include "core/imaging/ImageInfo.h"

class DcmItem;

namespace lightbox {

/// Fills an ImageInfo from a DCMTK data set (internal to lightbox_imaging; DCMTK stays out of its users).
class ImageInfoReader
{
public:
    /// Reads identification, geometry, pixel format, rescale, windows, the first VOI LUT and cine timing from
    /// @p dataset into @p info (path and transfer syntax are left to the caller). Never fails: absent attributes
    /// keep their defaults.
    static void read(DcmItem &dataset, ImageInfo &info);
};

} // namespace lightbox
