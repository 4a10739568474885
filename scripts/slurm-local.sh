#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (munged, slurmctld and slurmd on 127.0.0.1), for
# trying `ct-fracture cv --slurm --submit` and for its end-to-end test. Needs root and Debian's
# slurm-wlm + munge (`bash scripts/setup.sh --with-slurm` installs them).
#
#   eval "$(bash scripts/slurm-local.sh start)"   # prints `export SLURM_CONF=…`; idempotent
#   bash scripts/slurm-local.sh status             # running or not (exit 0 / 1)
#   bash scripts/slurm-local.sh stop               # stops what start started, by PID
#
# Its state lives in $CTF_SLURM_DIR (default /tmp/ct-fracture-slurm): slurm.conf with two free
# ports picked at the first start, state, spool, logs and PID files. A munged that is already
# running (with the system's /etc/munge/munge.key) is used, not restarted; one that start
# launched is stopped by stop. Exit codes: 0 ok, 1 failure, 3 not root, 4 Slurm or munge missing.
set -euo pipefail

DIR="${CTF_SLURM_DIR:-/tmp/ct-fracture-slurm}"
CONF="$DIR/slurm.conf"
export SLURM_CONF="$CONF"

say() { printf 'slurm-local: %s\n' "$*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

running() { alive "$DIR/slurmctld.pid" && alive "$DIR/slurmd.pid"; }

# Two free TCP ports on 127.0.0.1 (bound and released by node, which every set-up has).
free_ports() {
  node -e '
    const net = require("node:net");
    const take = () => new Promise((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    (async () => { const a = await take(); let b = await take(); while (b === a) b = await take(); console.log(a, b); })();'
}

write_conf() {
  local host ports ctld_port slurmd_port
  host="$(hostname -s)"
  read -r ctld_port slurmd_port < <(free_ports)
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log"
  cat > "$CONF" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster on 127.0.0.1 for ct-fracture's tests.
ClusterName=ctf
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
  if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then return 0; fi
  [ -f /etc/munge/munge.key ] || { say "/etc/munge/munge.key is missing (reinstall munge)"; exit 1; }
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  munged --force
  touch "$DIR/munged.started"
  for _ in $(seq 50); do
    if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  say "munged did not start"
  exit 1
}

start() {
  if [ "$(id -u)" -ne 0 ]; then say "must run as root (slurmd starts jobs as their users)"; exit 3; fi
  for command in munged munge slurmctld slurmd sinfo sbatch; do
    command -v "$command" >/dev/null 2>&1 || {
      say "$command is missing: install Debian's slurm-wlm and munge (bash scripts/setup.sh --with-slurm)"
      exit 4
    }
  done
  mkdir -p "$DIR"
  if running; then
    echo "export SLURM_CONF=$CONF"
    return 0
  fi
  stop_daemons
  [ -f "$CONF" ] || write_conf
  start_munge
  slurmctld -f "$CONF"
  slurmd -f "$CONF"
  for _ in $(seq 150); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then
      say "one-node cluster up ($(hostname -s), $(nproc) CPUs, partition debug); logs in $DIR/log"
      echo "export SLURM_CONF=$CONF"
      return 0
    fi
    sleep 0.2
  done
  say "the node did not become idle in 30 s; see $DIR/log/slurmctld.log and $DIR/log/slurmd.log"
  exit 1
}

# Stops slurmd and slurmctld by their PID files (waiting up to 10 s each).
stop_daemons() {
  for daemon in slurmd slurmctld; do
    local pidfile="$DIR/$daemon.pid"
    if alive "$pidfile"; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 100); do alive "$pidfile" || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
  done
}

stop() {
  [ -d "$DIR" ] || return 0
  if running; then
    jobs="$(squeue -h -o '%i' 2>/dev/null || true)"
    # shellcheck disable=SC2086 # one job id per word
    [ -z "$jobs" ] || scancel $jobs 2>/dev/null || true
  fi
  stop_daemons
  if [ -f "$DIR/munged.started" ]; then
    if alive /run/munge/munged.pid; then kill "$(cat /run/munge/munged.pid)"; fi
    rm -f "$DIR/munged.started"
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running; then echo "running (SLURM_CONF=$CONF)"; else echo "not running"; exit 1; fi ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
