#!/usr/bin/python3
"""Synthetic CT data for the tests (Debian's /usr/bin/python3 has pydicom and numpy).

  make_series.py COUNT SIZE STUDIES OUTDIR [--seed S]

Writes COUNT CT Image Storage instances (signed 16-bit, explicit VR little endian) of SIZE x SIZE pixels, spread
evenly over STUDIES studies of one series each, as OUTDIR/stNNN/se00/IMnnnnn.dcm. UIDs are valid and
deterministic for a seed; each slice has its own position and a distinct pixel pattern.
"""
import argparse
import hashlib
import os

import numpy as np
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

CT = "1.2.840.10008.5.1.4.1.1.2"
ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's registered example root


def uid(*parts):
    digest = int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest(), 16)
    return (ROOT + str(digest))[:64].rstrip(".")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("count", type=int)
    p.add_argument("size", type=int)
    p.add_argument("studies", type=int)
    p.add_argument("outdir")
    p.add_argument("--seed", default="0")
    a = p.parse_args()
    per_study = max(1, a.count // a.studies)
    rng = np.random.default_rng(int(a.seed))
    base = rng.integers(-1000, 1000, size=(a.size, a.size), dtype=np.int16)
    for n in range(a.count):
        study, index = divmod(n, per_study)
        study = min(study, a.studies - 1)
        folder = os.path.join(a.outdir, "st%03d" % study, "se00")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "IM%05d.dcm" % n)
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CT
        meta.MediaStorageSOPInstanceUID = uid(a.seed, "sop", n)
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SpecificCharacterSet = "ISO_IR 100"
        ds.SOPClassUID, ds.SOPInstanceUID = CT, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID = uid(a.seed, "study", study)
        ds.SeriesInstanceUID = uid(a.seed, "series", study)
        ds.PatientName = "TEST^PATIENT%03d" % study
        ds.PatientID = "TP%s-%03d" % (a.seed, study)
        ds.StudyDate, ds.StudyTime = "20240115", "101500"
        ds.AccessionNumber = "ACC%03d" % study
        ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", 1, index + 1
        ds.ImagePositionPatient = [0, 0, float(index)]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing, ds.SliceThickness = [0.7, 0.7], 1.0
        ds.Rows = ds.Columns = a.size
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = 0, 1
        ds.PixelData = np.roll(base, index, axis=0).tobytes()
        ds.save_as(path, write_like_original=False)


if __name__ == "__main__":
    main()
