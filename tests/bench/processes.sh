# Process helpers shared by the bench scripts (sourced, not run). Also wait_echo, now, median and ct500_data. The caller sets PY (a python3) and keeps the
# PIDs of what it starts in STARTED_PIDS; stop_started stops them all (by PID: SIGTERM, then SIGKILL after 15 s).
STARTED_PIDS=()
freeport() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
stop_pid() {   # stop one process we started, by PID
  local p=$1 i
  kill -0 "$p" 2>/dev/null || { wait "$p" 2>/dev/null; return 0; }
  kill -TERM "$p" 2>/dev/null
  for i in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  return 0
}
forget_pid() { local p keep=(); for p in "${STARTED_PIDS[@]:-}"; do [ -n "$p" ] && [ "$p" != "$1" ] && keep+=("$p"); done; STARTED_PIDS=("${keep[@]:-}"); }
stop_started() {
  local p
  for p in "${STARTED_PIDS[@]:-}"; do [ -n "$p" ] && stop_pid "$p"; done
  STARTED_PIDS=()
}
wait_echo() {  # AET PORT PID: until the node answers a C-ECHO (or its process is gone)
  local i
  for i in $(seq 1 400); do
    echoscu -aec "$1" 127.0.0.1 "$2" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.025
  done
  return 1
}
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END{ if(NR==0){print "nan"; exit} printf "%.3f\n", (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2 }'; }

# The 500 x 512² CT study (gen_ct.py, cached under $BENCH/data/ct500): sets DATA, STUDY (its UID) and BYTES.
# Needs BENCH, SHARED, N=500 and a die() from the caller.
ct500_data() {
  DATA=$BENCH/data/ct500
  if ! { [ -f "$DATA/files.txt" ] && [ "$(find "$DATA" -name '*.dcm' | wc -l)" -eq "$N" ]; }; then
    [ -f "$SHARED/peers/gen_ct.py" ] || die "no $SHARED/peers/gen_ct.py (set LIGHTBOX_SHARED)"
    echo "generating ct500: gen_ct.py $N 512 1 --seed 1" >&2
    rm -rf "$DATA"; mkdir -p "$BENCH/data"
    $PY "$SHARED/peers/gen_ct.py" "$N" 512 1 "$DATA" --seed 1 >/dev/null || die "gen_ct.py failed"
  fi
  STUDY=$($PY -c 'import sys,pydicom;print(pydicom.dcmread(sys.argv[1],stop_before_pixels=True).StudyInstanceUID)' \
          "$(head -1 "$DATA/files.txt")") || die "cannot read the study UID"
  BYTES=$(du -sb "$DATA" | awk '{print $1}')
}
