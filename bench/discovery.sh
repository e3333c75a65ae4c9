#!/usr/bin/env bash
# Reproduces the discovery benchmark (bench/README.md). Needs root: it builds a LAN of network
# namespaces and sends nothing out of the machine's real interfaces.
#   bench/discovery.sh [ROUNDS=500] [STORM_AGENTS=1000]
#   SKIP_BUILD=1 reuses the last build; HOST_JAVA_OPTS adds JVM options to the measuring hosts
#   (for example a flight recording: -XX:StartFlightRecording=filename=/tmp/agent.jfr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/lib/classpath.sh
bench_classpath
exec java -cp "$CP" \
  io.relayagent.bench.discovery.DiscoveryBenchmark "$@"
