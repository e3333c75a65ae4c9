#!/bin/sh
# Idle cost of the agent: `relay-agent run` (the JVM options of bin/relay-agent, or
# AGENT_JAVA_OPTS for the agent process only) against a reference server on loopback. It times
# the agent's start (the launcher started) to the end of its first ASCI, then samples the agent's
# RSS (VmRSS) and CPU seconds (utime+stime) over IDLE_SECONDS, and last counts the classes loaded
# (and, when AGENT_JAVA_OPTS turns Native Memory Tracking on, what NMT counts committed). Its peer,
# in the same run: a JVM that only sleeps, with the same options (javac compiles it on the spot).
#
#   bench/idle.sh [IDLE_SECONDS=60]
#   AGENT_JAVA_OPTS="-XX:+UseSerialGC -Xmx64m ..." bench/idle.sh
#   SKIP_BUILD=1 bench/idle.sh
#   KEEP=DIR bench/idle.sh       # copies the logs (and NMT's summary) to DIR
#   RELAY_AGENT=/usr/bin/relay-agent bench/idle.sh   # another launcher: an installed package, or
#                                # another build's distribution (nothing is built then)
#
# Goals: RSS < 64 MiB at the end of the idle time; CPU ~ 0 while idle (no busy loops); start to first ASCI < 1.5 s. The
# start time depends on what else runs on the machine: the load average is printed beside it.
# Loopback only; everything it starts is stopped on exit.
set -eu
idle=${1:-60}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ra=${RELAY_AGENT:-"$root/bin/relay-agent"}

if [ -z "${SKIP_BUILD:-}" ] && [ -z "${RELAY_AGENT:-}" ]; then
  echo "building (./mvnw -DskipTests package -pl app -am)..."
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl app -am)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/relay-agent-idle.XXXXXX")
SERVER_PID=""
AGENT_PID=""
PEER_PID=""
. "$root/bench/lib/loopback-agent.sh"
cleanup() {
  # shellcheck disable=SC2086 # the unset ones are meant to vanish
  loopback_stop $AGENT_PID $SERVER_PID $PEER_PID
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

RA=$ra
loopback_agent_prepare "$work"
loopback_server_start "$work"
state="$work/agent"
agent_log="$state/logs/agent.log"

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_ms=$(date +%s%3N)
loopback_agent_start "$work" "${AGENT_JAVA_OPTS:-}"
agent_pid=$AGENT_PID
echo "waiting for the first ASCI..."
loopback_agent_wait_asci "$work"
asci_at=$ASCI_AT
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
# The JDK's tools: JAVA_HOME's when it is set, as the launcher's java; else the PATH's.
if [ -n "${JAVA_HOME:-}" ]; then bin_java="$JAVA_HOME/bin/"; else bin_java=""; fi
jcmd="${bin_java}jcmd"
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

# The peer, measured in the same run: a JVM that only sleeps, with the agent's JVM options (the
# launcher's jvm.options beside it and the Linux trim, or AGENT_JAVA_OPTS without an archive made
# for the agent's jar), its RSS read after 10 s: what any Java agent on this JDK costs before it
# does anything, so that the agent's own share is seen apart from the JVM's.
peer_rss=""
if command -v "${bin_java}javac" >/dev/null 2>&1; then
  mkdir -p "$work/peer"
  echo 'public class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }' \
    >"$work/peer/Sleep.java"
  "${bin_java}javac" -d "$work/peer" "$work/peer/Sleep.java"
  if [ -n "${AGENT_JAVA_OPTS:-}" ]; then
    peer_opts=$(echo "$AGENT_JAVA_OPTS" | sed 's/-XX:SharedArchiveFile=[^ ]*//')
  else
    peer_opts="@$(dirname "$(readlink -f "$ra")")/jvm.options -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000"
  fi
  # shellcheck disable=SC2086 # the options are meant to be split into words
  "${bin_java}java" $peer_opts -cp "$work/peer" Sleep &
  PEER_PID=$!
  sleep 10
  peer_rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$PEER_PID/status")
  loopback_stop "$PEER_PID"
  PEER_PID=""
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
if [ -n "$peer_rss" ]; then
  awk -v p="$peer_rss" -v l="$rss_last" 'BEGIN {
    printf "  peer, same run: a JVM that only sleeps, same options: %.1f MiB RSS; the agent %.2f x that, %.1f MiB of its own\n",
      p/1024, l/p, (l-p)/1024 }'
fi
echo "  threads: $threads"
echo "  classes loaded: ${classes:-(jcmd unavailable)}"
if [ -n "$nmt_committed" ]; then
  printf '  NMT committed: %.1f MiB\n' "$nmt_committed"
fi
