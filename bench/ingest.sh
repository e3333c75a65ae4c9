#!/bin/sh
# Event ingestion into the server's database (issue 17): AGENTS simulated agents posting batches
# of BATCH events for SECONDS, against SQLite and, with a JDBC URL, PostgreSQL (bench/README.md,
# "Ingestion").
#
#   bench/ingest.sh [AGENTS=200] [BATCH=500] [SECONDS=60] [POSTGRES_URL]
#   SKIP_BUILD=1 bench/ingest.sh
#
# Loopback only; the server runs in the benchmark's JVM. For PostgreSQL, .ci/postgres-for-tests
# starts one and prints its URL.
set -eu
agents=${1:-200}
batch=${2:-500}
seconds=${3:-60}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib/classpath.sh
bench_classpath
ulimit -n 20000 2>/dev/null || true
# The PostgreSQL URL, when given, is the fourth argument.
exec java -Xmx2g -cp "$CP" io.relayagent.bench.ingest.IngestBenchmark "$agents" "$batch" "$seconds" ${4:+"$4"}
