#!/bin/sh
# Idle cost of the agent: `relay-agent run` (the JVM options of bin/relay-agent, or
# AGENT_JAVA_OPTS for the agent process only) against a reference server on loopback. It times
# the agent's start (the launcher started) to the end of its first ASCI, then samples the agent's
# RSS (VmRSS) and CPU seconds (utime+stime) over IDLE_SECONDS, and last counts the classes loaded
# (and, when AGENT_JAVA_OPTS turns Native Memory Tracking on, what NMT counts committed).
#
#   bench/idle.sh [IDLE_SECONDS=60]
#   AGENT_JAVA_OPTS="-XX:+UseSerialGC -Xmx64m ..." bench/idle.sh
#   SKIP_BUILD=1 bench/idle.sh
#   KEEP=DIR bench/idle.sh       # copies the logs (and NMT's summary) to DIR
#
# Goals: RSS < 64 MiB at the end of the idle time; CPU ~ 0 while idle (no busy loops); start to first ASCI < 1.5 s. The
# start time depends on what else runs on the machine: the load average is printed beside it.
# Loopback only; everything it starts is stopped on exit.
set -eu
idle=${1:-60}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ra="$root/bin/relay-agent"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (./mvnw -DskipTests package -pl app -am)..."
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl app -am)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/relay-agent-idle.XXXXXX")
server_pid=""
agent_pid=""
cleanup() {
  for pid in $agent_pid $server_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $agent_pid $server_pid; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
free_udp_port() {
  python3 -c 'import socket; s=socket.socket(type=socket.SOCK_DGRAM); s.bind(("0.0.0.0",0)); print(s.getsockname()[1])'
}

server_port=$(free_port)
discovery_port=$(free_udp_port)

# Certificates: an organisation CA, the server (localhost), one agent.
"$ra" cert init-ca --dir "$work/ca" --subject "CN=Idle bench CA,O=Relay Agent bench" >/dev/null
"$ra" cert issue --dir "$work/ca" --role server --name server --dns localhost --ip 127.0.0.1 >/dev/null
"$ra" cert issue --dir "$work/ca" --role agent --name agent-1 >/dev/null

sitelist() {
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="1">
  <SiteList Default="1" Name="bench">
    <SpipeSite Type="master" Name="bench-server" Order="1" Server="localhost:$server_port" ServerIP="127.0.0.1:$server_port" Enabled="1" Local="0"/>
  </SiteList>
</ns:SiteLists>
XML
}
# Direct path to the server; discovery on loopback only; relay capability off.
policy() {
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:relay-agent:policy:1">
  <asci intervalMinutes="60"/>
  <relayServer enabled="false"/>
  <relayClient discoveryPort="$discovery_port">
    <discoveryInterfaces include="lo" exclude=""/>
  </relayClient>
</policy>
XML
}

server="$work/server"
mkdir -p "$server/repo" "$server/policies"
cp -p "$work/ca/ca.pem" "$work/ca/server.pem" "$work/ca/server-key.pem" "$server/"
sitelist >"$server/SiteList.xml"
policy >"$server/policy.xml"
head -c 262144 /dev/urandom >"$server/repo/signatures-v1.dat"

state="$work/agent"
mkdir -p "$state/trust"
cp -p "$work/ca/ca.pem" "$state/trust/ca.pem"
cp -p "$work/ca/agent-1.pem" "$state/trust/agent.pem"
cp -p "$work/ca/agent-1-key.pem" "$state/trust/agent-key.pem"
sitelist >"$state/SiteList.xml"
policy >"$state/policy.xml"

"$ra" server --dir "$server" --bind 127.0.0.1 --port "$server_port" >"$work/server.log" 2>&1 &
server_pid=$!
deadline=$(($(date +%s) + 60))
until grep -q "listening" "$work/server.log" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server did not start; log:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.2
done

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_ms=$(date +%s%3N)
if [ -n "${AGENT_JAVA_OPTS:-}" ]; then
  RELAY_AGENT_JAVA_OPTS=$AGENT_JAVA_OPTS "$ra" run --state-dir "$state" \
    --policy "$state/policy.xml" --sitelist "$state/SiteList.xml" >"$work/agent.log" 2>&1 &
else
  "$ra" run --state-dir "$state" \
    --policy "$state/policy.xml" --sitelist "$state/SiteList.xml" >"$work/agent.log" 2>&1 &
fi
agent_pid=$!   # bin/relay-agent execs the JVM: this is the agent's JVM

# The agent logs "ASCI ok (route) in N ms" as each ASCI ends, with its own clock's time: a shell
# loop waits for it (a `relay-agent status` per poll would start a JVM beside the agent's).
echo "waiting for the first ASCI..."
agent_log="$state/logs/agent.log"
deadline=$(($(date +%s) + 90))
until grep -q ' - ASCI ok ' "$agent_log" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "the agent did not complete an ASCI; logs:" >&2
    tail -n 20 "$work/server.log" "$work/agent.log" "$agent_log" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.05
done
asci_at=$(grep -m1 ' - ASCI ok ' "$agent_log" | cut -d' ' -f1)
asci_ms=$(date -d "$asci_at" +%s%3N)
start_ms=$((asci_ms - started_ms))
"$ra" status --state-dir "$state" --json | grep '"lastOutcome":"ok"' || {
  echo "the agent logged an ASCI but its status is not ok" >&2
  exit 1
}
echo

tick=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$agent_pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$agent_pid/status"; }

cpu0=$(cpu_ticks)
rss_first=$(rss_kib)
rss_max=$rss_first
elapsed=0
echo "first ASCI done; sampling $idle s idle (RSS every 5 s)..."
while [ "$elapsed" -lt "$idle" ]; do
  sleep 5
  elapsed=$((elapsed + 5))
  rss=$(rss_kib)
  [ "$rss" -gt "$rss_max" ] && rss_max=$rss
  printf '  t=%3ss  VmRSS %6s KiB\n' "$elapsed" "$rss"
done
cpu1=$(cpu_ticks)
rss_last=$(rss_kib)
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$agent_pid/status")
rss_parts=$(awk '/^Rss(Anon|File|Shmem):/ { printf "%s%s %.1f MiB", sep, $1, $2 / 1024; sep = ", " }' \
  "/proc/$agent_pid/status")

# After the samples: attaching jcmd starts a thread in the agent.
if [ -n "${JAVA_HOME:-}" ]; then jcmd="$JAVA_HOME/bin/jcmd"; else jcmd=jcmd; fi
classes=$("$jcmd" "$agent_pid" VM.metaspace 2>/dev/null |
  awk '/^Total Usage/ { sub(/.*loaders, /, ""); sub(/:$/, ""); print; exit }' || true)
nmt_committed=""
if "$jcmd" "$agent_pid" VM.native_memory summary >"$work/nmt.txt" 2>/dev/null &&
  grep -q '^Total:' "$work/nmt.txt"; then
  nmt_committed=$(awk '/^Total:/ { sub(/.*committed=/, ""); sub(/KB.*/, ""); print $0 / 1024; exit }' "$work/nmt.txt")
fi
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  cp -p "$work/agent.log" "$work/server.log" "$agent_log" "$KEEP/" 2>/dev/null || true
  cp -p "$work/nmt.txt" "$KEEP/" 2>/dev/null || true
  "$jcmd" "$agent_pid" GC.heap_info >"$KEEP/heap.txt" 2>&1 || true
fi

echo
echo "relay-agent idle cost ($idle s after the first ASCI)"
echo "  JVM options: ${AGENT_JAVA_OPTS:-(bin/relay-agent defaults)}"
awk -v ms="$start_ms" -v load="$load_at_start" 'BEGIN {
  printf "  start to first ASCI: %.2f s, load average %s at start   (goal: < 1.5 s) %s\n",
    ms / 1000, load, (ms < 1500 ? "MET" : "NOT MET") }'
# The goal is judged on the RSS at the end, once idle: right after the ASCI, memory glibc has
# not yet given back (the launcher trims it every 5 s on Linux) is still counted.
awk -v a="$rss_first" -v m="$rss_max" -v l="$rss_last" 'BEGIN {
  printf "  RSS: %.1f MiB at the end (%.1f MiB after the ASCI, %.1f MiB max)   (goal: < 64 MiB idle) %s\n",
    l/1024, a/1024, m/1024, (l < 65536 ? "MET" : "NOT MET") }'
awk -v c0="$cpu0" -v c1="$cpu1" -v t="$tick" -v s="$idle" 'BEGIN {
  cpu = (c1 - c0) / t
  printf "  CPU: %.2f s over %d s idle = %.3f%% of one core   (goal: ~0, no busy loops) %s\n",
    cpu, s, 100 * cpu / s, (cpu / s < 0.01 ? "MET" : "NOT MET") }'
echo "    of it ($rss_parts at the end): file-backed pages (the JDK's libraries and class-data archives) are shared with other Java processes and given back under memory pressure"
echo "  threads: $threads"
echo "  classes loaded: ${classes:-(jcmd unavailable)}"
if [ -n "$nmt_committed" ]; then
  printf '  NMT committed: %.1f MiB\n' "$nmt_committed"
fi
