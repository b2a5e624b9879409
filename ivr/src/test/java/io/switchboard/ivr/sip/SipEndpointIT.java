package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in endpoint against SIP written by hand on loopback: every status, every hang-up path. */
class SipEndpointIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final List<CallEnd> ends = new CopyOnWriteArrayList<>();
    private volatile Consumer<CallLeg> script = this::menuScript;
    private SipEndpoint endpoint;
    private int port;

    private final CallHandler handler = new CallHandler() {
        @Override
        public boolean accepts(String dialed) {
            return !dialed.equals("404");
        }

        @Override
        public void handle(CallLeg call) {
            handled.incrementAndGet();
            call.addObserver(new CallObserver() {
                @Override
                public void promptStarted(String prompt, String language, java.time.Instant at) {
                    events.add("prompt " + prompt);
                }

                @Override
                public void keyPressed(char key, String via, java.time.Instant at) {
                    events.add("key " + key + " " + via);
                }

                @Override
                public void ended(CallEnd end) {
                    ends.add(end);
                    events.add("ended " + end.cause() + " " + end.hungUpBy());
                }
            });
            script.accept(call);
        }
    };

    /** Answer, play "hello", wait for a key, play that key's prompt, hang up. */
    private void menuScript(CallLeg call) {
        call.answer();
        PlayOutcome hello = call.play(List.of(new PromptRef("hello")), true);
        events.add("hello " + hello);
        KeyOutcome key = call.nextKey(Duration.ofSeconds(5));
        events.add("nextKey " + key);
        if (key instanceof KeyOutcome.Key k) {
            call.play(List.of(new PromptRef("key" + k.key())), false);
            call.hangup();
        }
    }

    private void start() throws IOException {
        List<Prompt> prompts = new ArrayList<>();
        prompts.add(new Prompt("hello", "en", tone(440, 3000)));
        for (char c : "0123456789".toCharArray()) {
            prompts.add(new Prompt("key" + c, "en", tone(600 + 50 * (c - '0'), 300)));
        }
        port = freePort();
        endpoint = new SipEndpoint(new SipEndpointConfig("127.0.0.1", port, 30000, 30999, Duration.ofSeconds(30)),
                PromptLibrary.of(prompts), handler);
        endpoint.start();
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void answersStreamsPacedG711AndTakesAnRfc4733Key() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            phone.send(phone.invite("100", phone.defaultOffer()));
            assertThat(RawSipClient.status(phone.receive(WAIT))).isEqualTo(100);
            assertThat(RawSipClient.status(phone.awaitResponse("INVITE", 180, WAIT))).isEqualTo(180);
            String ok = phone.awaitResponse("INVITE", 200, WAIT);
            assertThat(RawSipClient.status(ok)).isEqualTo(200);
            assertThat(ok).contains("Content-Type: application/sdp", "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:101 telephone-event/8000");
            phone.send(phone.ack("100"));

            List<RtpPacket> packets = receiveRtp(phone.rtp, 25);
            RtpPacket first = packets.get(0);
            assertThat(first.marker()).as("marker on the first packet of the prompt").isTrue();
            for (int i = 1; i < packets.size(); i++) {
                RtpPacket p = packets.get(i);
                assertThat(p.payloadType()).isZero();
                assertThat(p.payload()).hasSize(160);
                assertThat(p.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
                assertThat(p.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
                assertThat(p.marker()).isFalse();
                assertThat(p.ssrc()).isEqualTo(first.ssrc());
            }
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("prompt hello");

            sendDigit(phone, RawSipClient.mediaPort(ok), '7');
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("key 7 rfc4733");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("hello INTERRUPTED");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("nextKey Key[key=7]");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("prompt key7");

            String bye = phone.awaitRequest("BYE", WAIT);
            phone.ok(bye);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("ended NORMAL SYSTEM");
            assertThat(handled.get()).isEqualTo(1);
        }
    }

    @Test
    void callerByeMidPromptStopsPlaybackAtOnce() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            answer(phone);
            receiveRtp(phone.rtp, 10);
            phone.send(phone.bye("100"));
            assertThat(RawSipClient.status(phone.awaitResponse("BYE", 200, WAIT))).isEqualTo(200);
            assertThat(events).contains("prompt hello");
            assertThat(pollUntil("hello ")).isEqualTo("hello HUNG_UP");
            assertThat(awaitEnds()).singleElement().satisfies(e -> {
                assertThat(e.cause()).isEqualTo(HangupCause.NORMAL);
                assertThat(e.hungUpBy()).isEqualTo(CallEnd.Party.CALLER);
            });
            // the 3 s prompt had most of its length left: RTP must stop, not play on
            assertThat(rtpFallsSilent(phone.rtp, Duration.ofSeconds(2))).isTrue();
            assertThat(endpoint.activeCalls()).isZero();
        }
    }

    @Test
    void cancelBeforeAnswerGives487() throws Exception {
        script = call -> {
            while (!call.isGone()) {
                call.nextKey(Duration.ofSeconds(1));
            }
            events.add("script saw the call gone");
        };
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            phone.send(phone.invite("100", phone.defaultOffer()));
            phone.awaitResponse("INVITE", 180, WAIT);
            phone.send(phone.cancel("100"));
            assertThat(RawSipClient.status(phone.awaitResponse("CANCEL", 200, WAIT))).isEqualTo(200);
            assertThat(RawSipClient.status(phone.awaitResponse("INVITE", 300, WAIT))).isEqualTo(487);
            assertThat(pollUntil("script")).isEqualTo("script saw the call gone");
            assertThat(awaitEnds()).singleElement()
                    .satisfies(e -> assertThat(e.cause()).isEqualTo(HangupCause.CANCELLED));
        }
    }

    @Test
    void aRetransmittedInviteIsNotASecondCall() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            String invite = phone.invite("100", phone.defaultOffer());
            phone.send(invite);
            phone.send(invite);
            phone.awaitResponse("INVITE", 200, WAIT);
            phone.send(invite); // a late retransmission, after the 200
            phone.send(phone.ack("100"));
            receiveRtp(phone.rtp, 5);
            phone.send(phone.bye("100"));
            phone.awaitResponse("BYE", 200, WAIT);
            pollUntil("ended");
            assertThat(handled.get()).isEqualTo(1);
            assertThat(ends).hasSize(1);
        }
    }

    @Test
    void garbageAndMalformedRequestsAreAnsweredOrDroppedAndTheNextCallWorks() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            phone.send("\u0000\u0001garbage that is not SIP at all\r\n\r\n");
            String broken = phone.invite("100", phone.defaultOffer()).replace("CSeq: 1 INVITE", "CSeq: x INVITE");
            phone.send(broken);
            String reply = phone.receive(WAIT);
            assertThat(reply).as("a malformed request with a readable head gets 400").isNotNull();
            assertThat(RawSipClient.status(reply)).isEqualTo(400);
        }
        try (RawSipClient phone = new RawSipClient(port)) {
            answer(phone);
            assertThat(receiveRtp(phone.rtp, 3)).hasSize(3);
        }
    }

    @Test
    void noCommonCodecGives488WithTheReason() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            String offer = RawSipClient.sdpOffer(phone.rtp.getLocalPort(), "18", "a=rtpmap:18 G729/8000\r\n");
            phone.send(phone.invite("100", offer));
            String reply = phone.awaitResponse("INVITE", 300, WAIT);
            assertThat(RawSipClient.status(reply)).isEqualTo(488);
            assertThat(reply).contains("Warning: 305").contains("G729");
            phone.send(phone.invite("100", null).replace(phone.branch, phone.branch + "x"));
        }
        assertThat(handled.get()).isZero();
    }

    @Test
    void unknownNumberGives404() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            phone.send(phone.invite("404", phone.defaultOffer()));
            assertThat(RawSipClient.status(phone.awaitResponse("INVITE", 300, WAIT))).isEqualTo(404);
        }
        assertThat(handled.get()).isZero();
    }

    @Test
    void sipInfoCarriesKeys() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            answer(phone);
            phone.send(phone.info("100", "Signal=3\r\nDuration=160\r\n"));
            assertThat(RawSipClient.status(phone.awaitResponse("INFO", 200, WAIT))).isEqualTo(200);
            assertThat(pollUntil("key")).isEqualTo("key 3 sip-info");
            assertThat(pollUntil("nextKey")).isEqualTo("nextKey Key[key=3]");
            phone.ok(phone.awaitRequest("BYE", WAIT));
        }
    }

    private void answer(RawSipClient phone) throws IOException {
        phone.send(phone.invite("100", phone.defaultOffer()));
        phone.awaitResponse("INVITE", 200, WAIT);
        phone.send(phone.ack("100"));
    }

    /** The call ends reported so far, once there is at least one (observers run right after the hang-up). */
    private List<CallEnd> awaitEnds() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ends.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling with a deadline
        }
        return List.copyOf(ends);
    }

    private String pollUntil(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
                if (e.startsWith(prefix)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no event starting with '" + prefix + "'; saw " + seen);
    }

    private static List<RtpPacket> receiveRtp(DatagramSocket socket, int count) throws Exception {
        socket.setSoTimeout(5000);
        List<RtpPacket> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        while (out.size() < count) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            out.add(RtpPacket.parse(p.getData(), 0, p.getLength()));
        }
        return out;
    }

    /** True once a 300 ms window passes with no RTP, within {@code within}. */
    private static boolean rtpFallsSilent(DatagramSocket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoTimeout(300);
        byte[] buf = new byte[2048];
        while (System.nanoTime() < deadline) {
            try {
                socket.receive(new DatagramPacket(buf, buf.length));
            } catch (SocketTimeoutException e) {
                return true;
            }
        }
        return false;
    }

    private static void sendDigit(RawSipClient phone, int serverRtpPort, char digit) throws IOException {
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", serverRtpPort);
        long ts = 12345;
        int seq = 100;
        for (int i = 0; i < 6; i++) {
            boolean end = i >= 3;
            byte[] payload = TelephoneEvent.ofDigit(digit, end, 10, 160 * (Math.min(i, 3) + 1)).encode();
            byte[] pkt = new RtpPacket(101, i == 0, seq++, ts, 99, payload).encode();
            phone.rtp.send(new DatagramPacket(pkt, pkt.length, to));
        }
    }

    static short[] tone(int hz, int millis) {
        short[] s = new short[8 * millis];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return s;
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
