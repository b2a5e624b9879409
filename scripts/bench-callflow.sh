#!/usr/bin/env bash
# Runs the call-flow JMH benchmarks (interpreter steps per second, compile time of a 5,000-step flow).
# Not part of the test suite: results depend on the machine; report them, never assert them.
#   scripts/bench-callflow.sh [JMH options, e.g. -wi 2 -i 3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl callflow-dsl test-compile
./mvnw -B -q -pl callflow-dsl dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/target/bench.cp"
. scripts/jdk.sh && select_jdk
cp="callflow-dsl/target/test-classes:callflow-dsl/target/classes:$(cat target/bench.cp)"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.switchboard.callflow.bench.*' "$@"
