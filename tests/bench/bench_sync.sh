#!/bin/bash
# Sync benchmark: the 500 x 512² CT study synced from Lightbox to Orthanc over C-STORE (`lightbox sync --study`, the
# sync engine sending from its outbox), beside dcmtk storescu sending the same files to Orthanc directly, in the same
# run; each run into a fresh Orthanc. Run on demand; a report, not a test (not in ctest).
#
# Usage:  tests/bench/bench_sync.sh [LIGHTBOX_BINARY]
#   binary: the argument, else $LIGHTBOX_BIN, else <repo>/build/app/lightbox (nothing is built here)
# Knobs (environment):
#   RUNS=3            timed syncs per sender; the median is reported
#   LIGHTBOX_SHARED   the shared/ folder (default: <repo>/../shared) holding peers/gen_ct.py
#   BENCH_WORK        data cache and run folder (default ${TMPDIR:-/tmp}/lightbox-bench)
#   KEEP=0            1 = keep the run folder (logs, configs) afterwards
#   SENDERS="storescu lightbox-cstore lightbox-stow"
# Rows: storescu (storescu -> Orthanc, one association), lightbox-cstore (`lightbox sync --study UID` with a DICOM
# sync destination: process start, queueing 500 rows, sending, recording), lightbox-stow (the same with a DICOMweb
# destination: STOW-RS to Orthanc's DICOMweb plugin). The ratio is storescu seconds / Lightbox seconds: 1.0 = as fast
# as storescu; target >= 0.9 for C-STORE. Every DCMTK process runs with TCP_NODELAY=1; Lightbox sets it itself.
# Exit status: 0 when every sync delivered all 500 instances, 1 when one did not, 2 when the bench could not run.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))
LB=${1:-${LIGHTBOX_BIN:-$TOP/build/app/lightbox}}
SHARED=${LIGHTBOX_SHARED:-$TOP/../shared}
BENCH=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench}
RUNS=${RUNS:-3}
KEEP=${KEEP:-0}
SENDERS=${SENDERS:-"storescu lightbox-cstore lightbox-stow"}
PY=/usr/bin/python3
N=500
DICOMWEB_PLUGIN=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
export TCP_NODELAY=1

die() { echo "bench_sync: $*" >&2; exit 2; }
for tool in storescu echoscu Orthanc curl jq bc awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install dcmtk orthanc curl jq bc)"
done
case " $SENDERS " in *" lightbox-stow "*)
  [ -f "$DICOMWEB_PLUGIN" ] || die "lightbox-stow needs $DICOMWEB_PLUGIN (apt-get install orthanc-dicomweb)" ;;
esac
[ -x "$LB" ] || die "no lightbox binary at $LB (build it, or pass its path / set LIGHTBOX_BIN)"
LB=$(cd "$(dirname "$LB")" && pwd)/$(basename "$LB")

. "$HERE/processes.sh"   # freeport, stop_pid, forget_pid, stop_started, wait_echo, now, median, ct500_data; STARTED_PIDS
ct500_data

mkdir -p "$BENCH"
WORK=$(mktemp -d "$BENCH/sync.XXXXXX")
cleanup() {
  stop_started
  if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

O_DICOM=$(freeport); O_HTTP=$(freeport); LB_PORT=$(freeport)
start_orthanc() {  # RUN SENDER: a fresh Orthanc (new storage), same ports every time
  local dir=$WORK/orthanc-$1-$2
  mkdir -p "$dir"
  cat >"$dir/orthanc.json" <<JSON
{ "Name": "bench-sync", "StorageDirectory": "$dir/storage", "IndexDirectory": "$dir/index",
  "DicomAet": "ORTHANC", "DicomPort": $O_DICOM, "HttpPort": $O_HTTP, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "StorageCompression": false,
  "Plugins": [ "$DICOMWEB_PLUGIN" ], "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
  Orthanc --no-jobs "$dir/orthanc.json" >"$dir/orthanc.log" 2>&1 &
  OPID=$!; STARTED_PIDS+=("$OPID")
  wait_echo ORTHANC "$O_DICOM" "$OPID" || die "Orthanc did not start (see $dir/orthanc.log)"
}
orthanc_count() { curl -sf "http://127.0.0.1:$O_HTTP/statistics" | jq -r .CountInstances; }

# Lightbox's storage, loaded once (not timed); each run re-sends the whole study with `sync --study`.
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
LB_STORAGE=$WORK/lightbox-storage
"$LB" --headless --aet LIGHTBOX --port "$LB_PORT" --storage "$LB_STORAGE" >>"$WORK/lightbox.log" 2>&1 &
LB_PID=$!; STARTED_PIDS+=("$LB_PID")
wait_echo LIGHTBOX "$LB_PORT" "$LB_PID" || die "lightbox did not start (see $WORK/lightbox.log)"
echo "loading the study into Lightbox ($N instances)..." >&2
storescu -nh +sd +r -aec LIGHTBOX 127.0.0.1 "$LB_PORT" "$DATA" >"$WORK/load.log" 2>&1 || die "loading Lightbox failed"
stop_pid "$LB_PID"; forget_pid "$LB_PID"
[ "$("$LB" stats --storage "$LB_STORAGE" | jq -r .instances)" = $N ] || die "Lightbox lacks instances"
add_target() {  # PACS|WEB: the one sync destination
  "$LB" destination remove PACS >/dev/null 2>&1
  "$LB" destination remove WEB >/dev/null 2>&1
  if [ "$1" = PACS ]; then "$LB" destination add PACS "ORTHANC@127.0.0.1:$O_DICOM" --roles sync
  else "$LB" destination add WEB --dicomweb "http://127.0.0.1:$O_HTTP/dicom-web" --auth none --roles sync </dev/null; fi
}
STOW_READY=0
add_target WEB >"$WORK/stow-add.log" 2>&1 && STOW_READY=1

RES=$WORK/results.tsv
FAILED=0
for run in $(seq 1 "$RUNS"); do
  for sender in $SENDERS; do
    if [ "$sender" = lightbox-stow ] && [ $STOW_READY = 0 ]; then
      echo "lightbox-stow skipped: this build cannot add a DICOMweb destination ($(cat "$WORK/stow-add.log"))" >&2
      continue
    fi
    start_orthanc "$run" "$sender"
    case $sender in
      lightbox-cstore) add_target PACS >/dev/null || die "cannot add the C-STORE sync destination" ;;
      lightbox-stow) add_target WEB >/dev/null || die "cannot add the DICOMweb sync destination" ;;
    esac
    t0=$(now)
    case $sender in
      storescu) storescu -nh +sd +r -aec ORTHANC 127.0.0.1 "$O_DICOM" "$DATA" >>"$WORK/storescu.log" 2>&1 ;;
      lightbox-*) "$LB" sync --study "$STUDY" --storage "$LB_STORAGE" >>"$WORK/sync.log" 2>&1 ;;
      *) die "unknown sender $sender" ;;
    esac
    t1=$(now)
    got=$(orthanc_count)
    secs=$(echo "$t1 - $t0" | bc)
    status=ok; [ "$got" = $N ] || { status="only $got of $N"; FAILED=1; }
    printf "%s\t%s\t%s\t%s\n" "$sender" "$run" "$secs" "$status" >>"$RES"
    printf "run %s %-16s %7.3f s  %s\n" "$run" "$sender" "$secs" "$status" >&2
    stop_pid "$OPID"; forget_pid "$OPID"
  done
done

med() { awk -F'\t' -v r="$1" '$1==r{print $3}' "$RES" | median; }
MB=$(echo "scale=1; $BYTES / 1048576" | bc)
S=$(med storescu)
echo
echo "Sync of $N x 512² CT ($MB MB) to Orthanc 1.10 (fresh each run), median of $RUNS run(s), load $(cut -d' ' -f1-3 /proc/loadavg):"
for sender in $SENDERS; do
  T=$(med "$sender"); [ "$T" = nan ] && continue
  case $sender in
    storescu) label="storescu -> Orthanc (C-STORE, direct)" ;;
    lightbox-cstore) label="Lightbox sync -> Orthanc (C-STORE)" ;;
    lightbox-stow) label="Lightbox sync -> Orthanc (STOW-RS)" ;;
  esac
  ratio=""
  [ "$sender" != storescu ] && [ "$S" != nan ] && ratio=$(printf "ratio %.2f" "$(echo "scale=4; $S / $T" | bc)")
  printf "  %-42s %7.3f s  %7.1f MB/s  %s\n" "$label" "$T" "$(echo "scale=3; $MB / $T" | bc)" "$ratio"
done
echo "  (ratio = storescu seconds / Lightbox seconds; target >= 0.90 for C-STORE)"
exit $FAILED
