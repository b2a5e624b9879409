#!/usr/bin/env bash
# A by-hand check of Switchboard's ACD over a real Asterisk (issue 10); not part of CI.
#
# It starts an Asterisk 20 (chan_sip) from an install and the lab's data (sounds, modules), with its own generated
# configuration under RUN_DIR: the dialplan sends every call to Switchboard's FastAGI port, manager.conf has the user
# `switchboard` with the secret from SWITCHBOARD_ASTERISK_AMI_SECRET, sip.conf has agents 1001 and 1002
# (callcounter=yes so their device state says RINGING/INUSE, directmedia=no) and music on hold `default`. Then
# SIPp phones register as agents 1001-1002 (digest auth) and answer every call, talk AGENT_TALK_MS and hang up; the
# agents are set available through Switchboard's API; a SIPp caller dials 100 (the sample hotline), presses 1 at the
# language menu and 0 at the main menu (SIPp's RFC 2833 captures) to reach the `general` agent queue, and stays until
# Asterisk hangs up or CALLER_STAY_MS pass. Afterwards it prints the call and the queue log from Switchboard's API
# and stops everything it started.
#
# Switchboard runs separately, started first, from the repository's root (agents.yaml from `$0 agents-yaml`):
#
#   ./mvnw -B -q -DskipTests package
#   scripts/asterisk-acd-check.sh agents-yaml > /tmp/asterisk-acd-agents.yaml
#   SWITCHBOARD_ADMIN_PASSWORD=… SWITCHBOARD_ASTERISK_AMI_SECRET=… \
#   java --enable-native-access=ALL-UNNAMED -jar admin-api/target/admin-api-*.jar \
#     --server.port=18480 --switchboard.sip.port=15480 --switchboard.db.embedded-dir=/tmp/asterisk-acd-pg \
#     --switchboard.calendars.support=open-now --switchboard.acd.agents=/tmp/asterisk-acd-agents.yaml \
#     --switchboard.asterisk.enabled=true --switchboard.asterisk.agi.port=4573 \
#     --switchboard.asterisk.ami.host=127.0.0.1 --switchboard.asterisk.ami.port=5039 \
#     --switchboard.asterisk.agent-device='SIP/{agent}' \
#     --switchboard.asterisk.recordings-dir=/tmp/asterisk-acd-check/recordings \
#     --switchboard.asterisk.sounds-dir=/work/asterisk/lab/data/sounds
#
# then, in another shell (the same two secrets in the environment):
#
#   scripts/asterisk-acd-check.sh [--asterisk=DIR] [--lab=DIR] [--http=URL] [--agi-port=P] [--ami-port=P]
#
# Options, or the environment variables in brackets (defaults after =):
#   --asterisk  Asterisk's install prefix, with sbin/asterisk and lib/asterisk/modules [ASTERISK_INSTALL=/work/asterisk/install]
#   --lab       the lab: data/sounds (Switchboard's prompts as en/, es/) and etc/modules.conf [ASTERISK_LAB=/work/asterisk/lab]
#   --http      Switchboard's HTTP API [SWITCHBOARD_HTTP=http://127.0.0.1:18480]
#   --agi-port  Switchboard's FastAGI port [SWITCHBOARD_AGI_PORT=4573]
#   --ami-port  the port Asterisk's manager listens on (Switchboard's ami.port) [ASTERISK_AMI_PORT=5039]
#   --sip-port  the port Asterisk's chan_sip listens on [ASTERISK_SIP_PORT=5080]
#   [RUN_DIR=/tmp/asterisk-acd-check] (emptied first), [AGENT_TALK_MS=5000], [CALLER_STAY_MS=60000],
#   [AGENT_1001_PHONE=answer] and [AGENT_1002_PHONE=answer]: how each agent's phone takes a call (answer, no-answer,
#   busy), e.g. AGENT_1001_PHONE=no-answer to see RINGNOANSWER and the caller reach 1002
# Needs: sipp (Debian sip-tester, with /usr/share/sip-tester/*.pcap), curl. The lab Asterisk must not be running
# (same ports). Exit status: 0 when the caller's call ran to its end, whatever the queue did; read the output.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
scenarios="$here/asterisk-acd"

if [[ "${1:-}" == agents-yaml ]]; then
    cat <<'EOF'
# Agents 1001 and 1002 of scripts/asterisk-acd-check.sh: on Asterisk their phones are SIP/1001 and SIP/1002.
agents:
  "1001":
    name: Lab Agent One
    password: lab-agent-1001-password
    queues: {general: 1}
  "1002":
    name: Lab Agent Two
    password: lab-agent-1002-password
    queues: {general: 1}
EOF
    exit 0
fi

ASTERISK_INSTALL=${ASTERISK_INSTALL:-/work/asterisk/install}
ASTERISK_LAB=${ASTERISK_LAB:-/work/asterisk/lab}
SWITCHBOARD_HTTP=${SWITCHBOARD_HTTP:-http://127.0.0.1:18480}
SWITCHBOARD_AGI_PORT=${SWITCHBOARD_AGI_PORT:-4573}
ASTERISK_AMI_PORT=${ASTERISK_AMI_PORT:-5039}
ASTERISK_SIP_PORT=${ASTERISK_SIP_PORT:-5080}
RUN_DIR=${RUN_DIR:-/tmp/asterisk-acd-check}
AGENT_TALK_MS=${AGENT_TALK_MS:-5000}
CALLER_STAY_MS=${CALLER_STAY_MS:-60000}
for arg in "$@"; do
    case "$arg" in
        --asterisk=*) ASTERISK_INSTALL=${arg#*=} ;;
        --lab=*) ASTERISK_LAB=${arg#*=} ;;
        --http=*) SWITCHBOARD_HTTP=${arg#*=} ;;
        --agi-port=*) SWITCHBOARD_AGI_PORT=${arg#*=} ;;
        --ami-port=*) ASTERISK_AMI_PORT=${arg#*=} ;;
        --sip-port=*) ASTERISK_SIP_PORT=${arg#*=} ;;
        *) echo "unknown argument: $arg (see the top of $0)" >&2; exit 2 ;;
    esac
done
: "${SWITCHBOARD_ASTERISK_AMI_SECRET:?set SWITCHBOARD_ASTERISK_AMI_SECRET (the AMI secret Switchboard was started with)}"
: "${SWITCHBOARD_ADMIN_PASSWORD:?set SWITCHBOARD_ADMIN_PASSWORD (the password of the admin user)}"
for port in "$SWITCHBOARD_AGI_PORT" "$ASTERISK_AMI_PORT" "$ASTERISK_SIP_PORT"; do
    [[ "$port" =~ ^[0-9]{1,5}$ ]] || { echo "not a port: $port" >&2; exit 2; }
done
secret_form='^[A-Za-z0-9._+-]{1,128}$'
[[ "$SWITCHBOARD_ASTERISK_AMI_SECRET" =~ $secret_form ]] \
    || { echo "the AMI secret may hold letters, digits and . _ + - only (it goes into manager.conf)" >&2; exit 2; }
asterisk_bin="$ASTERISK_INSTALL/sbin/asterisk"
[[ -x "$asterisk_bin" ]] || { echo "no $asterisk_bin" >&2; exit 2; }
[[ -d "$ASTERISK_LAB/data/sounds/en" ]] || { echo "no $ASTERISK_LAB/data/sounds/en (copy prompts/en there)" >&2; exit 2; }

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"/{etc,run,log,spool,var/lib,cache,moh,recordings,sipp}
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [[ -n "${asterisk_pid:-}" ]]; then
        "$asterisk_bin" -C "$RUN_DIR/etc/asterisk.conf" -rx "core stop now" >/dev/null 2>&1 || true
        sleep 1
        kill "$asterisk_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# --- Asterisk's configuration: the lab's modules, our own dialplan, peers, manager and music on hold
cp "$ASTERISK_LAB/etc/modules.conf" "$ASTERISK_LAB/etc/logger.conf" "$ASTERISK_LAB/etc/rtp.conf" "$RUN_DIR/etc/"
cat > "$RUN_DIR/etc/asterisk.conf" <<EOF
[directories]
astcachedir => $RUN_DIR/cache
astetcdir => $RUN_DIR/etc
astmoddir => $ASTERISK_INSTALL/lib/asterisk/modules
astvarlibdir => $RUN_DIR/var/lib
astdbdir => $RUN_DIR/var/lib
astkeydir => $RUN_DIR/var/lib
astdatadir => $ASTERISK_LAB/data
astagidir => $RUN_DIR/var/lib/agi-bin
astspooldir => $RUN_DIR/spool
astrundir => $RUN_DIR/run
astlogdir => $RUN_DIR/log
astsbindir => $ASTERISK_INSTALL/sbin
EOF
cat > "$RUN_DIR/etc/sip.conf" <<EOF
[general]
udpbindaddr=127.0.0.1:$ASTERISK_SIP_PORT
tcpenable=no
context=from-sip
allowguest=yes
disallow=all
allow=ulaw
allow=alaw
directmedia=no

[agent](!)
type=friend
host=dynamic
context=agents
nat=no
callcounter=yes
disallow=all
allow=ulaw
allow=alaw

[1001](agent)
secret=agent-1001-secret

[1002](agent)
secret=agent-1002-secret
EOF
cat > "$RUN_DIR/etc/extensions.conf" <<EOF
[general]
static=yes
writeprotect=yes

[from-sip]
exten => _X.,1,NoOp(caller \${CALLERID(num)} dialled \${EXTEN})
 same => n,AGI(agi://127.0.0.1:$SWITCHBOARD_AGI_PORT/\${EXTEN})
 same => n,Verbose(1,AGISTATUS=\${AGISTATUS} SWITCHBOARD_STATUS=\${SWITCHBOARD_STATUS})
 same => n,Hangup()

[agents]
include => from-sip
EOF
cat > "$RUN_DIR/etc/manager.conf" <<EOF
[general]
enabled = yes
port = $ASTERISK_AMI_PORT
bindaddr = 127.0.0.1

[switchboard]
secret = $SWITCHBOARD_ASTERISK_AMI_SECRET
read = system,call,agent,user,dtmf,reporting
write = system,call,originate
EOF
chmod 600 "$RUN_DIR/etc/manager.conf"
cp "$repo/prompts/en/hold-music.wav" "$RUN_DIR/moh/"
printf '[general]\n[default]\nmode=files\ndirectory=%s\n' "$RUN_DIR/moh" > "$RUN_DIR/etc/musiconhold.conf"

ast() { "$asterisk_bin" -C "$RUN_DIR/etc/asterisk.conf" -rx "$1"; }

echo "== starting Asterisk (log: $RUN_DIR/asterisk.out)"
setsid "$asterisk_bin" -C "$RUN_DIR/etc/asterisk.conf" -f -vvv > "$RUN_DIR/asterisk.out" 2>&1 < /dev/null &
asterisk_pid=$!
for _ in $(seq 1 50); do
    ast "core waitfullybooted" >/dev/null 2>&1 && break
    sleep 0.2
done
ast "core waitfullybooted" >/dev/null

# --- the agents' phones: a UAS on the Contact port, then REGISTER with digest auth
sipp_args=(-nostdin -i 127.0.0.1)
for agent in 1001 1002; do
    port=$((5100 + agent - 1000)); media=$((6100 + 10 * (agent - 1000)))
    phone_var="AGENT_${agent}_PHONE"; phone=${!phone_var:-answer}   # answer, no-answer or busy
    sed "s/@HOLD_MS@/$AGENT_TALK_MS/" "$scenarios/agent-$phone.xml" > "$RUN_DIR/sipp/agent-$agent.xml"
    (cd "$RUN_DIR/sipp" && exec sipp -sf "agent-$agent.xml" "${sipp_args[@]}" -p "$port" -mi 127.0.0.1 \
        -mp "$media" -m 5 "127.0.0.1:$ASTERISK_SIP_PORT" > "agent-$agent.out" 2>&1) &
    pids+=($!)
    (cd "$RUN_DIR/sipp" && sipp -sf "$scenarios/agent-register.xml" "${sipp_args[@]}" -s "$agent" -au "$agent" \
        -ap "agent-$agent-secret" -key contact_port "$port" -key expires 3600 -p $((port + 10)) -m 1 \
        "127.0.0.1:$ASTERISK_SIP_PORT" > "register-$agent.out" 2>&1) \
        || { echo "agent $agent could not register (see $RUN_DIR/sipp/register-$agent.out)" >&2; exit 1; }
done
echo "== Asterisk's peers and device states"
ast "sip show peers"

api() { curl -sS -u "admin:$SWITCHBOARD_ADMIN_PASSWORD" "$@"; }
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "== agents 1001 and 1002 available in Switchboard"
for agent in 1001 1002; do
    api -o /dev/null -w "PUT /api/agents/$agent/state -> %{http_code}\n" -X PUT -H 'Content-Type: application/json' \
        -d '{"state": "available"}' "$SWITCHBOARD_HTTP/api/agents/$agent/state" || true
done

# --- the caller: 1 at the language menu (English), 0 at the main menu (the agent queue)
key() { printf '<pause milliseconds="%s"/><nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_%s.pcap"/></action></nop>' "$1" "$2"; }
keys="$(key 1500 1)$(key 5000 0)"
sed -e "s|@KEYS@|$keys|" -e "s/@HOLD_MS@/$CALLER_STAY_MS/" "$scenarios/caller.xml" > "$RUN_DIR/sipp/caller.xml"
echo "== calling 100 at $(date -u +%H:%M:%S) (stays up to $((CALLER_STAY_MS / 1000)) s)"
(cd "$RUN_DIR/sipp" && sipp -sf caller.xml "${sipp_args[@]}" -s 100 -p 5090 -mi 127.0.0.1 -mp 6140 \
    -key rtp_port 6140 -m 1 -timeout $((CALLER_STAY_MS / 1000 + 30))s "127.0.0.1:$ASTERISK_SIP_PORT" \
    > caller.out 2>&1) && caller=ok || caller=failed
echo "caller's SIPp: $caller (see $RUN_DIR/sipp/caller.out)"
sleep 2

echo "== what Asterisk did with the call"
grep -a -E 'AGI|MusicOnHold|Playing|Originate|Bridge|AGISTATUS' "$RUN_DIR/asterisk.out" | sed 's/\x1b\[[0-9;]*m//g' | tail -40 || true
pretty() { if command -v jq >/dev/null; then jq -r "$1"; else cat; echo; fi; }
echo "== the call's path (GET /api/calls?limit=1, then GET /api/calls/{id})"
call=$(api "$SWITCHBOARD_HTTP/api/calls?limit=1" | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
if [[ -n "$call" ]]; then
    api "$SWITCHBOARD_HTTP/api/calls/$call" \
        | pretty '"call \(.id) \(.caller) -> \(.dialed): \(.hangupCause) by \(.hungUpBy)", (.path[] | "  \(.at) \(.kind) \(.name) \(.detail // "")")' || true
fi
echo "== the queue log since $started (GET /api/queue-log)"
api "$SWITCHBOARD_HTTP/api/queue-log?from=$started" \
    | pretty 'if length == 0 then "(no queue events)" else .[] | "\(.time) \(.callId) \(.queue) \(.agent) \(.event) \(.data | join("|"))" end' || true
[[ "$caller" == ok ]]
