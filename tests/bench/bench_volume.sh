#!/bin/bash
# Volume loading: lightbox::VolumeLoader against a plain single-threaded DCMTK load of the same files, same run.
#
#   tests/bench/bench_volume.sh [path/to/bench_volume]      # RUNS=5 for more runs
#
# Data: the 500 x 512² CT set of shared/peers/gen_ct.py (500 512 1, seed 1), generated once and cached in
# $BENCH_WORK/data/ct500 (shared with bench_ingest.sh). The files are read once before timing (page cache warm),
# then peer and loader runs alternate, each in its own process (so each peak RSS is its own).
# Prints each run, then medians: time to first slice and to the whole volume, loader/peer ratio (target <= 0.8)
# and the loader's peak RSS against the voxel bytes (target <= voxel bytes x 1.1 + 150 MB).
#
# Knobs: BENCH_VOLUME_BIN (default build-volume/tests/bench/bench_volume), RUNS (3), LIGHTBOX_SHARED
# (<repo>/../shared), BENCH_WORK (${TMPDIR:-/tmp}/lightbox-bench). Needs /usr/bin/python3 with pydicom and numpy.
# Exit status: 0 after printing (whatever the ratios), 2 when the bench could not run.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-${BENCH_VOLUME_BIN:-$TOP/build-volume/tests/bench/bench_volume}}
RUNS=${RUNS:-3}
SHARED=${LIGHTBOX_SHARED:-$TOP/../shared}
BENCH=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench}
PY=/usr/bin/python3
die() { echo "bench_volume: $*" >&2; exit 2; }

[ -x "$BIN" ] || die "no $BIN (cmake --build <dir> --target bench_volume)"
[ -f "$SHARED/peers/gen_ct.py" ] || die "no $SHARED/peers/gen_ct.py (set LIGHTBOX_SHARED)"

DIR=$BENCH/data/ct500
mkdir -p "$BENCH/data"
if ! [ -f "$DIR/files.txt" ] || [ "$(find "$DIR" -name '*.dcm' | wc -l)" -ne 500 ]; then
  echo "generating ct500: gen_ct.py 500 512 1 --seed 1" >&2
  rm -rf "$DIR"
  $PY "$SHARED/peers/gen_ct.py" 500 512 1 "$DIR" --seed 1 >/dev/null || die "gen_ct.py failed"
fi
LIST=$DIR/files.txt
xargs cat < "$LIST" > /dev/null   # warm the page cache: both sides read from memory

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

declare -a PEER_T LOADER_T LOADER_F LOADER_HWM
for run in $(seq 1 "$RUNS"); do
  p=$("$BIN" peer "$LIST") || die "peer run failed"
  l=$("$BIN" loader "$LIST") || die "loader run failed"
  echo "run $run  $p"
  echo "run $run  $l"
  PEER_T+=("$(field total_s "$p")")
  LOADER_T+=("$(field total_s "$l")")
  LOADER_F+=("$(field first_s "$l")")
  LOADER_HWM+=("$(field vmhwm_kb "$l")")
  VOXEL=$(field voxel_bytes "$l")
  PEER_HWM=$(field vmhwm_kb "$p")
done

peer=$(printf '%s\n' "${PEER_T[@]}" | median)
total=$(printf '%s\n' "${LOADER_T[@]}" | median)
first=$(printf '%s\n' "${LOADER_F[@]}" | median)
hwm=$(printf '%s\n' "${LOADER_HWM[@]}" | sort -g | tail -1)
awk -v peer="$peer" -v total="$total" -v first="$first" -v hwm="$hwm" -v voxel="$VOXEL" -v peerhwm="$PEER_HWM" \
    -v cores="$(nproc)" -v runs="$RUNS" 'BEGIN {
  mb = 1024 * 1024
  printf "\nmedians over %d runs, %d cores, 500 x 512x512 int16 CT (%.0f MB of voxels)\n", runs, cores, voxel / mb
  printf "peer (single-threaded DCMTK)    whole volume %.3f s\n", peer
  printf "VolumeLoader                    first slice  %.3f s, whole volume %.3f s\n", first, total
  printf "loader/peer ratio: %.2f (target <= 0.80)\n", total / peer
  limit = voxel * 1.1 + 150 * mb
  printf "loader peak RSS: %.0f MB, limit %.0f MB (voxels x 1.1 + 150 MB): %s; peer peak RSS %.0f MB\n",
         hwm * 1024 / mb, limit / mb, (hwm * 1024 <= limit ? "within" : "OVER"), peerhwm * 1024 / mb
}'
