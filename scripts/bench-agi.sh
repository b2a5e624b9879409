#!/usr/bin/env bash
# FastAGI load mode (io.switchboard.ivr.asterisk.bench.AgiLoad): SESSIONS simulated Asterisk sessions held open at
# once in one FastAGI service, then COMMANDS prompts each through the real flow interpreter; prints the concurrent
# sessions, heap and platform threads at the peak, and the per-command overhead outside Asterisk (reply sent →
# next command received, loopback TCP included) as percentiles, in one JSON line. Not part of the test suite:
# report the figures, never assert them.
#   scripts/bench-agi.sh [SESSIONS=2000] [COMMANDS=50]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p target
# one reactor build, so our own modules come from their target/ folders, never from ~/.m2
./mvnw -B -q -pl ivr -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench-agi.cp"
. scripts/jdk.sh && select_jdk
cp="ivr/target/test-classes:ivr/target/classes:$(cat target/bench-agi.cp)"
exec "$JAVA_HOME/bin/java" -Xss512k -cp "$cp" io.switchboard.ivr.asterisk.bench.AgiLoad "${1:-2000}" "${2:-50}"
