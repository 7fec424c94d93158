#!/usr/bin/python3
"""Identified CT data for the anonymization tests (Debian's /usr/bin/python3 has pydicom and numpy).

  make_identified.py OUTDIR NAME PATIENT_ID [--per-series N]

Writes one study of two series (N instances each, default 3) of 16x16 CT images as OUTDIR/seS/IMn.dcm. The
patient's name and ID appear where real data hides them: patient module, other patient IDs sequence, a private
element, the series description, a code meaning in a sequence and a nested text value; physicians, operator,
institution and accession number are set; each instance references the previous one of its series
(Referenced Image Sequence) and all share one Frame of Reference UID.
"""
import argparse
import os

import numpy as np
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT = "1.2.840.10008.5.1.4.1.1.2"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("name")
    p.add_argument("patient_id")
    p.add_argument("--per-series", type=int, default=3)
    a = p.parse_args()
    family = a.name.split("^")[0]
    study, frame = generate_uid(), generate_uid()
    for s in range(2):
        series = generate_uid()
        previous = None
        folder = os.path.join(a.outdir, "se%d" % s)
        os.makedirs(folder, exist_ok=True)
        for n in range(a.per_series):
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID = CT
            meta.MediaStorageSOPInstanceUID = generate_uid()
            meta.TransferSyntaxUID = ExplicitVRLittleEndian
            path = os.path.join(folder, "IM%d.dcm" % n)
            ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
            ds.is_little_endian, ds.is_implicit_VR = True, False
            ds.SpecificCharacterSet = "ISO_IR 100"
            ds.SOPClassUID, ds.SOPInstanceUID = CT, meta.MediaStorageSOPInstanceUID
            ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
            ds.PatientName, ds.PatientID = a.name, a.patient_id
            ds.PatientBirthDate, ds.PatientSex = "19611224", "F"
            other = Dataset()
            other.PatientID = a.patient_id + "-OLD"
            other.IssuerOfPatientID = "HOSPITAL"
            ds.OtherPatientIDsSequence = Sequence([other])
            ds.InstitutionName = "St. Elsewhere Hospital"
            ds.ReferringPhysicianName = "HOUSE^GREGORY"
            ds.PerformingPhysicianName = "CUDDY^LISA"
            ds.OperatorsName = "CHASE^ROBERT"
            ds.AccessionNumber = "ACC4711"
            ds.StudyID = "S4711"
            ds.StudyDate, ds.StudyTime = "20240115", "101500"
            ds.StudyDescription = "CT THORAX"
            ds.SeriesDescription = "Follow-up for %s" % family
            code = Dataset()
            code.CodeValue, code.CodingSchemeDesignator = "X1", "99LOCAL"
            code.CodeMeaning = "Protocol of %s" % a.patient_id
            ds.ProcedureCodeSequence = Sequence([code])
            nested = Dataset()
            inner = Dataset()
            inner.TextValue = "seen by " + a.name.replace("^", " ")
            inner.ValueType = "TEXT"
            nested.ContentSequence = Sequence([inner])
            nested.ValueType = "CONTAINER"
            ds.ContentSequence = Sequence([nested])
            ds.add_new(0x00110010, "LO", "ACME 1.0")
            ds.add_new(0x00111001, "LO", a.name)
            if previous is not None:
                ref = Dataset()
                ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = CT, previous
                ds.ReferencedImageSequence = Sequence([ref])
            previous = ds.SOPInstanceUID
            ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", s + 1, n + 1
            ds.ImagePositionPatient = [0, 0, float(n)]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing, ds.SliceThickness = [0.7, 0.7], 1.0
            ds.Rows = ds.Columns = 16
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
            ds.PixelData = (np.arange(256, dtype=np.int16) * (n + 1 + 10 * s)).reshape(16, 16).tobytes()
            ds.save_as(path, write_like_original=False)


if __name__ == "__main__":
    main()
