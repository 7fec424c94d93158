#!/usr/bin/env bash
# The viewer on the 500 x 512² CT series: first image on screen (from open in a running process, and from launch
# with `lightbox --view`), whole volume loaded, scrolling frames per second and peak RSS, beside a plain
# single-threaded DCMTK load of the same files in the same run (bench_volume's peer mode).
#
#   cmake --build build-benchviewer --target lightbox bench_viewer bench_volume
#   tests/bench/bench_viewer.sh            # RUNS=3; re-runs itself under xvfb-run when there is no DISPLAY
#
# Knobs: BUILD (<repo>/build-benchviewer), LIGHTBOX_BIN, BENCH_VIEWER_BIN, BENCH_VOLUME_BIN (default: in BUILD),
# RUNS (3), LIGHTBOX_SHARED (<repo>/../shared), BENCH_WORK (${TMPDIR:-/tmp}/lightbox-bench: data shared with
# bench_volume.sh and bench_ingest.sh), KEEP=1 keeps the launch logs.
# Exit status: 0 after printing (whatever the ratios), 2 when the bench could not run.
set -uo pipefail
if [ -z "${DISPLAY:-}" ] && [ -z "${LIGHTBOX_BENCH_XVFB:-}" ]; then
  LIGHTBOX_BENCH_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build-benchviewer}
LIGHTBOX_BIN=${LIGHTBOX_BIN:-$BUILD/app/lightbox}
VIEWER_BIN=${BENCH_VIEWER_BIN:-$BUILD/tests/bench/bench_viewer}
VOLUME_BIN=${BENCH_VOLUME_BIN:-$BUILD/tests/bench/bench_volume}
RUNS=${RUNS:-3}
SHARED=${LIGHTBOX_SHARED:-$ROOT/../shared}
BENCH=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench}
PY=/usr/bin/python3
die() { echo "bench_viewer: $*" >&2; exit 2; }

for b in "$LIGHTBOX_BIN" "$VIEWER_BIN" "$VOLUME_BIN"; do
  [ -x "$b" ] || die "no $b (cmake --build $BUILD --target lightbox bench_viewer bench_volume)"
done
[ -f "$SHARED/peers/gen_ct.py" ] || die "no $SHARED/peers/gen_ct.py (set LIGHTBOX_SHARED)"

# Data: the ct500 set exactly as bench_volume.sh makes it, plus a small series for the warm-up.
gen() { # $1 dir, then gen_ct.py arguments
  local dir=$1; shift
  if ! [ -f "$dir/files.txt" ] || [ "$(find "$dir" -name '*.dcm' | wc -l)" -ne "$1" ]; then
    echo "generating $(basename "$dir"): gen_ct.py $*" >&2
    rm -rf "$dir"
    $PY "$SHARED/peers/gen_ct.py" "$1" "$2" "$3" "$dir" "${@:4}" >/dev/null || die "gen_ct.py failed"
  fi
}
mkdir -p "$BENCH/data"
DIR=$BENCH/data/ct500
WARM=$BENCH/data/warm16
gen "$DIR" 500 512 1 --seed 1
gen "$WARM" 16 128 1 --seed 2
LIST=$DIR/files.txt
xargs cat < "$LIST" > /dev/null   # page cache warm: every side reads from memory

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "NA"; else print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
max() { sort -g | tail -1; }

# (a) The peer, and VolumeLoader alone for reference: bench_volume, one process per run, interleaved.
echo "== (a) plain single-threaded DCMTK load (bench_volume peer) and VolumeLoader alone =="
PEER=(); LOADER=()
for run in $(seq 1 "$RUNS"); do
  p=$("$VOLUME_BIN" peer "$LIST") || die "peer run failed"
  l=$("$VOLUME_BIN" loader "$LIST") || die "loader run failed"
  echo "run $run  $p"
  echo "run $run  $l"
  PEER+=("$(field total_s "$p")"); LOADER+=("$(field total_s "$l")")
done
PEER_MS=$(printf '%s\n' "${PEER[@]}" | median | awk '{print $1 * 1000}')
LOADER_MS=$(printf '%s\n' "${LOADER[@]}" | median | awk '{print $1 * 1000}')
echo

# (b) The viewer in one process: warm-up, then RUNS opens with the thumbnail cached, RUNS with an empty one.
echo "== (b) bench_viewer: ViewerWindow opened in a running process =="
OUT=$("$VIEWER_BIN" "$DIR" "$WARM" "$RUNS") || { echo "$OUT"; die "bench_viewer failed"; }
echo "$OUT"
col() { # $1 mode, $2 field -> values, one a line
  grep "^mode=$1 " <<<"$OUT" | while read -r line; do field "$2" "$line"; done
}
FIRST=$(col open first_ms | median); PAINTED=$(col open painted_ms | median); LOADED=$(col open loaded_ms | median)
FPS=$(col open fps | median); HWM=$(col open vmhwm_kb | max); VOXEL=$(col open voxel_bytes | max)
GLDRIVER=$(col open gl_driver_kb | median); BEFORE=$(col open rss_before_kb | median); CLOSED=$(col open rss_closed_kb | max); RSSLOADED=$(col open rss_loaded_kb | median)
F_FIRST=$(col open-fresh-thumbs first_ms | median); F_PAINTED=$(col open-fresh-thumbs painted_ms | median)
F_LOADED=$(col open-fresh-thumbs loaded_ms | median)
FROMPATHS=$(grep '^mode=frompaths ' <<<"$OUT" | sed 's/.* ms=//')
echo

# (c) From launch: `lightbox --view DIR`, isolated XDG folders (one set for the whole bench; the first, untimed
# launch fills Mesa's shader cache and fontconfig's cache there, as any earlier start of the app would have).
echo "== (c) lightbox --view from launch =="
XDG=$(mktemp -d "${TMPDIR:-/tmp}/lightbox-benchviewer-XXXXXX")
export XDG_CONFIG_HOME=$XDG/config XDG_DATA_HOME=$XDG/data XDG_CACHE_HOME=$XDG/cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
LB_PID=
cleanup() { [ -n "$LB_PID" ] && kill "$LB_PID" 2>/dev/null && wait "$LB_PID" 2>/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$XDG"; }
trap cleanup EXIT
launch_once() { # $1 log; prints "ms hwm_kb" (hwm read 3 s after the first image: the volume is loaded by then)
  "$LIGHTBOX_BIN" --view "$DIR" >"$1" 2>&1 &
  LB_PID=$!
  local ms= hwm=NA
  for _ in $(seq 1 600); do
    ms=$(sed -n 's/.*Viewer: first image on screen \([0-9]*\) ms after launch.*/\1/p' "$1")
    [ -n "$ms" ] && break
    kill -0 "$LB_PID" 2>/dev/null || break
    sleep 0.05
  done
  if [ -n "$ms" ]; then
    sleep 3
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$LB_PID/status" 2>/dev/null)
  fi
  kill "$LB_PID" 2>/dev/null; wait "$LB_PID" 2>/dev/null; LB_PID=
  echo "${ms:-NA} ${hwm:-NA}"
}
COLD=$(launch_once "$XDG/launch-0.log")
echo "launch 0 (untimed warm-up, empty caches): first image ${COLD% *} ms"
LAUNCH=()
for run in $(seq 1 "$RUNS"); do
  r=$(launch_once "$XDG/launch-$run.log")
  echo "launch $run  first_image_ms=${r% *} vmhwm_kb=${r#* }"
  LAUNCH+=("${r% *}")
done
LAUNCH_MS=$(printf '%s\n' "${LAUNCH[@]}" | grep -v NA | median)
echo

awk -v first="$FIRST" -v painted="$PAINTED" -v loaded="$LOADED" -v fps="$FPS" -v hwm="$HWM" -v voxel="$VOXEL" \
    -v before="$BEFORE" -v gldriver="$GLDRIVER" -v closed="$CLOSED" -v rssloaded="$RSSLOADED" -v peer="$PEER_MS" -v loader="$LOADER_MS" \
    -v launch="$LAUNCH_MS" -v ffirst="$F_FIRST" -v fpainted="$F_PAINTED" -v floaded="$F_LOADED" \
    -v frompaths="$FROMPATHS" -v runs="$RUNS" -v cores="$(nproc)" 'BEGIN {
  mb = 1024 * 1024
  printf "== medians over %d runs, %d cores, 500 x 512x512 int16 CT (%.0f MB of voxels) ==\n", runs, cores, voxel / mb
  fmt = "%-50s %10s  %-30s %s\n"
  printf fmt, "measure", "value", "target", "verdict"
  printf fmt, "first image from open (firstImageShown)", sprintf("%.0f ms", first), "< 150 ms", (first < 150 ? "met" : "MISSED")
  printf fmt, "  ... first frame painted after it", sprintf("%.0f ms", painted), "< 150 ms", (painted < 150 ? "met" : "MISSED")
  printf fmt, "first image from launch (lightbox --view)", (launch == "NA" ? "NA" : sprintf("%.0f ms", launch)),
         "< 350 ms (aeskulap 700 ms)", (launch != "NA" && launch < 350 ? "met" : "MISSED")
  printf fmt, "whole volume in the viewer (from open)", sprintf("%.0f ms", loaded), "", ""
  printf fmt, "plain single-threaded DCMTK load (peer)", sprintf("%.0f ms", peer), "", ""
  printf fmt, "viewer / peer", sprintf("%.2f", loaded / peer), "<= 0.80", (loaded / peer <= 0.8 ? "met" : "MISSED")
  printf fmt, "  (VolumeLoader alone / peer, bench_volume)", sprintf("%.2f", loader / peer), "", ""
  printf fmt, "scrolling, one slice per frame", sprintf("%.1f fps", fps), ">= 30 fps", (fps >= 30 ? "met" : "MISSED")
  limit = voxel * 1.1 + 150 * mb
  printf fmt, "peak RSS (VmHWM, per open, worst run)", sprintf("%.0f MB", hwm * 1024 / mb),
         sprintf("<= %.0f MB", limit / mb), (hwm * 1024 <= limit ? "met" : "MISSED")
  printf fmt, "  RSS before open / loaded / after close (worst)",
         sprintf("%.0f/%.0f/%.0f MB", before * 1024 / mb, rssloaded * 1024 / mb, closed * 1024 / mb),
         "released on close", (closed - before < 50 * 1024 ? "yes" : "NO")
  printf fmt, "  of it, mappings of the software GL driver", sprintf("%.0f MB", gldriver * 1024 / mb),
         "(libLLVM, swrast_dri: Mesa llvmpipe)", ""
  printf "\ndiagnostics: viewerstudy::fromPaths on the 500 files (what --view does before the window exists) %.0f ms;\n", frompaths
  printf "open with an empty thumbnail folder (as --view): first image %.0f ms, painted %.0f ms, whole volume %.0f ms\n",
         ffirst, fpainted, floaded
}'
exit 0
