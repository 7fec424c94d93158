#!/usr/bin/python3
"""Print what pydicom decodes for the attributes lightbox::DicomFileReader indexes.

Usage: /usr/bin/python3 pydicom_expect.py FILE...

Prints one JSON array with one object per file, in argument order. Keys follow the fields of
lightbox::InstanceMetadata. Text is normalised the same way the reader normalises it: each value
(values are joined by backslash) loses trailing spaces and NULs and leading spaces. Person names are
str(PersonName): component groups joined by '=', trailing empty groups dropped, '^' kept. Files that
pydicom cannot read get {"path": ..., "error": "..."} instead; an attribute pydicom cannot convert
is left out and named in "attributeErrors". "forced" is true for a bare dataset (no preamble), which
needed force=True. The output is ASCII-only JSON.

Needs Debian's python3-pydicom (2.3), i.e. /usr/bin/python3, not a virtualenv python.
"""

import json
import sys
import warnings

import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue
from pydicom.tag import Tag

TEXT_ATTRIBUTES = {
    "patientId": "PatientID",
    "patientName": "PatientName",
    "patientBirthDate": "PatientBirthDate",
    "patientSex": "PatientSex",
    "studyInstanceUid": "StudyInstanceUID",
    "studyDate": "StudyDate",
    "studyTime": "StudyTime",
    "studyId": "StudyID",
    "accessionNumber": "AccessionNumber",
    "studyDescription": "StudyDescription",
    "referringPhysicianName": "ReferringPhysicianName",
    "seriesInstanceUid": "SeriesInstanceUID",
    "modality": "Modality",
    "seriesNumber": "SeriesNumber",
    "seriesDescription": "SeriesDescription",
    "bodyPartExamined": "BodyPartExamined",
    "sopClassUid": "SOPClassUID",
    "sopInstanceUid": "SOPInstanceUID",
    "instanceNumber": "InstanceNumber",
    "specificCharacterSet": "SpecificCharacterSet",
}

INT_ATTRIBUTES = {
    "numberOfFrames": "NumberOfFrames",
    "rows": "Rows",
    "columns": "Columns",
}

IMPLICIT_LITTLE = "1.2.840.10008.1.2"
EXPLICIT_LITTLE = "1.2.840.10008.1.2.1"
EXPLICIT_BIG = "1.2.840.10008.1.2.2"


def normalise(value):
    """One value: no trailing spaces or NULs, no leading spaces."""
    return value.rstrip(" \0").lstrip(" ")


def text_of(element):
    """The decoded value of a string element, values joined by backslash."""
    value = element.value
    if value is None:
        return ""
    if isinstance(value, (MultiValue, list, tuple)):
        return "\\".join(normalise(str(v)) for v in value)
    if isinstance(value, bytes):
        # Not decoded by pydicom (e.g. VR UN): leave to the caller as an error.
        raise ValueError(f"undecoded bytes in {element.keyword}")
    return normalise(str(value))


def int_of(element):
    value = element.value
    if value is None or value == "":
        return 0
    if isinstance(value, (MultiValue, list, tuple)):
        value = value[0] if len(value) else 0
    return int(value)


def transfer_syntax(ds):
    meta = getattr(ds, "file_meta", None)
    if meta is not None and "TransferSyntaxUID" in meta and meta.TransferSyntaxUID:
        return normalise(str(meta.TransferSyntaxUID))
    # No file meta: the encoding pydicom guessed while reading.
    if ds.is_little_endian and ds.is_implicit_VR:
        return IMPLICIT_LITTLE
    return EXPLICIT_LITTLE if ds.is_little_endian else EXPLICIT_BIG


def read(path):
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        forced = False
    except InvalidDicomError:
        # No preamble/"DICM": a bare dataset, which DCMTK reads too.
        ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
        forced = True
    result = {"path": path, "forced": forced}
    errors = {}
    for key, keyword in list(TEXT_ATTRIBUTES.items()) + list(INT_ATTRIBUTES.items()):
        convert = text_of if key in TEXT_ATTRIBUTES else int_of
        try:
            element = ds.get(Tag(keyword))
            if element is None:
                result[key] = "" if key in TEXT_ATTRIBUTES else 0
            else:
                result[key] = convert(element)
        except Exception as err:  # pylint: disable=broad-except
            errors[key] = f"{type(err).__name__}: {err}"
    result["transferSyntaxUid"] = transfer_syntax(ds)
    if errors:
        # A value pydicom itself cannot read (e.g. IS "1A"): the key is left out.
        result["attributeErrors"] = errors
    if forced and not result["sopInstanceUid"] and not result["sopClassUid"]:
        raise InvalidDicomError("no DICOM dataset found")
    return result


def main(paths):
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            try:
                out.append(read(path))
            except Exception as err:  # pylint: disable=broad-except
                out.append({"path": path, "error": f"{type(err).__name__}: {err}"})
    json.dump(out, sys.stdout, ensure_ascii=True, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
