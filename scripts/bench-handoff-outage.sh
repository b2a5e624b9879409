#!/usr/bin/env bash
# The hand-off outage run: N hand-offs stored while the stand-in ticket service (a real HTTP server shaped on
# Zendesk) answers 503, delivered by the Camel routes once it returns (the first answers after it are lost, so
# the lookup before creating is exercised), on a real PostgreSQL. Prints
#   handoff outage: created during outage N, refused requests while down R, delivered after N, duplicates 0, lost 0
# The same test runs in ./mvnw verify with N=30; here N is yours.
#   scripts/bench-handoff-outage.sh [N, default 500]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/jdk.sh && select_jdk
export JAVA_HOME
./mvnw -B -q -pl ivr -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='HandoffDeliveryIT#anOutageLosesNothingAndDuplicatesNothingOnceTheServiceReturns' \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dhandoff.outage.count="${1:-500}" 2>&1 | grep '^handoff outage:'
