#!/usr/bin/env bash
# Runs the ACD routing JMH benchmark (LongestIdleRouter, 5,000 agents × 2,000 waiting calls; sample time with
# percentiles). Not part of the test suite: results depend on the machine; report them, never assert them.
#   scripts/bench-acd-routing.sh [JMH options, e.g. -wi 2 -i 3 -p agents=1000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p target
# one reactor build, so our own modules come from their target/ folders, never from ~/.m2
./mvnw -B -q -pl ivr -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench-ivr.cp"
. scripts/jdk.sh && select_jdk
cp="ivr/target/test-classes:ivr/target/classes:$(cat target/bench-ivr.cp)"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.switchboard.ivr.bench.*' "$@"
