#!/usr/bin/python3
"""The 8-bit image a thumbnail of a DICOM file should show at full size, computed independently with pydicom.

  thumbnail_expect.py FILE [FRAME]

Monochrome: Rescale Slope/Intercept, then the file's first Window Center/Width with DICOM's linear formula
(PS3.3 C.11.2.1.2.1), or the min-max of the frame when there is none; MONOCHROME1 inverted. Colour: RGB.
Prints JSON {"width", "height", "channels", "pixels": [...] (row-major, RGB interleaved)}.
"""
import json
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space


def first(value):
    return float(value[0] if isinstance(value, pydicom.multival.MultiValue) else value)


def main():
    ds = pydicom.dcmread(sys.argv[1])
    frame = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    arr = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        arr = arr[frame]
    pi = ds.PhotometricInterpretation
    if ds.get("SamplesPerPixel", 1) == 3:
        if pi.startswith("YBR"):
            arr = convert_color_space(arr, "YBR_FULL", "RGB")
        out = arr.astype(np.uint8)
        channels = 3
    else:
        x = arr.astype(np.float64) * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))
        if "WindowCenter" in ds and "WindowWidth" in ds:
            c, w = first(ds.WindowCenter), first(ds.WindowWidth)
            y = ((x - (c - 0.5)) / (w - 1) + 0.5)
        else:
            lo, hi = x.min(), x.max()
            y = (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
        y = np.clip(y, 0.0, 1.0) * 255.0
        if pi == "MONOCHROME1":
            y = 255.0 - y
        out = np.rint(y).astype(np.uint8)
        channels = 1
    print(json.dumps({"width": int(out.shape[1]), "height": int(out.shape[0]), "channels": channels,
                      "pixels": out.reshape(-1).tolist()}))


main()
