#!/usr/bin/env bash
# Reproduces the stampede benchmark (bench/README.md, issue 14). Needs root: it builds a LAN of
# network namespaces (five relays, one host of many agents, the server) and sends nothing out of
# the machine's real interfaces.
#   bench/stampede.sh [RUNS=3] [AGENTS=1000] [RELAYS=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# 1,000 agents hold a tunnel each: two files per tunnel on the relays, one per agent socket here.
ulimit -n 20000
. bench/lib/classpath.sh
bench_classpath
exec java -cp "$CP" \
  io.relayagent.bench.discovery.StampedeBenchmark "$@"
