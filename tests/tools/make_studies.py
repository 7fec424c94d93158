#!/usr/bin/python3
"""Small studies with chosen patient and study attributes, for browser and filter tests.

  make_studies.py SPEC.json OUTDIR

SPEC is a list of studies: {"key": "a", "name": "Doe^John", "id": "PID1", "birth": "19700102", "sex": "M",
"accession": "ACC1", "date": "20261128", "time": "101500", "description": "CT chest",
"series": [{"modality": "CT", "count": 3, "description": "Axial"}]}. Files go to OUTDIR/<key>/sNN/iNNN.dcm and
UIDs derive from the key, so a test can compute them; the Study Instance UID of study "a" is printed as
"a <uid>" on standard output, one line per study. 16x16 pixels, explicit VR little endian, ISO_IR 192 text.
"""
import hashlib
import json
import os
import sys

import numpy as np
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

SOP_CLASS = {"CT": "1.2.840.10008.5.1.4.1.1.2", "MR": "1.2.840.10008.5.1.4.1.1.4",
             "CR": "1.2.840.10008.5.1.4.1.1.1", "PT": "1.2.840.10008.5.1.4.1.1.128"}
ROOT = "1.2.826.0.1.3680043.8.498."


def uid(*parts):
    digest = int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest(), 16)
    return (ROOT + str(digest))[:64].rstrip(".")


def write(spec, out):
    study_uid = uid("study", spec["key"])
    for s_index, series in enumerate(spec.get("series", [{"modality": "CT", "count": 1}])):
        modality = series.get("modality", "CT")
        series_uid = uid("series", spec["key"], s_index)
        folder = os.path.join(out, spec["key"], "s%02d" % s_index)
        os.makedirs(folder, exist_ok=True)
        for n in range(series.get("count", 1)):
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID = SOP_CLASS.get(modality, SOP_CLASS["CT"])
            meta.MediaStorageSOPInstanceUID = uid("instance", spec["key"], s_index, n)
            meta.TransferSyntaxUID = ExplicitVRLittleEndian
            path = os.path.join(folder, "i%03d.dcm" % n)
            ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
            ds.SpecificCharacterSet = "ISO_IR 192"
            ds.SOPClassUID = meta.MediaStorageSOPClassUID
            ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
            ds.StudyInstanceUID = study_uid
            ds.SeriesInstanceUID = series_uid
            ds.FrameOfReferenceUID = uid("for", spec["key"])
            ds.PatientName = spec.get("name", "")
            ds.PatientID = spec.get("id", "")
            ds.PatientBirthDate = spec.get("birth", "")
            ds.PatientSex = spec.get("sex", "")
            ds.AccessionNumber = spec.get("accession", "")
            ds.StudyDate = spec.get("date", "")
            ds.StudyTime = spec.get("time", "")
            ds.StudyDescription = spec.get("description", "")
            ds.StudyID = spec["key"][:16]
            ds.Modality = modality
            ds.SeriesNumber = s_index + 1
            ds.SeriesDescription = series.get("description", "")
            ds.InstanceNumber = n + 1
            ds.ImagePositionPatient = [0, 0, float(n)]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing = [1, 1]
            ds.SliceThickness = 1
            ds.Rows = ds.Columns = 16
            ds.SamplesPerPixel = 1
            ds.PhotometricInterpretation = "MONOCHROME2"
            ds.BitsAllocated = 16
            ds.BitsStored = 12
            ds.HighBit = 11
            ds.PixelRepresentation = 0
            ds.WindowCenter = 512
            ds.WindowWidth = 1024
            pixels = (np.arange(256, dtype=np.uint16).reshape(16, 16) * 16 + n) % 4096
            ds.PixelData = pixels.astype(np.uint16).tobytes()
            ds.is_little_endian = True
            ds.is_implicit_VR = False
            ds.save_as(path, write_like_original=False)
    print(spec["key"], study_uid)


def main():
    specs = json.load(open(sys.argv[1], encoding="utf-8"))
    for spec in specs:
        write(spec, sys.argv[2])


if __name__ == "__main__":
    main()
