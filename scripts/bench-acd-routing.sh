#!/usr/bin/env bash
# Runs the ACD routing JMH benchmark (LongestIdleRouter, 5,000 agents × 2,000 waiting calls; sample time with
# percentiles). Not part of the test suite: results depend on the machine; report them, never assert them.
#   scripts/bench-acd-routing.sh [JMH options, e.g. -wi 2 -i 3 -p agents=1000]
exec "$(dirname "${BASH_SOURCE[0]}")/jmh-ivr.sh" 'io.switchboard.ivr.bench.*' "$@"
