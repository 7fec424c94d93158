#!/usr/bin/python3
"""Print what pydicom reads from image files, for checking a loaded volume (Debian's /usr/bin/python3).

  volume_expect.py FILE...

Prints one JSON array, one object per readable file in argument order:
  {"path", "instance", "rows", "columns", "frames": [{"position": [x, y, z] or null, "samples": [[x, y, v], ...]}]}
"samples" are stored values (before rescale) at the four corners and at (3, 5). The position of a frame is its
per-frame Image Position (Patient) when the file has per-frame functional groups, else the file's. Unreadable
files are left out.
"""
import json
import sys
import warnings

import pydicom


def position_of(ds, frame):
    per_frame = getattr(ds, "PerFrameFunctionalGroupsSequence", None)
    if per_frame is not None and frame < len(per_frame) and "PlanePositionSequence" in per_frame[frame]:
        return [float(v) for v in per_frame[frame].PlanePositionSequence[0].ImagePositionPatient]
    if "ImagePositionPatient" in ds:
        return [float(v) for v in ds.ImagePositionPatient]
    return None


def main():
    warnings.simplefilter("ignore")
    out = []
    for path in sys.argv[1:]:
        try:
            ds = pydicom.dcmread(path)
            array = ds.pixel_array
        except Exception:  # unreadable or cut short: the loader must skip it too
            continue
        frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
        if frames == 1:
            array = array.reshape((1,) + array.shape)
        rows, cols = int(ds.Rows), int(ds.Columns)
        points = [(0, 0), (cols - 1, 0), (0, rows - 1), (cols - 1, rows - 1), (3, 5)]
        out.append({
            "path": path,
            "instance": int(getattr(ds, "InstanceNumber", 0) or 0),
            "rows": rows,
            "columns": cols,
            "frames": [{"position": position_of(ds, f),
                        "samples": [[x, y, int(array[f, y, x])] for x, y in points]} for f in range(frames)],
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
