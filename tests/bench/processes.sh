# Process helpers shared by the bench scripts (sourced, not run). Also wait_echo, now and median. The caller sets PY (a python3) and keeps the
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
