#!/bin/sh
# Cost of the wake-up connection (docs/wakeup.md): the server's and the relay's memory per
# waiting agent, and the latency of waking them all at once, directly and through a relay.
#
#   bench/wakeup.sh [AGENTS=1000] [IDLE_SECONDS=60]     # the issue's soak: 1000 600
#   SKIP_BUILD=1 bench/wakeup.sh
#
# Loopback only; the server and the relay are started by the benchmark and stopped on exit.
set -eu
agents=${1:-1000}
idle=${2:-60}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib/classpath.sh
bench_classpath
ulimit -n 20000 2>/dev/null || true
exec java -Xmx1g -cp "$CP" io.relayagent.bench.wakeup.WakeupBenchmark "$agents" "$idle"
