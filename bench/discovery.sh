#!/usr/bin/env bash
# Reproduces the discovery benchmark (bench/README.md). Needs root: it builds a LAN of network
# namespaces and sends nothing out of the machine's real interfaces.
#   bench/discovery.sh [ROUNDS=500] [STORM_AGENTS=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Built in the tree, not installed: the class path names each module's own jar.
./mvnw -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -pl bench -am
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.relayagent.bench.discovery.DiscoveryBenchmark "$@"
