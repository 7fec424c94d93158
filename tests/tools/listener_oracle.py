#!/usr/bin/python3
"""Independent oracle (pydicom) for the listener tests.

  listener_oracle.py describe FILE...      JSON list: what pydicom reads from each file
  listener_oracle.py dataset-bytes FILE    hex SHA-256 of the data set bytes (everything after the meta header)
"""
import hashlib
import json
import sys
import warnings

import pydicom
from pydicom.filereader import _read_file_meta_info, read_preamble

warnings.simplefilter("ignore")


def dataset_bytes(path):
    with open(path, "rb") as f:
        read_preamble(f, True)
        start = f.tell()
        if f.read(2) == b"\x02\x00":
            f.seek(start)
            _read_file_meta_info(f)
        else:
            f.seek(start)
        return f.read()


def text(ds, keyword):
    value = ds.get(keyword)
    if value is None:
        return ""
    return str(value).strip().rstrip("\x00").strip()


def describe(path):
    out = {"file": path, "readable": False}
    try:
        ds = pydicom.dcmread(path, force=True, stop_before_pixels=False)
        ds.get("PatientName")  # forces parsing of the top level
    except Exception as e:  # deliberately malformed files
        out["error"] = "%s: %s" % (type(e).__name__, e)
        return out
    meta = getattr(ds, "file_meta", None)
    ts = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
    if not ts:
        ts = ("1.2.840.10008.1.2" if ds.is_implicit_VR else
              "1.2.840.10008.1.2.1" if ds.is_little_endian else "1.2.840.10008.1.2.2")
    out.update({
        "readable": True,
        "hasMeta": bool(meta is not None and len(meta) > 0),
        "transferSyntax": ts,
        "sopClassUid": text(ds, "SOPClassUID"),
        "sopInstanceUid": text(ds, "SOPInstanceUID"),
        "studyInstanceUid": text(ds, "StudyInstanceUID"),
        "seriesInstanceUid": text(ds, "SeriesInstanceUID"),
        "patientId": text(ds, "PatientID"),
        "modality": text(ds, "Modality"),
        "studyDate": text(ds, "StudyDate"),
        "instanceNumber": text(ds, "InstanceNumber"),
        "pixelDataSha256": hashlib.sha256(ds.PixelData).hexdigest() if "PixelData" in ds else "",
    })
    return out


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "describe":
        print(json.dumps([describe(p) for p in sys.argv[2:]]))
    elif len(sys.argv) == 3 and sys.argv[1] == "dataset-bytes":
        print(hashlib.sha256(dataset_bytes(sys.argv[2])).hexdigest())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
