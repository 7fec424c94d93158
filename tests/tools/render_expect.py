#!/usr/bin/python3
"""The 8-bit image `lightbox render` should write, computed independently with pydicom and numpy.

  render_expect.py FILE FRAME [--window W --level L] [--invert]

Monochrome: stored values -> Rescale Slope/Intercept -> the given window, else the file's first Window
Center/Width, else min-max, with DICOM's LINEAR formula (PS3.3 C.11.2.1.2.1) -> rounded halves up ->
MONOCHROME1 inverted -> --invert. Colour: RGB (YBR converted). Prints JSON {"width", "height", "channels", "pixels"}.
"""
import argparse
import json

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space


def first(value):
    return float(value[0] if isinstance(value, pydicom.multival.MultiValue) else value)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("frame", type=int)
    p.add_argument("--window", type=float)
    p.add_argument("--level", type=float)
    p.add_argument("--invert", action="store_true")
    a = p.parse_args()
    ds = pydicom.dcmread(a.file)
    arr = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        arr = arr[a.frame]
    if ds.get("SamplesPerPixel", 1) == 3:
        if ds.PhotometricInterpretation.startswith("YBR"):
            arr = convert_color_space(arr, "YBR_FULL", "RGB")
        out = arr.astype(np.uint8)
        if a.invert:
            out = 255 - out
        channels = 3
    else:
        x = arr.astype(np.float64) * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))
        if a.window is not None:
            c, w = a.level, a.window
        elif "WindowCenter" in ds and "WindowWidth" in ds:
            c, w = first(ds.WindowCenter), first(ds.WindowWidth)
        else:
            w = x.max() - x.min() + 1.0
            c = x.min() + w / 2.0
        w = max(w, 1.0)
        y = np.where(x <= c - 0.5 - (w - 1) / 2, 0.0,
                     np.where(x > c - 0.5 + (w - 1) / 2, 1.0, (x - (c - 0.5)) / max(w - 1, 1e-12) + 0.5))
        y = np.floor(np.clip(y, 0.0, 1.0) * 255.0 + 0.5)
        if ds.PhotometricInterpretation == "MONOCHROME1":
            y = 255.0 - y
        if a.invert:
            y = 255.0 - y
        out = y.astype(np.uint8)
        channels = 1
    print(json.dumps({"width": int(out.shape[1]), "height": int(out.shape[0]), "channels": channels,
                      "pixels": out.reshape(-1).tolist()}))


main()
