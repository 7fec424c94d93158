#!/usr/bin/env bash
# Study browser on a large index: launch → rows on screen, each filter's query time, and arrival → row latency.
#   cmake --build build --target lightbox bench_browser
#   tests/bench/bench_browser.sh            (STUDIES=20000 INSTANCES=1000000 RUNS=5 ARRIVALS=100)
# Needs an X server: run under xvfb-run, or the script re-runs itself under xvfb-run. Prints a report; exits 0
# unless the bench could not run (2).
set -uo pipefail
if [ -z "${DISPLAY:-}" ] && [ -z "${LIGHTBOX_BENCH_XVFB:-}" ]; then
  LIGHTBOX_BENCH_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
LIGHTBOX_BIN=${LIGHTBOX_BIN:-$BUILD/app/lightbox}
BENCH_BIN=${BENCH_BIN:-$BUILD/tests/bench/bench_browser}
STUDIES=${STUDIES:-20000}
INSTANCES=${INSTANCES:-1000000}
RUNS=${RUNS:-5}
ARRIVALS=${ARRIVALS:-100}
PY=/usr/bin/python3
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench-browser}
for b in "$LIGHTBOX_BIN" "$BENCH_BIN"; do
  [ -x "$b" ] || { echo "missing $b (cmake --build build --target lightbox bench_browser)"; exit 2; }
done
command -v storescu >/dev/null || { echo "storescu missing (dcmtk)"; exit 2; }

freeport() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/xdg-data" TCP_NODELAY=1
STORE="$WORK/storage-$STUDIES-$INSTANCES"
mkdir -p "$WORK" "$XDG_CONFIG_HOME"
LB_PID=
cleanup() { [ -n "$LB_PID" ] && kill "$LB_PID" 2>/dev/null && wait "$LB_PID" 2>/dev/null; }
trap cleanup EXIT

# 1. The index: rows written directly (cached between runs of the bench).
if [ ! -f "$STORE/.filled" ]; then
  rm -rf "$STORE"; mkdir -p "$STORE"
  "$LIGHTBOX_BIN" --reindex --storage "$STORE" >/dev/null 2>&1 || { echo "cannot create an index"; exit 2; }
  echo "filling $STORE/index.sqlite with $STUDIES studies / $INSTANCES instances ..."
  $PY "$HERE/fill_index.py" "$STORE/index.sqlite" --studies "$STUDIES" --instances "$INSTANCES" || exit 2
  touch "$STORE/.filled"
fi
echo "index: $(du -h "$STORE/index.sqlite" | cut -f1), $("$LIGHTBOX_BIN" stats --storage "$STORE" | tr -d '\n ')"
echo

# 2. Each filter through the real model (worker thread, first page + count), beside a copy of every row.
echo "== filter query times (median of $RUNS, after one warm-up) =="
"$BENCH_BIN" "$STORE/index.sqlite" "$RUNS"
echo

# 3. Launch → the study list painted with rows (the window logs it, timed from the process start).
launch_once() { # $1: storage; prints ms
  local port log; port=$(freeport); log="$WORK/launch.log"
  "$LIGHTBOX_BIN" --storage "$1" --port "$port" >"$log" 2>&1 &
  LB_PID=$!
  local ms=
  for _ in $(seq 1 200); do
    ms=$(sed -n 's/.*Study list showing .* studies, \([0-9]*\) ms after launch.*/\1/p' "$log")
    [ -n "$ms" ] && break
    sleep 0.05
  done
  kill "$LB_PID" 2>/dev/null; wait "$LB_PID" 2>/dev/null; LB_PID=
  echo "${ms:-NA}"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "NA"; else print a[int((NR+1)/2)]}'; }
SMALL="$WORK/storage-small"
if [ ! -f "$SMALL/.filled" ]; then
  rm -rf "$SMALL"; mkdir -p "$SMALL"
  "$LIGHTBOX_BIN" --reindex --storage "$SMALL" >/dev/null 2>&1
  $PY "$HERE/fill_index.py" "$SMALL/index.sqlite" --studies 20 --instances 1000 >/dev/null && touch "$SMALL/.filled"
fi
echo "== launch → rows on screen (ms, $RUNS runs) =="
big=(); small=()
for _ in $(seq 1 "$RUNS"); do
  small+=("$(launch_once "$SMALL")")
  big+=("$(launch_once "$STORE")")
done
BIG_MED=$(printf '%s\n' "${big[@]}" | median); SMALL_MED=$(printf '%s\n' "${small[@]}" | median)
echo "20-study index:  ${small[*]}  median $SMALL_MED"
echo "$STUDIES-study index: ${big[*]}  median $BIG_MED (target < 1000)"
if [ "$SMALL_MED" != NA ] && [ "$BIG_MED" != NA ]; then
  echo "ratio large/small index: $(echo "scale=2; $BIG_MED / $SMALL_MED" | bc)"
fi
echo

# 4. Arrival → row: ARRIVALS one-instance studies, one association each, into the running window on the big
# index; the model logs each arrival's commit → on-screen latency.
echo "== arrival → row latency over $ARRIVALS arrivals =="
DATA="$WORK/arrivals"
rm -rf "$DATA"; mkdir -p "$DATA"
$PY - "$DATA/spec.json" "$ARRIVALS" <<'PYEOF'
import datetime, json, sys
today = datetime.date.today().strftime("%Y%m%d")
n = int(sys.argv[2])
json.dump([{"key": "arr%03d" % i, "name": "Arrival^Number%d" % i, "id": "ARR%05d" % i, "date": today,
            "time": "10%02d%02d" % (i // 60, i % 60), "series": [{"modality": "CT", "count": 1}]} for i in range(n)],
          open(sys.argv[1], "w"))
PYEOF
$PY "$ROOT/tests/tools/make_studies.py" "$DATA/spec.json" "$DATA/files" >/dev/null || exit 2
RUNSTORE="$WORK/storage-arrivals"
rm -rf "$RUNSTORE"; cp -a "$STORE" "$RUNSTORE"
PORT=$(freeport); LOG="$WORK/arrivals.log"
QT_LOGGING_RULES="lightbox.ui.browser.debug=true" "$LIGHTBOX_BIN" --storage "$RUNSTORE" --port "$PORT" >"$LOG" 2>&1 &
LB_PID=$!
for _ in $(seq 1 200); do grep -q "Study list showing" "$LOG" && break; sleep 0.05; done
for d in "$DATA"/files/arr*; do
  storescu -aec LIGHTBOX -aet BENCH +sd +r -nh 127.0.0.1 "$PORT" "$d" >/dev/null 2>&1 || echo "send failed: $d"
  sleep 0.05
done
sleep 1
kill "$LB_PID"; wait "$LB_PID" 2>/dev/null; LB_PID=
# One line per refresh; a refresh that brought k studies counts k times.
sed -n 's/.*arrival shown \([0-9]*\) ms after its index commit (\([0-9]*\) studies).*/\1 \2/p' "$LOG" |
  awk '{for (i = 0; i < $2; i++) print $1}' | sort -n > "$WORK/latencies.txt"
N=$(wc -l < "$WORK/latencies.txt")
if [ "$N" -eq 0 ]; then echo "no arrivals were logged (see $LOG)"; exit 2; fi
pct() { awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}' "$WORK/latencies.txt"; }
echo "arrivals shown: $N of $ARRIVALS; latency ms: p50 $(pct 50), p95 $(pct 95) (target < 200), max $(pct 100)"
rm -rf "$RUNSTORE"
