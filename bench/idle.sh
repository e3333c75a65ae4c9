#!/bin/sh
# Idle cost of the agent: `relay-agent run` (the JVM options of bin/relay-agent, or
# AGENT_JAVA_OPTS for the agent process only) against a reference server on loopback. After the
# first ASCI it samples the agent's RSS (VmRSS) and CPU seconds (utime+stime) over IDLE_SECONDS.
#
#   bench/idle.sh [IDLE_SECONDS=60]
#   AGENT_JAVA_OPTS="-XX:+UseSerialGC -Xmx64m ..." bench/idle.sh
#   SKIP_BUILD=1 bench/idle.sh
#
# Goals: RSS < 64 MiB; CPU ~ 0 while idle (no busy loops). Loopback only; everything it starts
# is stopped on exit.
set -eu
idle=${1:-60}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ra="$root/bin/relay-agent"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (./mvnw -DskipTests install)..."
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true install)
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

if [ -n "${AGENT_JAVA_OPTS:-}" ]; then
  RELAY_AGENT_JAVA_OPTS=$AGENT_JAVA_OPTS "$ra" run --state-dir "$state" \
    --policy "$state/policy.xml" --sitelist "$state/SiteList.xml" >"$work/agent.log" 2>&1 &
else
  "$ra" run --state-dir "$state" \
    --policy "$state/policy.xml" --sitelist "$state/SiteList.xml" >"$work/agent.log" 2>&1 &
fi
agent_pid=$!   # bin/relay-agent execs the JVM: this is the agent's JVM

echo "waiting for the first ASCI..."
deadline=$(($(date +%s) + 90))
until "$ra" status --state-dir "$state" --json 2>/dev/null | grep -q '"lastOutcome":"ok"'; do
  if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "the agent did not complete an ASCI; logs:" >&2
    tail -n 20 "$work/server.log" "$work/agent.log" >&2
    exit 1
  fi
  sleep 1
done
"$ra" status --state-dir "$state" --json
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

echo
echo "relay-agent idle cost ($idle s after the first ASCI)"
echo "  JVM options: ${AGENT_JAVA_OPTS:-(bin/relay-agent defaults)}"
awk -v a="$rss_first" -v m="$rss_max" -v l="$rss_last" 'BEGIN {
  printf "  RSS: start %.1f MiB, max %.1f MiB, end %.1f MiB   (goal: < 64 MiB) %s\n",
    a/1024, m/1024, l/1024, (m < 65536 ? "MET" : "NOT MET") }'
awk -v c0="$cpu0" -v c1="$cpu1" -v t="$tick" -v s="$idle" 'BEGIN {
  cpu = (c1 - c0) / t
  printf "  CPU: %.2f s over %d s idle = %.3f%% of one core   (goal: ~0, no busy loops) %s\n",
    cpu, s, 100 * cpu / s, (cpu / s < 0.01 ? "MET" : "NOT MET") }'
echo "  threads: $threads"
