#!/usr/bin/env bash
# Reproduces the discovery benchmark (bench/README.md). Needs root: it builds a LAN of network
# namespaces and sends nothing out of the machine's real interfaces.
#   bench/discovery.sh [ROUNDS=500] [STORM_AGENTS=1000]
#   SKIP_BUILD=1 reuses the last build; HOST_JAVA_OPTS adds JVM options to the measuring hosts
#   (for example a flight recording: -XX:StartFlightRecording=filename=/tmp/agent.jfr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  # One reactor build of bench and what it needs, its class path naming the modules' own jars:
  # nothing goes to the local repository (~/.m2), where other builds would pick it up.
  ./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
fi
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.relayagent.bench.discovery.DiscoveryBenchmark "$@"
