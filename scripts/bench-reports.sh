#!/usr/bin/env bash
# Runs the reports' JMH benchmark (today's figures and a 31-day report over a busy day of 10,000 queued calls in a
# real embedded PostgreSQL; sample time with percentiles). Not part of the test suite: results depend on the
# machine; report them, never assert them.
#   scripts/bench-reports.sh [JMH options, e.g. -p calls=50000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p target
# one reactor build, so our own modules come from their target/ folders, never from ~/.m2
./mvnw -B -q -pl ivr -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench-ivr.cp"
. scripts/jdk.sh && select_jdk
cp="ivr/target/test-classes:ivr/target/classes:$(cat target/bench-ivr.cp)"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.switchboard.ivr.report.ReportsBenchmark' "$@"
