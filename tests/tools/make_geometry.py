#!/usr/bin/python3
"""Small CT stacks with known geometry for the volume loader tests (Debian's /usr/bin/python3: pydicom, numpy).

  make_geometry.py CASE OUTDIR

Writes one series into OUTDIR. File names are hashes (their order says nothing) and Instance Numbers are shuffled
(except in `nopos`, where they are the intended order), so only the positions give the right order. Slices are
24 rows x 32 columns, Pixel Spacing 0.8 (rows) / 0.6 (columns) mm, signed 16-bit unless said otherwise; every
slice's pixels differ (value = (97 k + 31 y + 3 x) mod 4000 - 2000 for physical slice k).

Cases:
  regular     12 axial slices 2.5 mm apart from z = -30
  irregular   as regular without the 7th slice (one 5 mm gap between z = -17.5 and z = -12.5)
  tilted      as regular, each slice shifted 2.5 tan(15 deg) mm along y: a 15 deg gantry tilt
  mixed       9 axial slices and 3 coronal ones in one series
  nopos       8 slices without position or orientation; Instance Number gives the order
  coronal     10 coronal slices (orientation 1,0,0 / 0,0,-1), 3 mm apart along y
  sagittal    10 sagittal slices (orientation 0,1,0 / 0,0,-1), 2 mm apart along x
  duplicate   8 axial slices plus a ninth at slice 3's position (Instance Number 100)
  mixedsize   8 axial slices of 32 x 24 and 2 more of 16 x 16
  rescale     6 unsigned 16-bit slices; the third has Rescale Slope 2
  corrupt     8 axial slices, a file of random bytes and one whose pixel data is cut short
  multiframe  one file of 6 frames with per-frame positions, frame f at z = 10 - 2 f (reverse order)
  cine        one file of 5 frames at one position (no per-frame positions)
"""
import hashlib
import math
import os
import sys

import numpy as np
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

CT = "1.2.840.10008.5.1.4.1.1.2"
ROOT = "1.2.826.0.1.3680043.8.498."
ROWS, COLS = 24, 32
AXIAL = [1, 0, 0, 0, 1, 0]
CORONAL = [1, 0, 0, 0, 0, -1]
SAGITTAL = [0, 1, 0, 0, 0, -1]


def uid(*parts):
    digest = int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest(), 16)
    return (ROOT + str(digest))[:64].rstrip(".")


def pixels(k, rows=ROWS, cols=COLS, dtype=np.int16, frames=None):
    y, x = np.mgrid[0:rows, 0:cols]
    if dtype == np.uint16:
        return ((97 * k + 31 * y + 3 * x) % 4000).astype(np.uint16)
    return ((97 * k + 31 * y + 3 * x) % 4000 - 2000).astype(np.int16)


def base(case, name, instance):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT
    meta.MediaStorageSOPInstanceUID = uid(case, "sop", name)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID, ds.SOPInstanceUID = CT, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = uid(case, "study")
    ds.SeriesInstanceUID = uid(case, "series")
    ds.FrameOfReferenceUID = uid(case, "for")
    ds.PatientName, ds.PatientID = "GEOMETRY^" + case.upper(), "GEO-" + case
    ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", 1, instance
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    ds.SliceThickness = 2.5
    return ds


def save(outdir, ds, name):
    path = os.path.join(outdir, "x%s.dcm" % hashlib.sha256(name.encode()).hexdigest()[:10])
    ds.save_as(path, write_like_original=False)
    return path


def write_slice(outdir, case, k, instance, position=None, orientation=AXIAL, rows=ROWS, cols=COLS,
                unsigned=False, slope=1, name=None, data=None):
    name = name or "%s-%d" % (case, k)
    ds = base(case, name, instance)
    if position is not None:
        ds.ImagePositionPatient = [float(v) for v in position]
        ds.ImageOrientationPatient = orientation
    ds.PixelSpacing = [0.8, 0.6]
    ds.Rows, ds.Columns = rows, cols
    if unsigned:
        ds.PixelRepresentation = 0
    ds.RescaleSlope = slope
    ds.PixelData = data if data is not None else pixels(k, rows, cols, np.uint16 if unsigned else np.int16).tobytes()
    return save(outdir, ds, name)


def shuffled_instances(n, seed):
    rng = np.random.default_rng(seed)
    return [int(v) + 1 for v in rng.permutation(n)]


def axial_stack(outdir, case, count, skip=(), tilt_deg=0.0):
    instances = shuffled_instances(count, 7)
    for k in range(count):
        if k in skip:
            continue
        z = -30 + 2.5 * k
        y = 20 + 2.5 * k * math.tan(math.radians(tilt_deg))
        write_slice(outdir, case, k, instances[k], (-10, y, z))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    case, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    if case == "regular":
        axial_stack(outdir, case, 12)
    elif case == "irregular":
        axial_stack(outdir, case, 12, skip=(6,))
    elif case == "tilted":
        axial_stack(outdir, case, 12, tilt_deg=15.0)
    elif case == "mixed":
        axial_stack(outdir, case, 9)
        for j in range(3):
            write_slice(outdir, case, 20 + j, 50 + j, (-10, -5 + 4 * j, 40), CORONAL)
    elif case == "nopos":
        for k in range(8):
            write_slice(outdir, case, k, k + 1)
    elif case == "coronal":
        instances = shuffled_instances(10, 3)
        for k in range(10):
            write_slice(outdir, case, k, instances[k], (-10, -40 + 3 * k, 50), CORONAL)
    elif case == "sagittal":
        instances = shuffled_instances(10, 5)
        for k in range(10):
            write_slice(outdir, case, k, instances[k], (5 + 2 * k, -20, 50), SAGITTAL)
    elif case == "duplicate":
        axial_stack(outdir, case, 8)
        write_slice(outdir, case, 3, 100, (-10, 20, -30 + 2.5 * 3), name="repeat-of-3", data=pixels(99).tobytes())
    elif case == "mixedsize":
        axial_stack(outdir, case, 8)
        for j in range(2):
            write_slice(outdir, case, 30 + j, 60 + j, (-10, 20, 0 + 2.5 * j), rows=16, cols=16)
    elif case == "rescale":
        for k in range(6):
            write_slice(outdir, case, k, k + 1, (-10, 20, 2.5 * k), unsigned=True, slope=2 if k == 2 else 1)
    elif case == "corrupt":
        axial_stack(outdir, case, 8)
        with open(os.path.join(outdir, "garbage.dcm"), "wb") as f:
            f.write(np.random.default_rng(1).integers(0, 256, 3000, dtype=np.uint8).tobytes())
        write_slice(outdir, case, 8, 9, (-10, 20, -30 + 2.5 * 8), name="truncated", data=b"\0" * 100)
    elif case in ("multiframe", "cine"):
        frames = 6 if case == "multiframe" else 5
        ds = base(case, case, 1)
        ds.NumberOfFrames = frames
        ds.Rows, ds.Columns = ROWS, COLS
        shared = Dataset()
        measures = Dataset()
        measures.PixelSpacing = [0.8, 0.6]
        measures.SliceThickness = 2.0
        shared.PixelMeasuresSequence = Sequence([measures])
        plane = Dataset()
        plane.ImageOrientationPatient = AXIAL
        shared.PlaneOrientationSequence = Sequence([plane])
        if case == "multiframe":
            ds.SharedFunctionalGroupsSequence = Sequence([shared])
            per_frame = []
            for f in range(frames):
                item, position = Dataset(), Dataset()
                position.ImagePositionPatient = [-10.0, 20.0, 10.0 - 2 * f]
                item.PlanePositionSequence = Sequence([position])
                per_frame.append(item)
            ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
        else:
            ds.ImagePositionPatient = [-10.0, 20.0, 0.0]
            ds.ImageOrientationPatient = AXIAL
            ds.PixelSpacing = [0.8, 0.6]
        ds.PixelData = b"".join(pixels(f).tobytes() for f in range(frames))
        save(outdir, ds, case)
    else:
        sys.exit("unknown case: " + case)


if __name__ == "__main__":
    main()
