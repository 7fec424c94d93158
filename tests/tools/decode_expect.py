#!/usr/bin/python3
"""The stored values FrameDecoder should give, computed independently with pydicom (numpy, RLE and GDCM handlers).

  decode_expect.py ROOT OUTDIR

Walks ROOT (with subfolders); for every file with Pixel Data writes the expected frames to OUTDIR as raw
little-endian arrays and prints one JSON list with an entry per file:
  {"path", "decodable", "reason", "width", "height", "color", "dtype", "lossy", "frames": [index...],
   "raw": [file...]}
Monochrome: the stored values in their native type (uint8/int8/uint16/int16/uint32/int32; 1-bit as uint8 0/1),
bits above Bits Stored masked (unsigned) or sign-extended (signed). Colour: interleaved RGB, 8 bits per sample,
YBR_FULL / YBR_FULL_422 converted with pydicom's convert_color_space, samples with more than 8 bits stored
keep their top 8 bits. Multi-frame files: the first, middle and last frame.
"""
import json
import os
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

warnings.simplefilter("ignore")
LOSSY_SYNTAXES = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.91",
                  "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.81"}


def mono_dtype(ds):
    bits = int(ds.BitsAllocated)
    signed = int(ds.get("PixelRepresentation", 0)) == 1
    if bits == 1:
        return np.uint8
    size = {8: 8, 16: 16, 32: 32}[bits]
    return np.dtype(("int" if signed else "uint") + str(size)).type


def stored_values(ds, arr):
    bits = int(ds.BitsAllocated)
    if bits == 1:
        return arr.astype(np.uint8)
    dtype = mono_dtype(ds)
    stored = int(ds.get("BitsStored", bits))
    high = int(ds.get("HighBit", stored - 1))
    shift = max(0, high + 1 - stored)
    unsigned = arr.astype(np.dtype("uint%d" % bits).type, copy=False).view(np.dtype("uint%d" % bits))
    raw = (unsigned.astype(np.uint64) >> shift) & ((1 << stored) - 1)
    if np.issubdtype(dtype, np.signedinteger):
        raw = raw.astype(np.int64)
        raw = np.where(raw >= (1 << (stored - 1)), raw - (1 << stored), raw)
    return raw.astype(dtype)


def colour_values(ds, arr):
    pi = str(ds.PhotometricInterpretation)
    stored = int(ds.get("BitsStored", ds.BitsAllocated))
    if stored > 8:
        arr = arr.astype(np.uint64) >> (stored - 8)
    arr = arr.astype(np.uint8)
    if pi.startswith("YBR_FULL"):  # numpy, RLE and GDCM all return YBR_FULL(_422) data as coded
        arr = convert_color_space(arr, "YBR_FULL", "RGB")
    return arr


def entry_for(path, outdir, index):
    ds = pydicom.dcmread(path, force=True)
    if "PixelData" not in ds:
        return None
    syntax = str(getattr(ds.file_meta, "TransferSyntaxUID", "")) if hasattr(ds, "file_meta") else ""
    e = {"path": path, "decodable": False, "reason": "", "raw": [], "frames": []}
    before = pydicom.Dataset()
    for keyword in ("BitsAllocated", "BitsStored", "HighBit", "PixelRepresentation", "PhotometricInterpretation"):
        if keyword in ds:
            setattr(before, keyword, ds.data_element(keyword).value)
    try:
        arr = ds.pixel_array
        nframes = int(ds.get("NumberOfFrames", 1) or 1)
    except Exception as exc:  # pydicom cannot decode it: the test decides whether that is expected
        e["reason"] = "%s: %s" % (type(exc).__name__, str(exc)[:200])
        return e
    color = int(ds.get("SamplesPerPixel", 1)) == 3
    frames = sorted({0, nframes // 2, nframes - 1}) if nframes > 1 else [0]
    for f in frames:
        a = arr[f] if nframes > 1 else arr
        a = colour_values(before, a) if color else stored_values(before, a)
        name = os.path.join(outdir, "%03d_%d.raw" % (index, f))
        np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tofile(name)
        e["raw"].append(name)
    e.update({"decodable": True, "width": int(ds.Columns), "height": int(ds.Rows), "color": color,
              "dtype": "rgb8" if color else np.dtype(mono_dtype(before)).name, "frames": frames,
              "lossy": syntax in LOSSY_SYNTAXES or str(ds.get("LossyImageCompression", "")) == "01"})
    return e


def main():
    root, outdir = sys.argv[1], sys.argv[2]
    entries = []
    paths = sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files)
    for i, path in enumerate(paths):
        try:
            e = entry_for(path, outdir, i)
        except Exception as exc:
            e = {"path": path, "decodable": False, "reason": "unreadable: %s" % exc, "raw": [], "frames": []}
        if e is not None:
            entries.append(e)
    print(json.dumps(entries))


main()
