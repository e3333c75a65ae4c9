#!/usr/bin/env bash
# The soak (bench/README.md, "Soak"; issue 13): MINUTES of mixed load on a LAN of network
# namespaces with the shipped relay-agent: a reference server, 3 relays and 6 agents whose direct
# path is blocked; events, bulk tunnels, verified cache downloads, discovery storms, a half-close
# flood, new repository content, and relays and agents killed (SIGKILL) at random and restarted.
# Reports descriptor and RSS trends, events queued against events stored, downloads verified, with
# a verdict each; exits 1 if a verdict fails.
#
#   sudo bench/soak.sh [MINUTES=30] [SEED]
#   SKIP_BUILD=1 sudo bench/soak.sh 3        # reuse app/target/relay-agent.jar and the classes
#   SOAK_OUT=DIR                             # where the report goes (default bench/target/soak-DATE)
#
# Needs root (network namespaces); without it, prints SKIPPED and exits 2. Everything it starts
# (processes, namespaces) is stopped and deleted on exit, also after an error or Ctrl-C. The report
# (report.md), samples.csv, chaos.csv, events-sent.csv and every host's log stay in SOAK_OUT; the
# hosts' state directories (SOAK_OUT/work) are deleted when every verdict held.
set -euo pipefail

# All in one function, read whole before it runs: editing this file during a run cannot change
# what the running script does next.
main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  MINUTES=${1:-30}
  SEED=${2:-}

  if [ "$(id -u)" != 0 ]; then
    echo "SKIPPED: bench/soak.sh needs root (it builds a LAN of network namespaces)"
    exit 2
  fi
  if ! command -v ip >/dev/null || ! command -v curl >/dev/null; then
    echo "SKIPPED: bench/soak.sh needs iproute2 (ip) and curl"
    exit 2
  fi

  # bench depends on app, so this builds app/target/relay-agent.jar too.
  . bench/lib/classpath.sh
  bench_classpath

  OUT=${SOAK_OUT:-bench/target/soak-$(date +%Y%m%d-%H%M%S)}
  if [ -e "$OUT/work" ]; then
    echo "bench/soak.sh: $OUT/work exists (an earlier run's hosts); choose another SOAK_OUT" >&2
    exit 2
  fi
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)

  java_pid=""
  clean_up() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
      # SoakBenchmark's shutdown hook stops its processes and deletes its namespaces.
      kill -TERM "$java_pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$java_pid" 2>/dev/null || true
    fi
    # Whatever the JVM could not clean (it was killed): its namespaces are named ra<pid>soak...
    if [ -n "$java_pid" ]; then
      for ns in $(ip netns list | awk '{print $1}' | grep "^ra${java_pid}soak" || true); do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
      done
    fi
    if [ "$status" = 0 ]; then rm -rf "$OUT/work"; fi
    exit "$status"
  }
  trap clean_up EXIT
  trap 'exit 130' INT TERM

  java -cp "$CP" io.relayagent.bench.soak.SoakBenchmark "$MINUTES" "$OUT" $SEED &
  java_pid=$!
  wait "$java_pid"
}

main "$@"
