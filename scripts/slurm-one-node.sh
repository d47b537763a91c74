#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (Debian 12, root) for the slurm executor's tests and for trying it out:
# munge, slurmctld and slurmd on this host, one partition "lab" holding it. Installs the packages when missing.
# Idempotent: a running cluster is left as it is.
#   bash scripts/slurm-one-node.sh        # start (about a minute with the install)
#   bash scripts/slurm-one-node.sh stop   # stop slurmctld and slurmd
set -euo pipefail
state=${SLURM_ONE_NODE_STATE:-/var/tmp/slurm-one-node}
conf=/etc/slurm/slurm.conf
marker="# written by scripts/slurm-one-node.sh"

stop_daemons() {
  for daemon in slurmctld slurmd; do
    [ -f "$state/$daemon.pid" ] && kill "$(cat "$state/$daemon.pid")" 2>/dev/null || true
  done
}

install_packages() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null && return
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge
}

start_munge() {
  mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
  [ -s /etc/munge/munge.key ] || head -c 1024 /dev/urandom > /etc/munge/munge.key
  chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
  chmod 400 /etc/munge/munge.key
  munge -n >/dev/null 2>&1 || runuser -u munge -- /usr/sbin/munged --force
}

write_config() {
  local host memory
  if [ -s "$conf" ] && ! grep -qF "$marker" "$conf"; then
    echo "$conf exists and was not written by this script: start that cluster instead" >&2; exit 1
  fi
  host=$(hostname -s)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  mkdir -p "$state"/{ctld,spool,log} /etc/slurm
  cat > "$conf" <<CONF
$marker
ClusterName=lab
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
KillWait=30
NodeName=$host CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=lab Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

start_daemon() {
  { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; } || "/usr/sbin/$1"
}

if [ "${1:-}" = stop ]; then stop_daemons; exit 0; fi
install_packages
start_munge
sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix|alloc' && { sinfo; exit 0; }
write_config
start_daemon slurmctld
start_daemon slurmd
for _ in $(seq 1 60); do
  sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix|alloc' && { sinfo; exit 0; }
  sleep 1
done
echo "the one-node Slurm cluster did not come up; its logs are in $state/log" >&2
exit 1
