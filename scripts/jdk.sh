# Sourced by ./mvnw and ./switchboard: exports JAVA_HOME as a JDK 21 or newer.
# Keeps JAVA_HOME when it already qualifies, else takes the newest JDK under /usr/lib/jvm.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v="$(java_major "$JAVA_HOME")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"; [ -x "$d/bin/javac" ] || continue
    v="$(java_major "$d")"; [ -n "$v" ] || continue
    if [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ "$best_v" -lt 21 ]; then
    echo "Switchboard needs a JDK 21 or newer: set JAVA_HOME (none found under /usr/lib/jvm)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
