#!/usr/bin/env bash
# Runs JMH benchmarks of ivr's test classes: scripts/jmh-ivr.sh BENCHMARK-PATTERN [JMH options]. Used by
# bench-acd-routing.sh and bench-reports.sh. Results depend on the machine: report them, never assert them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p target
# one reactor build, so our own modules come from their target/ folders, never from ~/.m2
./mvnw -B -q -pl ivr -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench-ivr.cp"
. scripts/jdk.sh && select_jdk
cp="ivr/target/test-classes:ivr/target/classes:$(cat target/bench-ivr.cp)"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main "$@"
