# Sourced by the bench scripts, from the project's root: builds the bench module and what it
# needs in one reactor build (unless SKIP_BUILD is set, to reuse the last build while profiling
# one change) and sets CP to its class path. The class path names the modules' own jars: nothing
# goes to the local repository (~/.m2), where other builds would pick it up.
bench_classpath() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "building (package, and the bench module's class path)..." >&2
    ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl bench -am package \
      dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      -Dmdep.includeScope=runtime
  elif [ ! -s bench/target/classpath.txt ]; then
    echo "SKIP_BUILD=1 needs an earlier build (bench/target/classpath.txt)" >&2
    exit 2
  fi
  CP="bench/target/classes:$(cat bench/target/classpath.txt)"
}
