package io.switchboard.ivr.sip;

import static io.switchboard.ivr.sip.EndpointUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.media.RtpDrop;
import io.switchboard.ivr.media.RtpSourcePolicy;
import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Media only from the caller, over real UDP on loopback: RTP from another port, in a payload type the SDP did not
 * negotiate, or not RTP at all, presses no key and does not keep a dead call alive.
 */
class CallerMediaIT {

    private EndpointUnderTest server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aForgedRfc4733KeyFromAnotherPortPressesNothing() throws Exception {
        server = new EndpointUnderTest(32000, c -> c);
        try (RawSipClient phone = new RawSipClient(server.port); DatagramSocket forger = loopbackSocket()) {
            int rtpPort = answer(phone);
            new CallerMedia(forger, rtpPort).pressKey('9'); // same IP, another port: what the issue saw
            new CallerMedia(phone.rtp, rtpPort).pressKey('7');
            assertThat(server.nextKey()).as("the first key the call takes").isEqualTo("7 rfc4733");
            assertThat(server.endpoint.rtpDrops().count(RtpDrop.WRONG_SOURCE)).isGreaterThanOrEqualTo(6);
            hangUp(phone);
        }
    }

    @Test
    void aPacketInAPayloadTypeNotNegotiatedOrNotRtpAtAllIsIgnored() throws Exception {
        server = new EndpointUnderTest(33000, c -> c);
        try (RawSipClient phone = new RawSipClient(server.port)) {
            int rtpPort = answer(phone);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", rtpPort);
            byte[] b = new RtpPacket(96, true, 7, 4242, 1, TelephoneEvent.ofDigit('B', false, 10, 160).encode())
                    .encode(); // a "random" packet that pressed B before: payload type 96 was never negotiated
            phone.rtp.send(new DatagramPacket(b, b.length, to));
            byte[] junk = new byte[40];
            new Random(7).nextBytes(junk);
            junk[0] = 0x10; // RTP version 0
            phone.rtp.send(new DatagramPacket(junk, junk.length, to));
            new CallerMedia(phone.rtp, rtpPort).pressKey('7');
            assertThat(server.nextKey()).isEqualTo("7 rfc4733");
            assertThat(server.endpoint.rtpDrops().count(RtpDrop.PAYLOAD_TYPE)).isGreaterThanOrEqualTo(1);
            assertThat(server.endpoint.rtpDrops().count(RtpDrop.MALFORMED)).isGreaterThanOrEqualTo(1);
            hangUp(phone);
        }
    }

    @Test
    void junkFromElsewhereDoesNotKeepADeadCallAlivePastTheMediaTimeout() throws Exception {
        server = new EndpointUnderTest(34000, c -> new SipEndpointConfig(c.bindAddress(), c.port(), c.rtpPortMin(),
                c.rtpPortMax(), Duration.ofSeconds(2), c.rtpSource(), c.limits()));
        AtomicBoolean sending = new AtomicBoolean(true);
        try (RawSipClient phone = new RawSipClient(server.port); DatagramSocket junk = loopbackSocket()) {
            int rtpPort = answer(phone);
            Thread junkSender = Thread.ofVirtual().start(() -> {
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", rtpPort);
                int seq = 0;
                while (sending.get()) {
                    byte[] audio = new RtpPacket(0, false, seq++, 160L * seq, 9, new byte[160]).encode();
                    byte[] badType = new RtpPacket(13, false, seq, 160L * seq, 9, new byte[1]).encode();
                    try {
                        junk.send(new DatagramPacket(audio, audio.length, to)); // well-formed, wrong source
                        phone.rtp.send(new DatagramPacket(badType, badType.length, to)); // caller's port, bad type
                        Thread.sleep(20); // a packet stream's pace
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            CallEnd end = server.awaitEnds(1, Duration.ofSeconds(20)).getFirst();
            sending.set(false);
            junkSender.join();
            assertThat(end.cause()).isEqualTo(HangupCause.MEDIA_TIMEOUT);
            assertThat(end.hungUpBy()).as("the server ended it, not the caller").isEqualTo(CallEnd.Party.SYSTEM);
            phone.ok(phone.awaitRequest("BYE", WAIT));
            assertThat(server.endpoint.rtpDrops().count(RtpDrop.WRONG_SOURCE)).isPositive();
        }
    }

    @Test
    void latchingTakesTheFirstPortOnTheSignalledAddressAndSendsThere() throws Exception {
        server = new EndpointUnderTest(35000, c -> c.withRtpSource(RtpSourcePolicy.LATCH));
        try (RawSipClient phone = new RawSipClient(server.port); DatagramSocket announced = loopbackSocket();
                DatagramSocket forger = loopbackSocket()) {
            // the SDP names a port the phone never sends from, as behind a NAT
            phone.send(phone.invite("100", phone.offerFor(announced.getLocalPort())));
            int rtpPort = RawSipClient.mediaPort(phone.awaitResponse("INVITE", 200, WAIT));
            phone.send(phone.ack("100"));
            CallerMedia caller = new CallerMedia(phone.rtp, rtpPort);
            caller.pressKey('4');
            assertThat(server.nextKey()).isEqualTo("4 rfc4733");
            new CallerMedia(forger, rtpPort).pressKey('9');
            caller.pressKey('5');
            assertThat(server.nextKey()).as("the latched port only").isEqualTo("5 rfc4733");
            phone.rtp.setSoTimeout((int) WAIT.toMillis());
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            phone.rtp.receive(p);
            assertThat(p.getPort()).as("our RTP comes from the call's port, to the latched one").isEqualTo(rtpPort);
            hangUp(phone);
        }
    }

    private static int answer(RawSipClient phone) throws Exception {
        phone.send(phone.invite("100", phone.defaultOffer()));
        int rtpPort = RawSipClient.mediaPort(phone.awaitResponse("INVITE", 200, WAIT));
        phone.send(phone.ack("100"));
        return rtpPort;
    }

    private static void hangUp(RawSipClient phone) throws Exception {
        phone.send(phone.bye("100"));
        phone.awaitResponse("BYE", 200, WAIT);
    }

    private static DatagramSocket loopbackSocket() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
