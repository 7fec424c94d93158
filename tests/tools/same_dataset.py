#!/usr/bin/python3
"""Compares two DICOM files as a receiver must keep them.

  same_dataset.py ORIGINAL RECEIVED            the data sets are identical (file meta group and trailing padding
                                               excluded), element by element, pixel data byte for byte; also the
                                               same transfer syntax
  same_dataset.py --pixels EXPECTED RECEIVED   RECEIVED is uncompressed and its pixel data equals EXPECTED's
                                               (EXPECTED: a decompressed copy of the original, e.g. by dcmdjpeg)
  same_dataset.py --uid FILE                   prints the SOP Instance UID

Exit 0 when they match; otherwise the differences go to stderr and the exit code is 1.
"""
import sys

import pydicom

UNCOMPRESSED = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"}


def main(argv):
    if argv[1] == "--uid":
        print(pydicom.dcmread(argv[2], stop_before_pixels=True).SOPInstanceUID)
        return 0
    if argv[1] == "--pixels":
        expected, received = pydicom.dcmread(argv[2]), pydicom.dcmread(argv[3])
        ts = str(received.file_meta.TransferSyntaxUID)
        if ts not in UNCOMPRESSED:
            print("received is not uncompressed: %s" % ts, file=sys.stderr)
            return 1
        if expected.SOPInstanceUID != received.SOPInstanceUID:
            print("different SOP Instance UIDs", file=sys.stderr)
            return 1
        a, b = bytes(expected.PixelData), bytes(received.PixelData)
        # A trailing pad byte may differ in odd lengths; compare the pixel bytes themselves.
        if a.rstrip(b"\0") != b.rstrip(b"\0") or abs(len(a) - len(b)) > 1:
            print("pixel data differ (%d vs %d bytes)" % (len(a), len(b)), file=sys.stderr)
            return 1
        return 0
    original, received = pydicom.dcmread(argv[1]), pydicom.dcmread(argv[2])
    problems = []
    ts_a = str(original.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in original.file_meta else ""
    ts_b = str(received.file_meta.TransferSyntaxUID)
    if ts_a and ts_a != ts_b:
        problems.append("transfer syntax %s became %s" % (ts_a, ts_b))
    # Data Set Trailing Padding (FFFC,FFFC) carries nothing and may be dropped by any sender (PS3.10 7.2).
    tags_a = {e.tag for e in original if e.tag != 0xFFFCFFFC}
    tags_b = {e.tag for e in received if e.tag != 0xFFFCFFFC}
    for tag in sorted(tags_a ^ tags_b):
        problems.append("%s only in %s" % (tag, "original" if tag in tags_a else "received"))
    for tag in sorted(tags_a & tags_b):
        if original[tag] != received[tag]:
            problems.append("%s differs" % tag)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
