#!/bin/bash
# Ingest benchmark: Lightbox (durable + indexed) against dcmtk storescp and Orthanc, in the same run.
# Run on demand; it is a report, not a test (see tests/bench/README.md).
#
# Usage:  tests/bench/bench_ingest.sh [LIGHTBOX_BINARY]
#   binary: the argument, else $LIGHTBOX_BIN, else <repo>/build/app/lightbox (nothing is built here)
# Knobs (environment):
#   RUNS=3            timed runs per receiver and set; the median is reported
#   SETS="ct small"   ct = gen_ct.py 500 512 1 (seed 1), small = gen_ct.py 2000 64 20 (seed 2)
#   RECEIVERS="storescp orthanc lightbox"
#                     add "lightbox-nosync" for a diagnostic row: Lightbox under eatmydata (fsync/fdatasync made
#                     no-ops, NOT durable; apt-get install eatmydata) to show what the syncs cost
#   PARALLEL=0        N > 1 adds a scenario: N storescu processes at once, each sending 1/N of the small set,
#                     to Lightbox and storescp (plain storescp serves one association at a time)
#   LIGHTBOX_SHARED   the shared/ folder (default: <repo>/../shared) holding peers/gen_ct.py
#   BENCH_WORK        data cache and run folders (default ${TMPDIR:-/tmp}/lightbox-bench)
#   CLEAR=defer       how receivers are emptied between runs: "defer" moves old files aside (storescp out dir,
#                     Lightbox storage; Orthanc restarted on fresh folders) and deletes them after the last run;
#                     "delete" deletes at once (rm -rf; Orthanc: REST DELETE of its studies). On ext4 without a
#                     journal, inodes freed in the last ~30 s make every new-inode allocation scan
#                     (recently_deleted), which charges the next timed run for the previous run's deletion.
#   KEEP=0            1 = keep the run folder (logs, last received files) afterwards
# Every DCMTK process (storescu senders, storescp, Orthanc) runs with TCP_NODELAY=1; Lightbox sets it itself.
# Exit status: 0 when every instance arrived in every run (whatever the ratios), 1 when some did not,
# 2 when the bench could not run (missing tool, data, binary, or a receiver that did not start).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))
LB=${1:-${LIGHTBOX_BIN:-$TOP/build/app/lightbox}}
SHARED=${LIGHTBOX_SHARED:-$TOP/../shared}
BENCH=${BENCH_WORK:-${TMPDIR:-/tmp}/lightbox-bench}
RUNS=${RUNS:-3}
SETS=${SETS:-"ct small"}
RECEIVERS=${RECEIVERS:-"storescp orthanc lightbox"}
PARALLEL=${PARALLEL:-0}
KEEP=${KEEP:-0}
PY=/usr/bin/python3            # Debian's python has pydicom + numpy
TCK=$(getconf CLK_TCK)
export TCP_NODELAY=1

die() { echo "bench_ingest: $*" >&2; exit 2; }
for tool in storescu storescp echoscu Orthanc curl jq bc awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install dcmtk orthanc curl jq bc)"
done
[ -x "$LB" ] || die "no lightbox binary at $LB (build it, or pass its path / set LIGHTBOX_BIN)"
LB=$(cd "$(dirname "$LB")" && pwd)/$(basename "$LB")
[ -f "$SHARED/peers/gen_ct.py" ] || die "no $SHARED/peers/gen_ct.py (set LIGHTBOX_SHARED)"
case " $RECEIVERS " in *" lightbox-nosync "*)
  [ -f /usr/lib/x86_64-linux-gnu/libeatmydata.so ] || die "lightbox-nosync needs eatmydata (apt-get install eatmydata)" ;;
esac

# ---- data (cached) ------------------------------------------------------------------------------------------
DATA=$BENCH/data
mkdir -p "$DATA"
gen_set() {   # NAME COUNT SIZE STUDIES SEED
  local dir=$DATA/$1
  if [ -f "$dir/files.txt" ] && [ "$(find "$dir" -name '*.dcm' | wc -l)" -eq "$2" ]; then return 0; fi
  echo "generating $1: gen_ct.py $2 $3 $4 --seed $5" >&2
  rm -rf "$dir"
  $PY "$SHARED/peers/gen_ct.py" "$2" "$3" "$4" "$dir" --seed "$5" >/dev/null || die "gen_ct.py failed for $1"
}
set_dir() { case $1 in ct) echo "$DATA/ct500" ;; small) echo "$DATA/small2000" ;; *) die "unknown set $1" ;; esac; }
for s in $SETS; do
  case $s in
    ct) gen_set ct500 500 512 1 1 ;;
    small) gen_set small2000 2000 64 20 2 ;;
    *) die "unknown set $s (ct, small)" ;;
  esac
done
if [ "$PARALLEL" -gt 1 ] 2>/dev/null; then gen_set small2000 2000 64 20 2; fi

WORK=$(mktemp -d "$BENCH/run.XXXXXX")
LOG=$WORK/client.log
RES=$WORK/results.tsv
FAILED=0
. "$HERE/processes.sh"   # freeport, stop_pid, forget_pid, stop_started, wait_echo, now, median; STARTED_PIDS
cleanup() {
  stop_started
  rm -rf "$WORK/trash"
  if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hwm_kb() { awk '/VmHWM/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
reset_hwm() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }   # restarts VmHWM from the current RSS

# ---- receivers ----------------------------------------------------------------------------------------------
SCP_PORT=; SCP_PID=; SCP_OUT=$WORK/storescp-out
start_storescp() {
  SCP_PORT=$(freeport); mkdir -p "$SCP_OUT"
  storescp -aet STORESCP -od "$SCP_OUT" "$SCP_PORT" >>"$WORK/storescp.log" 2>&1 &
  SCP_PID=$!; STARTED_PIDS+=("$SCP_PID")
  wait_echo STORESCP "$SCP_PORT" "$SCP_PID" || die "storescp did not start (see $WORK/storescp.log)"
}
CLEAR=${CLEAR:-defer}
case $CLEAR in defer|delete) ;; *) die "CLEAR must be defer or delete" ;; esac
TRASH_N=0
discard() {   # DIR...: delete now (CLEAR=delete) or move aside until the end (CLEAR=defer)
  local d
  for d in "$@"; do
    [ -e "$d" ] || continue
    if [ "$CLEAR" = delete ]; then rm -rf "$d"
    else mkdir -p "$WORK/trash"; TRASH_N=$((TRASH_N + 1)); mv "$d" "$WORK/trash/$TRASH_N"; fi
  done
}
prep_storescp()  { discard "$SCP_OUT"; mkdir -p "$SCP_OUT"; }
count_storescp() { find "$SCP_OUT" -type f | wc -l; }

O_HTTP=; O_PORT=; O_PID=
ourl() { echo "http://127.0.0.1:$O_HTTP$1"; }
start_orthanc() {
  O_HTTP=$(freeport); O_PORT=$(freeport)
  cat >"$WORK/orthanc.json" <<EOF
{
  "Name" : "BENCH_ORTHANC",
  "StorageDirectory" : "$WORK/orthanc-storage",
  "IndexDirectory" : "$WORK/orthanc-index",
  "DicomAet" : "ORTHANC",
  "DicomPort" : $O_PORT,
  "HttpPort" : $O_HTTP,
  "RemoteAccessAllowed" : false,
  "AuthenticationEnabled" : false,
  "Plugins" : [ ]
}
EOF
  Orthanc --no-jobs --logfile="$WORK/orthanc.log" "$WORK/orthanc.json" >/dev/null 2>&1 &
  O_PID=$!; STARTED_PIDS+=("$O_PID")
  local i
  for i in $(seq 1 400); do curl -sf "$(ourl /system)" >/dev/null 2>&1 && break; kill -0 "$O_PID" 2>/dev/null || break; sleep 0.025; done
  wait_echo ORTHANC "$O_PORT" "$O_PID" || die "Orthanc did not start (see $WORK/orthanc.log)"
}
count_orthanc() { curl -sf "$(ourl /statistics)" | jq -r .CountInstances; }
prep_orthanc() {
  local s
  if [ "$CLEAR" != delete ]; then
    stop_pid "$O_PID"; forget_pid "$O_PID"
    discard "$WORK/orthanc-storage" "$WORK/orthanc-index"
    start_orthanc
    return
  fi
  for s in $(curl -sf "$(ourl /studies)" | jq -r '.[]'); do curl -sf -X DELETE "$(ourl "/studies/$s")" >/dev/null; done
  [ "$(count_orthanc)" = 0 ] || echo "WARN: Orthanc not empty before a run" >&2
}

LB_PORT=; LB_PID=; LB_STORE=$WORK/lightbox-storage
EATMYDATA=/usr/lib/x86_64-linux-gnu/libeatmydata.so
start_lightbox() {   # [PRELOAD] fresh, empty storage folder; start-up is outside the timed window
  LB_PORT=$(freeport)
  discard "$LB_STORE"; mkdir -p "$WORK/xdg-config" "$WORK/xdg-data"
  LD_PRELOAD=${1:-${LD_PRELOAD:-}} XDG_CONFIG_HOME=$WORK/xdg-config XDG_DATA_HOME=$WORK/xdg-data \
    "$LB" --headless --port "$LB_PORT" --storage "$LB_STORE" >>"$WORK/lightbox.log" 2>&1 &
  LB_PID=$!; STARTED_PIDS+=("$LB_PID")
  wait_echo LIGHTBOX "$LB_PORT" "$LB_PID" || die "lightbox did not start (see $WORK/lightbox.log)"
}
stop_lightbox() { [ -n "$LB_PID" ] && { stop_pid "$LB_PID"; forget_pid "$LB_PID"; }; LB_PID=; }
count_lightbox() {
  XDG_CONFIG_HOME=$WORK/xdg-config XDG_DATA_HOME=$WORK/xdg-data "$LB" stats --storage "$LB_STORE" 2>>"$WORK/lightbox.log" \
    | jq -r .instances
}

# ---- senders ------------------------------------------------------------------------------------------------
AEC=; PORT=
send_tree() { storescu -aec "$AEC" +sd +r +sp '*.dcm' 127.0.0.1 "$PORT" "$1" >>"$LOG" 2>&1; }
send_parallel() {   # N storescu processes at once, each with its own slice of the file list
  local f p rc=0 pids=() files
  for f in "$WORK"/slice.*; do
    mapfile -t files <"$f"
    storescu -aec "$AEC" 127.0.0.1 "$PORT" "${files[@]}" >>"$LOG" 2>&1 &
    pids+=($!); STARTED_PIDS+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; forget_pid "$p"; done
  return $rc
}

# one timed run: RECEIVER SCENARIO N -> appends "seconds cpu_s vmhwm_kb" to $WORK/times.RECEIVER.SCENARIO
one_run() {
  local rcv=$1 scn=$2 n=$3 pid t0 t1 c0 c1 got ok=ok
  case $rcv in
    storescp) prep_storescp; AEC=STORESCP; PORT=$SCP_PORT; pid=$SCP_PID ;;
    orthanc)  prep_orthanc;  AEC=ORTHANC;  PORT=$O_PORT;   pid=$O_PID ;;
    lightbox) stop_lightbox; start_lightbox; AEC=LIGHTBOX; PORT=$LB_PORT; pid=$LB_PID ;;
    lightbox-nosync) stop_lightbox; start_lightbox "$EATMYDATA"; AEC=LIGHTBOX; PORT=$LB_PORT; pid=$LB_PID ;;
  esac
  sync
  case $rcv in lightbox*) ;; *) reset_hwm "$pid" ;; esac
  echo "### $rcv $scn" >>"$LOG"
  c0=$(ticks "$pid"); t0=$(date +%s.%N)
  case $scn in
    ct|small) send_tree "$(set_dir "$scn")" || ok=FAIL ;;
    par*)     send_parallel || ok=FAIL ;;
  esac
  t1=$(date +%s.%N); c1=$(ticks "$pid")
  got=$(count_"${rcv%-nosync}")
  [ "$got" = "$n" ] || ok=FAIL
  local hwm; hwm=$(hwm_kb "$pid")
  [ "$ok" = ok ] || FAILED=1
  printf "%s %s %s\n" "$(echo "$t1 - $t0" | bc)" "$(echo "($c1 - $c0) / $TCK" | bc -l)" "$hwm" >>"$WORK/times.$rcv.$scn"
  printf "  %-15s %-7s run: %6.3f s  %s/%s arrived  recv CPU %.2f s  peak RSS %d MB  [%s]\n" "$rcv" "$scn" \
    "$(echo "$t1 - $t0" | bc)" "$got" "$n" "$(echo "($c1 - $c0) / $TCK" | bc -l)" $((hwm / 1024)) "$ok"
  case $rcv in lightbox*) stop_lightbox ;; esac
  return 0
}

# ---- run ----------------------------------------------------------------------------------------------------
case " $RECEIVERS " in *" storescp "*) start_storescp ;; esac
case " $RECEIVERS " in *" orthanc "*) start_orthanc ;; esac
SCENARIOS=$SETS
if [ "$PARALLEL" -gt 1 ] 2>/dev/null; then
  SCENARIOS="$SCENARIOS par$PARALLEL"
  # contiguous slices (whole studies where possible), like N modalities each sending their own studies
  sort "$DATA/small2000/files.txt" | awk -v n="$PARALLEL" -v w="$WORK" '{f[NR]=$0}
      END{c=int((NR+n-1)/n); for(i=1;i<=NR;i++) print f[i] > (w "/slice." int((i-1)/c))}'
fi
echo "lightbox: $LB"
echo "data: $DATA   run folder: $WORK   RUNS=$RUNS   CLEAR=$CLEAR   sender: storescu, TCP_NODELAY=1"
for scn in $SCENARIOS; do
  case $scn in
    par*) n=$(wc -l <"$DATA/small2000/files.txt"); rcvs="storescp lightbox lightbox-nosync" ;;
    *)    n=$(find "$(set_dir "$scn")" -name '*.dcm' | wc -l); rcvs="storescp orthanc lightbox lightbox-nosync" ;;
  esac
  for ((r = 1; r <= RUNS; r++)); do      # receivers interleaved run by run: drift on a noisy VM hits all alike
    for rcv in $rcvs; do
      case " $RECEIVERS " in *" $rcv "*) one_run "$rcv" "$scn" "$n" ;; esac
    done
  done
  echo "$n" >"$WORK/count.$scn"
done

# ---- report -------------------------------------------------------------------------------------------------
set_label() {
  case $1 in
    ct) echo "ct-500x512" ;; small) echo "small-2000x64" ;; par*) echo "small-par${1#par}" ;;
  esac
}
{
  printf "receiver\tset\tinstances\tmedian_s\tinst/s\tratio_vs_storescp\trecv_cpu_s\tpeak_RSS_MB\n"
  for scn in $SCENARIOS; do
    n=$(cat "$WORK/count.$scn")
    scp_s=; [ -f "$WORK/times.storescp.$scn" ] && scp_s=$(awk '{print $1}' "$WORK/times.storescp.$scn" | median)
    for rcv in storescp orthanc lightbox lightbox-nosync; do
      f=$WORK/times.$rcv.$scn; [ -f "$f" ] || continue
      med=$(awk '{print $1}' "$f" | median); cpu=$(awk '{print $2}' "$f" | median)
      rss=$(awk 'm<$3{m=$3} END{printf "%d", m/1024}' "$f")
      ratio=-; [ -n "$scp_s" ] && ratio=$(echo "$scp_s / $med" | bc -l | xargs printf "%.2f")
      printf "%s\t%s\t%s\t%.3f\t%.0f\t%s\t%.2f\t%s\n" "$rcv" "$(set_label "$scn")" "$n" "$med" \
        "$(echo "$n / $med" | bc -l)" "$ratio" "$cpu" "$rss"
    done
  done
} >"$RES"
echo
echo "Machine: $(nproc) CPU, $(awk '/MemTotal/{print int($2/1024)" MB"}' /proc/meminfo); DCMTK $(storescp --version | head -1 | awk '{print $3}'), Orthanc $(Orthanc --version 2>/dev/null | head -1 | awk '{print $2}'); medians of $RUNS"
column -t -s $'\t' "$RES"
echo
for scn in $SCENARIOS; do
  r=$(awk -F'\t' -v s="$(set_label "$scn")" '$1=="lightbox" && $2==s {print $6}' "$RES")
  [ -n "$r" ] && [ "$r" != - ] && echo "$(set_label "$scn"): lightbox/storescp ratio: $r (target >= 0.90)"
done
rss=$(awk -F'\t' '$1=="lightbox" {if ($8>m) m=$8} END{print m+0}' "$RES")
case " $RECEIVERS " in *" lightbox "*) echo "lightbox peak RSS: $rss MB (target < 150 MB)" ;; esac
[ "$KEEP" = 1 ] && cp "$RES" "$BENCH/results_latest.tsv"
if [ "$FAILED" != 0 ]; then KEEP=1; echo "FAILED: some instances did not arrive (see $LOG)"; exit 1; fi
exit 0
