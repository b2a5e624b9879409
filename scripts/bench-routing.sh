#!/usr/bin/env bash
# Runs the routing JMH benchmarks with the shipped rules (routing/): decision time (sample mode: p50/p99/p99.9) and the
# cost of an agent state change at 5,000 agents x 2,000 waiting calls. Not part of the test suite: results depend on
# the machine; report them, never assert them.
#   scripts/bench-routing.sh [JMH options, e.g. -wi 2 -i 3 -p freeAgents=1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl routing-rules -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench-routing.cp"
. scripts/jdk.sh && select_jdk
cp="routing-rules/target/test-classes:routing-rules/target/classes:$(cat target/bench-routing.cp)"
exec "$JAVA_HOME/bin/java" -Drouting.dir="$root/routing" -cp "$cp" org.openjdk.jmh.Main \
  'io.switchboard.routing.bench.*' -jvmArgsAppend "-Drouting.dir=$root/routing" "$@"
