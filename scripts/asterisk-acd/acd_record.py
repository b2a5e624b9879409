#!/usr/bin/env python3
"""Records, byte for byte (repr), what a real Asterisk 20 says over AMI and FastAGI for the ACD's operations:
device state, Originate to agents (answered, no answer, busy, not registered, unknown), Hangup by unique id, the
caller's AGI with music on hold and EXEC Bridge, and AMI Bridge. SIPp plays the agents' phones (register with
digest auth, then a UAS) and the caller. Usage: acd_record.py OUTDIR SCENARIO... (see SCENARIOS at the bottom).
The lab Asterisk must run (etc in /work/asterisk/lab/etc: chan_sip 127.0.0.1:5080 with agents 1001-1003 as in the
transcripts' headers, AMI 127.0.0.1:5039, user switchboard / ami-lab-secret, the dialplan's AGI to 127.0.0.1:4573).
Example: python3 scripts/asterisk-acd/acd_record.py /tmp/out devicestate answered bridge-agent"""
import os, re, signal, socket, subprocess, sys, threading, time

SC = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1]
AST = ("127.0.0.1", 5080)
AMI = ("127.0.0.1", 5039)
SECRET = "ami-lab-secret"
AGENTS = {"1001": (5101, 6100), "1002": (5102, 6110), "1003": (5103, 6120)}
TRUNK = (5092, 6130)
RTP_PORT = 16090
procs = []


def sipp(scenario, args, subst=None, log=None):
    src = open(os.path.join(SC, scenario)).read()
    for k, v in (subst or {}).items():
        src = src.replace(k, v)
    path = os.path.join("/tmp/astlab", "run-%d-%s" % (len(procs), scenario))
    open(path, "w").write(src)
    p = subprocess.Popen(["sipp", "-sf", path, "-nostdin"] + args,
                         stdout=open(path + ".out", "w"), stderr=subprocess.STDOUT, cwd="/tmp/astlab",
                         start_new_session=True)
    procs.append(p)
    return p


def stop(p):
    if p.poll() is None:
        os.kill(p.pid, signal.SIGTERM)
        try:
            p.wait(3)
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)


def register(agent, expires=3600):
    port, _ = AGENTS[agent]
    p = subprocess.run(["sipp", "-sf", os.path.join(SC, "agent-register.xml"), "-s", agent, "-au", agent, "-ap",
                        "agent-%s-secret" % agent, "-key", "contact_port", str(port), "-key", "expires",
                        str(expires), "-i", "127.0.0.1", "-p", str(port + 10), "-m", "1", "-nostdin",
                        "%s:%d" % AST], capture_output=True, cwd="/tmp/astlab", timeout=15)
    assert p.returncode == 0, p.stdout[-500:]


def phone(agent, behaviour, hold_ms=3000, calls=1):
    """A UAS SIPp on the agent's Contact port: answer (hangs up after hold_ms), no-answer, busy."""
    port, media = AGENTS[agent] if agent != "trunk" else TRUNK
    return sipp("agent-%s.xml" % behaviour, ["-i", "127.0.0.1", "-p", str(port), "-mi", "127.0.0.1", "-mp",
                                              str(media), "-m", str(calls), "%s:%d" % AST],
                {"@HOLD_MS@": str(hold_ms)})


def caller(exten, hold_ms, keys=""):
    return sipp("caller.xml", ["-s", exten, "-i", "127.0.0.1", "-p", "5090", "-mi", "127.0.0.1", "-mp", "6140",
                               "-key", "rtp_port", str(RTP_PORT), "-m", "1", "%s:%d" % AST],
                {"@HOLD_MS@": str(hold_ms), "@KEYS@": keys})


class Wire:
    """One transcript file: time since t0, direction, the bytes as a Python literal."""

    def __init__(self, name, header):
        self.f = open(os.path.join(OUT, name), "w")
        for h in header.strip().splitlines():
            self.f.write("# " + h + "\n")
        self.t0 = time.time()
        self.lock = threading.Lock()

    def log(self, d, b):
        with self.lock:
            self.f.write("%7.3f %s %r\n" % (time.time() - self.t0, d, b))
            self.f.flush()

    def note(self, text):
        with self.lock:
            self.f.write("# %s\n" % text)
            self.f.flush()


class Ami:
    def __init__(self, wire):
        self.wire = wire
        self.s = socket.create_connection(AMI)
        self.f = self.s.makefile("rb")
        self.msgs = []
        self.cv = threading.Condition()
        self.n = 0
        threading.Thread(target=self.read, daemon=True).start()
        self.wait(lambda m: True, 5, raw_banner=True)
        self.action("Login", Username="switchboard", Secret=SECRET)

    def read(self):
        banner = self.f.readline()
        self.wire.log("<", banner)
        with self.cv:
            self.msgs.append({"_banner": banner.decode().strip()})
            self.cv.notify_all()
        cur = {}
        while True:
            line = self.f.readline()
            if not line:
                self.wire.log("!", b"eof")
                return
            self.wire.log("<", line)
            if line == b"\r\n":
                with self.cv:
                    self.msgs.append(cur)
                    self.cv.notify_all()
                cur = {}
            else:
                k, _, v = line.decode().rstrip("\r\n").partition(": ")
                cur.setdefault(k, v)

    def send(self, action, **fields):
        self.n += 1
        aid = "sb-%d" % self.n
        b = "Action: %s\r\nActionID: %s\r\n" % (action, aid)
        for k, v in fields.items():
            for item in (v if isinstance(v, list) else [v]):
                b += "%s: %s\r\n" % (k, item)
        b = (b + "\r\n").encode()
        self.wire.log(">", b)
        self.s.sendall(b)
        return aid

    def action(self, action, timeout=10, **fields):
        aid = self.send(action, **fields)
        return self.wait(lambda m: m.get("ActionID") == aid and "Response" in m, timeout)

    def wait(self, pred, timeout, raw_banner=False, start=0):
        end = time.time() + timeout
        with self.cv:
            while True:
                for m in self.msgs[start:]:
                    if pred(m):
                        return m
                left = end - time.time()
                if left <= 0:
                    return None
                self.cv.wait(left)

    def mark(self):
        with self.cv:
            return len(self.msgs)

    def quiet(self, secs):
        time.sleep(secs)

    def close(self):
        self.action("Logoff", timeout=3)
        time.sleep(0.3)
        self.s.close()


class Rtp:
    """Counts the RTP packets Asterisk sends to the caller's advertised port (SIPp does not listen there)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", RTP_PORT))
        self.count = 0
        self.stopped = False
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        self.sock.settimeout(0.2)
        while not self.stopped:
            try:
                self.sock.recv(2048)
                self.count += 1
            except socket.timeout:
                pass

    def take(self):
        c, self.count = self.count, 0
        return c

    def close(self):
        self.stopped = True
        time.sleep(0.3)
        self.sock.close()


class Agi:
    """A FastAGI recorder on 127.0.0.1:4573 (the lab dialplan's AGI target): one session, driven by a script."""

    def __init__(self, wire, rtp=None):
        self.wire, self.rtp = wire, rtp
        self.srv = socket.socket()
        self.srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.srv.bind(("127.0.0.1", 4573))
        self.srv.listen(5)
        self.env = {}

    def accept(self):
        self.srv.settimeout(15)
        self.conn, _ = self.srv.accept()
        self.f = self.conn.makefile("rb")
        self.wire.t0 = time.time()
        while True:
            line = self.f.readline()
            self.wire.log("<", line)
            if line in (b"\n", b""):
                break
            k, _, v = line.decode().rstrip("\n").partition(": ")
            self.env[k] = v
        if self.rtp:
            self.rtp.take()

    def cmd(self, c):
        if self.rtp:
            self.wire.note("rtp: %d packets reached the caller's RTP port since the last command" % self.rtp.take())
        self.wire.log(">", c.encode() + b"\n")
        self.conn.sendall(c.encode() + b"\n")
        got = []
        while True:
            line = self.f.readline()
            self.wire.log("<", line)
            if line == b"":
                return got
            got.append(line)
            if line.startswith(b"HANGUP"):
                continue
            if line.startswith(b"520-"):
                while not line.startswith(b"520 "):
                    line = self.f.readline()
                    self.wire.log("<", line)
            return got

    def drain(self, secs=2):
        self.conn.settimeout(secs)
        try:
            while True:
                line = self.f.readline()
                self.wire.log("<", line)
                if not line:
                    break
        except Exception as e:
            self.wire.log("!", str(e).encode())

    def close(self):
        try:
            self.conn.shutdown(socket.SHUT_RDWR)
            self.f.close()
            self.conn.close()
        finally:
            self.srv.close()


def originate(ami, device, chan_id, timeout_ms, app="Wait", data="30", callerid="5550177", queue="general"):
    return ami.send("Originate", Channel=device, Application=app, Data=data, Timeout=str(timeout_ms),
                    CallerID=callerid, Async="true", ChannelId=chan_id,
                    Variable=["SWITCHBOARD_QUEUE=%s" % queue, "SWITCHBOARD_CALL=%s" % chan_id])


def originate_result(ami, aid, timeout):
    return ami.wait(lambda m: m.get("Event") == "OriginateResponse" and m.get("ActionID") == aid, timeout)


HDR = """Recorded %s from a real Asterisk 20.20.1 (built from the tag, chan_sip on 127.0.0.1:5080, AMI 127.0.0.1:5039,
lab config /work/asterisk/lab) by scripts/asterisk-acd/acd_record.py; agents' phones and callers are SIPp 3.6.1
(scripts/asterisk-acd/*.xml). Each line: seconds since the session began, direction (< from Asterisk, > to it), the
bytes as a Python literal; lines starting # are notes (AsteriskTranscript skips them).""" % time.strftime("%Y-%m-%d")


def s_devicestate():
    register("1001", 0)
    time.sleep(0.5)
    w = Wire("ami-acd-devicestate-20.20.1.txt", HDR + """
Scenario: SIP/1001 unregistered at first; DeviceStateList; SIP/1001 registers; an Originate rings it (never
answered, Timeout 3000); an Originate it answers (talks 2 s, hangs up); SIP/1001 unregisters (Expires: 0).""")
    ami = Ami(w)
    w.note("DeviceStateList while 1002/1003 are registered and 1001 is not")
    ami.action("DeviceStateList")
    ami.wait(lambda m: m.get("Event") == "DeviceStateListComplete", 5)
    time.sleep(0.5)
    w.note("SIP/1001 registers")
    register("1001")
    time.sleep(1.5)
    w.note("SIP/1001 rings (Originate, Timeout 3000, the phone never answers)")
    p = phone("1001", "no-answer")
    aid = originate(ami, "SIP/1001", "sb-ring-1", 3000)
    originate_result(ami, aid, 10)
    time.sleep(1)
    stop(p)
    w.note("SIP/1001 answers (talks 2 s, hangs up)")
    p = phone("1001", "answer", 2000)
    aid = originate(ami, "SIP/1001", "sb-talk-1", 10000)
    originate_result(ami, aid, 15)
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-talk-1", 10)
    time.sleep(1)
    stop(p)
    w.note("SIP/1001 unregisters (REGISTER Expires: 0)")
    register("1001", 0)
    time.sleep(1.5)
    ami.close()
    register("1001")


def s_originate(kind):
    heads = {
        "answered": "SIP/1001 answers after ringing 1 s, talks 3 s and hangs up (Originate Timeout 10000).",
        "noanswer": "SIP/1001 rings and never answers; Originate Timeout 3000.",
        "busy": "SIP/1001 answers 486 Busy Here.",
        "unregistered": "SIP/1003 is not registered (REGISTER Expires: 0 before).",
        "unknown": "SIP/1009 is no peer of sip.conf.",
    }
    w = Wire("ami-acd-originate-%s-20.20.1.txt" % kind, HDR + "\nScenario: Originate Async with ChannelId; " + heads[kind])
    if kind == "unregistered":
        register("1003", 0)
    ami = Ami(w)
    p = None
    device, cid = "SIP/1001", "sb-offer-%s" % kind
    if kind == "answered":
        p = phone("1001", "answer", 3000)
        timeout = 10000
    elif kind == "noanswer":
        p = phone("1001", "no-answer")
        timeout = 3000
    elif kind == "busy":
        p = phone("1001", "busy")
        timeout = 10000
    elif kind == "unregistered":
        device, timeout = "SIP/1003", 10000
    else:
        device, timeout = "SIP/1009", 10000
    aid = originate(ami, device, cid, timeout)
    r = originate_result(ami, aid, 20)
    w.note("(recorder) OriginateResponse: %s" % (r and {k: r.get(k) for k in ("Response", "Reason", "Uniqueid", "Channel")}))
    if kind == "answered":
        ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == cid, 10)
    time.sleep(1.5)
    if p:
        stop(p)
    ami.close()
    if kind == "unregistered":
        register("1003")


def s_hangup():
    w = Wire("ami-acd-hangup-20.20.1.txt", HDR + """
Scenario: AMI Hangup with Channel: <the Originate's ChannelId> (1) while SIP/1001 rings, (2) while SIP/1001 has
answered and waits in Wait(30), (3) with an id no channel has; then (4) Hangup with the channel's name.""")
    ami = Ami(w)
    w.note("(1) ringing")
    p = phone("1001", "no-answer")
    aid = originate(ami, "SIP/1001", "sb-cancel-1", 20000)
    ami.wait(lambda m: m.get("Event") == "Newstate" and m.get("Uniqueid") == "sb-cancel-1", 5)
    time.sleep(1)
    ami.action("Hangup", Channel="sb-cancel-1", Cause="16")
    originate_result(ami, aid, 10)
    time.sleep(1)
    stop(p)
    w.note("(2) answered, in Wait(30)")
    p = phone("1001", "answer", 20000)
    aid = originate(ami, "SIP/1001", "sb-cancel-2", 10000)
    originate_result(ami, aid, 10)
    time.sleep(1)
    ami.action("Hangup", Channel="sb-cancel-2")
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-cancel-2", 5)
    time.sleep(1)
    stop(p)
    w.note("(3) an id no channel has")
    ami.action("Hangup", Channel="sb-no-such-id")
    time.sleep(0.5)
    w.note("(4) by the channel's name, while answered")
    p = phone("1001", "answer", 20000)
    aid = originate(ami, "SIP/1001", "sb-cancel-4", 10000)
    r = originate_result(ami, aid, 10)
    time.sleep(1)
    ami.action("Hangup", Channel=r.get("Channel"))
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-cancel-4", 5)
    time.sleep(1)
    stop(p)
    ami.close()


def s_bridge_agi(who_hangs_up):
    """The caller dials 200 (lab dialplan: AGI to 127.0.0.1:4573), waits with MOH; the agent is originated; the
    caller's AGI bridges to the agent by unique id."""
    name = "agent" if who_hangs_up == "agent" else "caller"
    wa = Wire("ami-acd-bridge-%s-hangs-up-20.20.1.txt" % name, HDR + """
Scenario: the AMI side of agi-acd-bridge-%s-hangs-up-20.20.1.txt (the same call).""" % name)
    wg = Wire("agi-acd-bridge-%s-hangs-up-20.20.1.txt" % name, HDR + """
Scenario: a SIPp caller dials 200; the dialplan runs AGI(agi://127.0.0.1:4573/200). WAIT FOR DIGIT without music,
SET MUSIC ON default, WAIT FOR DIGIT 250 while SIP/1002 is originated (ChannelId sb-agent-%s), SET MUSIC OFF,
EXEC Bridge to a unique id no channel has, EXEC Bridge <the agent's unique id>,x, GET VARIABLE BRIDGERESULT.
%s hangs up first. "# rtp:" comments count the RTP packets Asterisk sent to the caller before each command
(50 a second is a stream; the counter is the recorder's, not part of the protocol).""" % (
        name, "The agent (SIP/1002: BYE 4 s after it answered)" if name == "agent" else "The caller (SIPp BYE 9 s after its ACK)"))
    ami = Ami(wa)
    rtp = Rtp()
    agi = Agi(wg, rtp)
    cid = "sb-agent-%s" % name
    agent = phone("1002", "answer", 4000 if name == "agent" else 60000)
    # the caller: in the agent case it stays until Asterisk hangs it up; else it leaves ~4 s into the bridge
    caller_p = caller("200", 60000 if name == "agent" else 9000)
    agi.accept()
    agi.cmd("ANSWER")
    for _ in range(4):
        agi.cmd("WAIT FOR DIGIT 250")
    agi.cmd("SET MUSIC ON default")
    aid = originate(ami, "SIP/1002", cid, 10000, callerid=agi.env.get("agi_callerid", ""))
    res = None
    for _ in range(40):
        agi.cmd("WAIT FOR DIGIT 250")
        res = originate_result(ami, aid, 0)
        if res:
            break
    agi.cmd("WAIT FOR DIGIT 250")
    agi.cmd("SET MUSIC OFF")
    agi.cmd("WAIT FOR DIGIT 250")
    agi.cmd("EXEC Bridge sb-no-such-channel,x")
    agi.cmd("GET VARIABLE BRIDGERESULT")
    got = agi.cmd("EXEC Bridge %s,x" % cid)
    agi.cmd("GET VARIABLE BRIDGERESULT")
    agi.cmd("GET VARIABLE BRIDGEPEER")
    agi.cmd("CHANNEL STATUS")
    if name == "agent":
        agi.cmd('STREAM FILE survey-intro ""')
        agi.cmd("HANGUP")
    agi.drain(3)
    agi.close()
    rtp.close()
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == agi.env.get("agi_uniqueid"), 10)
    time.sleep(1)
    stop(agent)
    stop(caller_p)
    ami.close()


def s_bridge_ami():
    w = Wire("ami-acd-bridge-action-20.20.1.txt", HDR + """
Scenario: a callback. SIP/1001 is originated into Wait(30) (ChannelId sb-cb-agent), then the customer
SIP/5550123@trunk (a SIPp UAS on 127.0.0.1:5092 answering; talks 5 s and hangs up) into Wait(30) (ChannelId
sb-cb-customer); then AMI Bridge Channel1 sb-cb-agent Channel2 sb-cb-customer (unique ids), and, for
comparison, a Bridge by unique id that no channel has.""")
    ami = Ami(w)
    a = phone("1001", "answer", 30000)
    c = phone("trunk", "answer", 5000)
    aid = originate(ami, "SIP/1001", "sb-cb-agent", 10000, callerid="5550123")
    originate_result(ami, aid, 10)
    aid = originate(ami, "SIP/5550123@trunk", "sb-cb-customer", 10000, callerid="5550100")
    originate_result(ami, aid, 10)
    time.sleep(0.5)
    ami.action("Bridge", Channel1="sb-cb-agent", Channel2="sb-no-such-id")
    ami.action("Bridge", Channel1="sb-cb-agent", Channel2="sb-cb-customer", Tone="no")
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-cb-customer", 15)
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-cb-agent", 40)
    time.sleep(1)
    stop(a)
    stop(c)
    ami.close()


def s_bridge_local(customer_id):
    """customer_id "sb-cbl-customer" is a prefix of the ;2 half's id: Bridge (prefix lookup) then takes the ;2 half."""
    trap = customer_id == "sb-cbl-customer"
    w = Wire("ami-acd-bridge-local%s-20.20.1.txt" % ("-prefix-trap" if trap else ""), HDR + """
Scenario: a callback through a Local channel. SIP/1001 is originated into Wait(30) (ChannelId sb-cbl-agent); the
customer is originated as Local/5550123@callback-out (lab dialplan: Dial(SIP/${EXTEN}@trunk,30); the trunk is a SIPp
UAS on 127.0.0.1:5092 that answers, talks 5 s and hangs up) into Wait(30), ChannelId %s (the ;1 half)
and OtherChannelId sb-cbl-customer-2 (the ;2 half); then AMI Bridge Channel1 sb-cbl-agent Channel2 %s.""" % (
        customer_id, customer_id) + ("""
THE TRAP: Bridge looks channels up by name prefix, then by unique-id PREFIX (Asterisk 20 main/features.c
action_bridge, ast_channel_get_by_name_prefix); sb-cbl-customer is a prefix of sb-cbl-customer-2, so Bridge took
the ;2 half out of its Dial bridge: the customer's trunk channel was hung up at once, the agent bridged to nothing.""" if trap else ""))
    ami = Ami(w)
    a = phone("1001", "answer", 30000)
    c = phone("trunk", "answer", 5000)
    aid = originate(ami, "SIP/1001", "sb-cbl-agent", 10000, callerid="5550123")
    originate_result(ami, aid, 10)
    aid = ami.send("Originate", Channel="Local/5550123@callback-out", Application="Wait", Data="30",
                   Timeout="10000", CallerID="5550100", Async="true", ChannelId=customer_id,
                   OtherChannelId="sb-cbl-customer-2", Variable=["SWITCHBOARD_CALLBACK=sb-cbl"])
    originate_result(ami, aid, 15)
    time.sleep(0.5)
    ami.action("Bridge", Channel1="sb-cbl-agent", Channel2=customer_id, Tone="no")
    ami.wait(lambda m: m.get("Event") == "Hangup" and m.get("Uniqueid") == "sb-cbl-agent", 40)
    time.sleep(1.5)
    stop(a)
    stop(c)
    ami.close()


SCENARIOS = {
    "devicestate": s_devicestate,
    "answered": lambda: s_originate("answered"),
    "noanswer": lambda: s_originate("noanswer"),
    "busy": lambda: s_originate("busy"),
    "unregistered": lambda: s_originate("unregistered"),
    "unknown": lambda: s_originate("unknown"),
    "hangup": s_hangup,
    "bridge-agent": lambda: s_bridge_agi("agent"),
    "bridge-caller": lambda: s_bridge_agi("caller"),
    "bridge-action": s_bridge_ami,
    "bridge-local": lambda: s_bridge_local("sb-cbl-customer-1"),
    "bridge-local-prefix-trap": lambda: s_bridge_local("sb-cbl-customer"),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    os.makedirs("/tmp/astlab", exist_ok=True)
    try:
        for a in ("1001", "1002", "1003"):
            register(a)
        for s in sys.argv[2:]:
            print("scenario", s, flush=True)
            SCENARIOS[s]()
    finally:
        for p in procs:
            stop(p)
