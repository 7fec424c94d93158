#!/bin/bash
# C-MOVE benchmark: the 500 x 512² CT study moved from Orthanc into Lightbox (durable + indexed), beside the same
# move from Orthanc into dcmtk storescp, in the same run. Run on demand; a report, not a test (not in ctest).
#
# Usage:  tests/bench/bench_move.sh [LIGHTBOX_BINARY]
#   binary: the argument, else $LIGHTBOX_BIN, else <repo>/build/app/lightbox (nothing is built here)
# Knobs (environment):
#   RUNS=3            timed moves per receiver; the median is reported
#   LIGHTBOX_SHARED   the shared/ folder (default: <repo>/../shared) holding peers/gen_ct.py
#   BENCH_WORK        data cache and run folder (default ${TMPDIR:-/tmp}/lightbox-bench)
#   KEEP=0            1 = keep the run folder (logs, configs) afterwards
#   RECEIVERS="storescp lightbox lightbox-retrieve"
#                     add "lightbox-nosync" for a diagnostic row: Lightbox under eatmydata (fsync made a no-op, NOT
#                     durable; apt-get install eatmydata), moved by movescu, to show what the durable writes cost
# Every receiver writes into a fresh folder each run; all are deleted only at the end (on ext4 without a journal,
# inodes freed in the last ~30 s slow down new files: see README.md, bench_ingest.sh CLEAR).
# Rows: storescp (moved by dcmtk movescu), lightbox (moved by movescu: the same SCU as the storescp row, so only the
# receiver differs), lightbox-retrieve (moved by `lightbox retrieve --method move`, our own C-MOVE SCU, process
# start included). The ratio is storescp seconds / Lightbox seconds: 1.0 = as fast as storescp, target >= 0.9.
# Every DCMTK process (Orthanc, storescp, movescu, storescu) runs with TCP_NODELAY=1; Lightbox sets it itself.
# Exit status: 0 when every move delivered all 500 instances, 1 when one did not, 2 when the bench could not run.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))
LB=${1:-${LIGHTBOX_BIN:-$TOP/build/app/lightbox}}
SHARED=${LIGHTBOX_SHARED:-$TOP/../shared}
BENCH=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench}
RUNS=${RUNS:-3}
KEEP=${KEEP:-0}
RECEIVERS=${RECEIVERS:-"storescp lightbox lightbox-retrieve"}
PY=/usr/bin/python3
N=500
export TCP_NODELAY=1

die() { echo "bench_move: $*" >&2; exit 2; }
for tool in storescu storescp movescu echoscu Orthanc curl jq bc awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install dcmtk orthanc curl jq bc)"
done
case " $RECEIVERS " in *" lightbox-nosync "*)
  [ -f /usr/lib/x86_64-linux-gnu/libeatmydata.so ] || die "lightbox-nosync needs eatmydata (apt-get install eatmydata)" ;;
esac
[ -x "$LB" ] || die "no lightbox binary at $LB (build it, or pass its path / set LIGHTBOX_BIN)"
LB=$(cd "$(dirname "$LB")" && pwd)/$(basename "$LB")

. "$HERE/processes.sh"   # freeport, stop_pid, forget_pid, stop_started, wait_echo, now, median, ct500_data; STARTED_PIDS
ct500_data

mkdir -p "$BENCH"
WORK=$(mktemp -d "$BENCH/move.XXXXXX")
cleanup() {
  stop_started
  if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- peers --------------------------------------------------------------------------------------------------
SCP_PORT=$(freeport); LB_PORT=$(freeport); O_DICOM=$(freeport); O_HTTP=$(freeport)
cat >"$WORK/orthanc.json" <<JSON
{ "Name": "bench-move", "StorageDirectory": "$WORK/orthanc-storage", "IndexDirectory": "$WORK/orthanc-index",
  "DicomAet": "ORTHANC", "DicomPort": $O_DICOM, "HttpPort": $O_HTTP, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "DicomAlwaysAllowMove": true, "StorageCompression": false,
  "DicomModalities": { "storescp": [ "STORESCP", "127.0.0.1", $SCP_PORT ],
                       "lightbox": [ "LIGHTBOX", "127.0.0.1", $LB_PORT ] } }
JSON
Orthanc --no-jobs "$WORK/orthanc.json" >"$WORK/orthanc.log" 2>&1 &
OPID=$!; STARTED_PIDS+=("$OPID")
wait_echo ORTHANC "$O_DICOM" "$OPID" || die "Orthanc did not start (see $WORK/orthanc.log)"
echo "loading the study into Orthanc ($N instances)..." >&2
storescu -nh +sd +r -aec ORTHANC 127.0.0.1 "$O_DICOM" "$DATA" >"$WORK/load.log" 2>&1 || die "loading Orthanc failed"
[ "$(curl -sf "http://127.0.0.1:$O_HTTP/statistics" | jq -r .CountInstances)" = $N ] || die "Orthanc lacks instances"

start_storescp() {  # RUN
  SCP_OUT=$WORK/storescp-out-$1; mkdir -p "$SCP_OUT"
  storescp -aet STORESCP -od "$SCP_OUT" "$SCP_PORT" >>"$WORK/storescp.log" 2>&1 &
  SCP_PID=$!; STARTED_PIDS+=("$SCP_PID")
  wait_echo STORESCP "$SCP_PORT" "$SCP_PID" || die "storescp did not start"
}
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
start_lightbox() {  # RUN RECEIVER
  LB_STORAGE=$WORK/lightbox-storage-$1-$2
  local wrap=()
  [ "$2" = lightbox-nosync ] && wrap=(env LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libeatmydata.so)
  "${wrap[@]}" "$LB" --headless --aet LIGHTBOX --port "$LB_PORT" --storage "$LB_STORAGE" >>"$WORK/lightbox.log" 2>&1 &
  LB_PID=$!; STARTED_PIDS+=("$LB_PID")
  wait_echo LIGHTBOX "$LB_PORT" "$LB_PID" || die "lightbox did not start (see $WORK/lightbox.log)"
}
lightbox_count() { "$LB" stats --storage "$LB_STORAGE" | jq -r .instances; }

RES=$WORK/results.tsv
FAILED=0
move_dcmtk() {  # DESTINATION_AET
  movescu -S -aet BENCH -aec ORTHANC -aem "$1" 127.0.0.1 "$O_DICOM" \
    -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$STUDY" >>"$WORK/movescu.log" 2>&1
}
for run in $(seq 1 "$RUNS"); do
  for receiver in $RECEIVERS; do
    case $receiver in
      storescp) start_storescp "$run"; pid=$SCP_PID ;;
      lightbox|lightbox-retrieve|lightbox-nosync) start_lightbox "$run" "$receiver"; pid=$LB_PID ;;
      *) die "unknown receiver $receiver" ;;
    esac
    t0=$(now)
    case $receiver in
      storescp) move_dcmtk STORESCP ;;
      lightbox|lightbox-nosync) move_dcmtk LIGHTBOX ;;
      lightbox-retrieve) "$LB" retrieve "ORTHANC@127.0.0.1:$O_DICOM" --study "$STUDY" --method move --aet LIGHTBOX \
                           --port "$LB_PORT" --storage "$LB_STORAGE" >>"$WORK/retrieve.log" 2>&1 ;;
    esac
    t1=$(now)
    case $receiver in
      storescp) got=$(find "$SCP_OUT" -type f | wc -l) ;;
      *) got=$(lightbox_count) ;;
    esac
    secs=$(echo "$t1 - $t0" | bc)
    status=ok; [ "$got" = $N ] || { status="only $got of $N"; FAILED=1; }
    printf "%s\t%s\t%s\t%s\n" "$receiver" "$run" "$secs" "$status" >>"$RES"
    printf "run %s %-18s %7.3f s  %s\n" "$run" "$receiver" "$secs" "$status" >&2
    stop_pid "$pid"; forget_pid "$pid"
  done
done

# ---- report -------------------------------------------------------------------------------------------------
med() { awk -F'\t' -v r="$1" '$1==r{print $3}' "$RES" | median; }
MB=$(echo "scale=1; $BYTES / 1048576" | bc)
S=$(med storescp)
echo
echo "C-MOVE of $N x 512² CT ($MB MB) from Orthanc 1.10, median of $RUNS run(s):"
for receiver in $RECEIVERS; do
  T=$(med "$receiver")
  case $receiver in
    storescp) label="Orthanc -> storescp (movescu)" ;;
    lightbox) label="Orthanc -> Lightbox (movescu)" ;;
    lightbox-retrieve) label="Orthanc -> Lightbox (lightbox retrieve)" ;;
    lightbox-nosync) label="Orthanc -> Lightbox, no fsync (diagnostic)" ;;
  esac
  ratio=""
  [ "$receiver" != storescp ] && [ "$S" != nan ] && ratio=$(printf "ratio %.2f" "$(echo "scale=4; $S / $T" | bc)")
  printf "  %-44s %7.3f s  %7.1f MB/s  %s\n" "$label" "$T" "$(echo "scale=3; $MB / $T" | bc)" "$ratio"
done
echo "  (ratio = storescp seconds / Lightbox seconds; target >= 0.90)"
exit $FAILED
