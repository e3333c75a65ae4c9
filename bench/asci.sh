#!/bin/sh
# ASCIs on one server instance (issue 17): AGENTS simulated agents each run one whole ASCI (TLS
# with its own certificate; policy, SiteList, trust bundle, status report, a batch of EVENTS
# events, catalog and signature), CONCURRENCY at a time, against SQLite and, with a JDBC URL,
# PostgreSQL (bench/README.md, "ASCIs on one instance").
#
#   bench/asci.sh [AGENTS=10000] [CONCURRENCY=200] [EVENTS=10] [POSTGRES_URL]
#   SKIP_BUILD=1 bench/asci.sh
#   SERVER_PROCESS=1 [SERVER_JAVA_OPTS="-XX:MaxNewSize=16m"] bench/asci.sh 3000
#       the shipped `relay-agent server` in a JVM of its own with the launcher's options (and
#       these after them), its CPU, RSS and collections reported; SQLite only
#
# Loopback only; the server runs in the benchmark's JVM unless SERVER_PROCESS is set. For
# PostgreSQL, .ci/postgres-for-tests starts one and prints its URL.
set -eu
agents=${1:-10000}
concurrency=${2:-200}
events=${3:-10}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib/classpath.sh
bench_classpath
ulimit -n 20000 2>/dev/null || true
# The PostgreSQL URL, when given, is the fourth argument.
exec java -Xmx2g -Dasci.serverProcess="${SERVER_PROCESS:+true}" \
  -Dasci.serverJavaOptions="${SERVER_JAVA_OPTS:-}" \
  -cp "$CP" io.relayagent.bench.asci.AsciBenchmark "$agents" "$concurrency" "$events" ${4:+"$4"}
