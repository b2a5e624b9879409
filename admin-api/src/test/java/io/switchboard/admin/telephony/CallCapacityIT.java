package io.switchboard.admin.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.call.Dialer;
import io.switchboard.ivr.testing.TestDatabase;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server with room for one call: while it is taken, /actuator/health says OUT_OF_SERVICE (HTTP 503) with the
 * capacity used and free, a second caller gets 503 with Retry-After, and the meters count it; once the call ends,
 * health is UP again. Malformed SIP and forged RTP are counted too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.sip.max-calls=1", "switchboard.rtp.port-min=41000",
            "switchboard.rtp.port-max=41999",
            "switchboard.outbound.uri=sip:{number}@127.0.0.1:5999"})
@DirtiesContext
class CallCapacityIT {

    private static final TestDatabase DB = TestDatabase.create(CallCapacityIT.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int httpPort;

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Dialer dialer;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    @Test
    void healthAndMetersShowWhenNoCallCanBeTaken() throws Exception {
        JsonNode sip = sipHealth(200);
        assertThat(sip.get("status").stringValue()).isEqualTo("UP");
        assertThat(sip.get("details").get("callCapacity").asInt()).isEqualTo(1);
        assertThat(sip.get("details").get("callsFree").asInt()).isEqualTo(1);
        assertThat(meters.get("switchboard.calls.capacity").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("switchboard.calls.active").gauge().value()).isZero();

        try (Phone first = new Phone(); Phone second = new Phone()) {
            first.send(first.request("INVITE"));
            String ok = first.await(200);
            JsonNode full = sipHealth(503);
            assertThat(full.get("status").stringValue()).isEqualTo("OUT_OF_SERVICE");
            assertThat(full.get("details").get("callsActive").asInt()).isEqualTo(1);
            assertThat(full.get("details").get("callsFree").asInt()).isZero();
            assertThat(meters.get("switchboard.calls.active").gauge().value()).isEqualTo(1.0);

            second.send(second.request("INVITE"));
            assertThat(second.await(300)).startsWith("SIP/2.0 503 ").contains("Retry-After: 5");
            assertThat(refused("capacity")).isEqualTo(1.0);

            Matcher rtp = Pattern.compile("m=audio (\\d+) ").matcher(ok);
            assertThat(rtp.find()).isTrue();
            byte[] forged = {(byte) 0x80, 101, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 0, 0, (byte) 160};
            second.rtp.send(new DatagramPacket(forged, forged.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(rtp.group(1)))));

            first.toTag = toTag(ok);
            first.send(first.request("ACK"));
            first.send(first.request("BYE"));
            first.await(200);
        }
        assertThat(awaitSipHealth("UP").get("details").get("callsFree").asInt()).isEqualTo(1);
        assertThat(meters.get("switchboard.rtp.dropped").tag("reason", "wrong-source").functionCounter().count())
                .isGreaterThanOrEqualTo(1.0);

        try (Phone broken = new Phone()) {
            broken.send(broken.request("INVITE").replaceFirst("Call-ID: [^\r]+\r\n", ""));
            assertThat(broken.await(400)).startsWith("SIP/2.0 400 Missing Call-ID header");
        }
        assertThat(refused("malformed")).isEqualTo(1.0);
    }

    @Test
    void agentsPhonesAreChallengedInTheRealmTheAcdKeepsSecretsForAndTheDialerChecksNumbers() throws Exception {
        try (Phone phone = new Phone()) {
            phone.send(phone.request("REGISTER"));
            assertThat(phone.await(200)).startsWith("SIP/2.0 401 ").contains("realm=\"switchboard\"");
        }
        assertThat(dialer.dial(new Dialer.DialTarget.Number("x"), "100", java.util.Map.of(), Duration.ofSeconds(1))
                .get()).isEqualTo(new Dialer.Dialled.Failed(
                        "not a number to dial: 3-20 digits with an optional leading +"));
    }

    private double refused(String reason) {
        return meters.get("switchboard.calls.refused").tag("reason", reason).functionCounter().count();
    }

    private JsonNode sipHealth(int httpStatus) {
        TestServer.Reply reply = TestServer.get(httpPort, "/actuator/health");
        assertThat(reply.status()).isEqualTo(httpStatus);
        return reply.json().get("components").get("sip");
    }

    private JsonNode awaitSipHealth(String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode sip = TestServer.get(httpPort, "/actuator/health").json().get("components").get("sip");
            if (sip.get("status").stringValue().equals(status)) {
                return sip;
            }
            assertThat(System.nanoTime()).as("sip health " + status).isLessThan(deadline);
            Thread.sleep(50); // polling with a deadline
        }
    }

    private static String toTag(String response) {
        Matcher m = Pattern.compile("(?m)^To:.*;tag=([^;\\s]+)").matcher(response);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A caller writing SIP by hand over UDP on loopback, dialing 100 (the hotline). */
    private final class Phone implements AutoCloseable {
        final DatagramSocket sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final String callId = UUID.randomUUID() + "@capacity";
        String toTag;
        int cseq;

        Phone() throws IOException {}

        String request(String method) {
            int port = sip.getLocalPort();
            int number = method.equals("ACK") ? cseq : ++cseq;
            String sdp = method.equals("INVITE") ? "v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio " + rtp.getLocalPort() + " RTP/AVP 0 101\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\n" : "";
            return method + " sip:100@127.0.0.1:" + properties.sip().port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:5550199@127.0.0.1:" + port + ">;tag=p" + port + "\r\n"
                    + "To: <sip:100@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + number + " " + method + "\r\n"
                    + "Contact: <sip:5550199@127.0.0.1:" + port + ">\r\n"
                    + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        }

        void send(String message) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            sip.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    properties.sip().port())));
        }

        /** The next response with a status of at least {@code min}. */
        String await(int min) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            byte[] buf = new byte[65_535];
            while (System.nanoTime() < deadline) {
                sip.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    sip.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String msg = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                if (msg.startsWith("SIP/2.0 ") && Integer.parseInt(msg.substring(8, 11)) >= min) {
                    return msg;
                }
            }
            throw new AssertionError("no response >= " + min + " within " + WAIT);
        }

        @Override
        public void close() {
            sip.close();
            rtp.close();
        }
    }
}
