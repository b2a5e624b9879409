#!/usr/bin/env bash
# Runs the reports' JMH benchmark (today's figures and a 31-day report over a busy day of 10,000 queued calls in a
# real embedded PostgreSQL; sample time with percentiles). Not part of the test suite: results depend on the
# machine; report them, never assert them.
#   scripts/bench-reports.sh [JMH options, e.g. -p calls=50000]
exec "$(dirname "${BASH_SOURCE[0]}")/jmh-ivr.sh" 'io.switchboard.ivr.report.ReportsBenchmark' "$@"
