#!/bin/sh
# Fuzzes the Jazzer targets (every `*FuzzTest` class, or the ones named) one after the other,
# each for DURATION in a JVM of its own, and prints per target the executions, the coverage
# Jazzer reports (cov: edges, ft: features, corpus: inputs kept) and the findings.
#
#   bench/fuzz.sh [DURATION=10m] [TARGET...]      TARGET: a class, e.g. HeadGuardHandlerFuzzTest
#   bench/fuzz.sh 30s DiscoveryCodecFuzzTest RangeSelectionFuzzTest
#
# A finding fails that target's run: its input is written to the target's corpus directory,
# src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>, which `./mvnw test` replays
# from then on. The corpus Jazzer grows stays in <module>/.cifuzz-corpus/ (ignored by git) and
# is where the next run starts. Logs: bench/target/fuzz/<Class>.log. Exits 1 if anything was
# found or a run failed. Durations as Jazzer reads them: 30s, 10m, 2h. Maven options go in
# MAVEN_ARGS (MAVEN_ARGS=-o to build offline).
set -eu
duration=${1:-10m}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
logs=bench/target/fuzz
mkdir -p "$logs"

# module/src/test/java/.../NameFuzzTest.java -> "module Name"
all=$(find . -path '*/src/test/java/*' -name '*FuzzTest.java' \
  | sed -e 's|^\./||' -e 's|/src/test/java/.*/| |' -e 's|\.java$||' | sort -k2)
if [ $# -gt 0 ]; then
  chosen=""
  for name in "$@"; do
    line=$(printf '%s\n' "$all" | awk -v n="$name" '$2 == n')
    if [ -z "$line" ]; then
      echo "no fuzz target $name; the targets are:" >&2
      printf '%s\n' "$all" | awk '{print "  " $2 " (" $1 ")"}' >&2
      exit 2
    fi
    chosen="$chosen$line
"
  done
else
  chosen="$all
"
fi

started=$(date -u +%Y-%m-%dT%H:%MZ)
summary="$logs/summary.txt"
printf '%-28s %-11s %13s %9s %6s %7s %7s %s\n' \
  target module executions exec/s cov ft corpus findings >"$summary"
failed=0
printf '%s' "$chosen" | while read -r module class; do
  [ -n "$class" ] || continue
  log="$logs/$class.log"
  echo "fuzzing $class ($module) for $duration ..."
  # The fuzz execution of the parent pom, alone: JAZZER_FUZZ=1, one JVM, logging off.
  if ./mvnw -B -pl "$module" -am test-compile surefire:test@fuzz \
      -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.duration="$duration" \
      -Dfuzz.seed=0 -Dfuzz.runs=-1 \
      >"$log" 2>&1; then
    outcome=0
  else
    outcome=1
  fi
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: K/Sb ... exec/s: E ..."
  status=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
  runs=$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' "$log" | tail -n 1)
  [ -n "$runs" ] || runs=$(printf '%s' "$status" | sed -n 's/^#\([0-9]*\).*/\1/p')
  field() { printf '%s' "$status" | sed -n "s|.* $1: \([0-9]*\).*|\1|p"; }
  findings=$(grep -c 'Test unit written to' "$log" || true)
  printf '%-28s %-11s %13s %9s %6s %7s %7s %s\n' "$class" "$module" "${runs:--}" \
    "$(field exec/s)" "$(field cov)" "$(field ft)" "$(field corp)" "$findings" >>"$summary"
  grep 'Test unit written to' "$log" | sed 's/^.*Test unit written to /  finding: /' >>"$summary" || true
  if [ "$outcome" -ne 0 ] && [ "$findings" -eq 0 ]; then
    echo "  the run failed without a finding: see $log" >>"$summary"
  fi
  if [ "$outcome" -ne 0 ]; then
    echo failed >"$logs/.failed"
  fi
done

echo
echo "bench/fuzz.sh $duration, started $started, $(nproc) cores:"
cat "$summary"
if [ -e "$logs/.failed" ]; then
  rm -f "$logs/.failed"
  failed=1
fi
exit "$failed"
