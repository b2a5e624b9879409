package io.switchboard.ivr.sip;

import static io.switchboard.ivr.sip.EndpointUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flood at a reduced scale, over real SIP on loopback: INVITEs that never send their ACK fill every call
 * slot (a real caller gets 503 with Retry-After meanwhile) until timer H releases them, and a source sending INVITEs
 * faster than its rate gets 503 while another source's call is answered.
 */
class SipLimitsIT {

    private EndpointUnderTest server;
    private final List<RawSipClient> phones = new ArrayList<>();

    @AfterEach
    void stop() {
        phones.forEach(RawSipClient::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void unacknowledgedInvitesFillTheSlotsUntilTimerHReleasesThemAndARealCallerGetsThrough() throws Exception {
        server = new EndpointUnderTest(36000, c -> c.withLimits(c.limits().withMaxCalls(3)
                .withAckTimeout(Duration.ofSeconds(2)).withInviteRate(1000, 1000)));
        for (int i = 0; i < 3; i++) {
            RawSipClient flooder = phone(InetAddress.getLoopbackAddress());
            flooder.send(flooder.invite("100", flooder.defaultOffer()));
            assertThat(RawSipClient.status(flooder.awaitResponse("INVITE", 200, WAIT))).isEqualTo(200);
            // ... and no ACK, ever
        }
        assertThat(server.endpoint.capacity()).isEqualTo(new SipCapacity(3, 3));
        assertThat(server.endpoint.capacity().exhausted()).isTrue();

        RawSipClient caller = phone(InetAddress.getLoopbackAddress());
        caller.send(caller.invite("100", caller.defaultOffer()));
        String refused = caller.awaitResponse("INVITE", 300, WAIT);
        assertThat(RawSipClient.status(refused)).isEqualTo(503);
        assertThat(refused).contains("Retry-After: 5");
        assertThat(server.endpoint.refusals().count(SipRefusal.CAPACITY)).isEqualTo(1);

        List<CallEnd> ends = server.awaitEnds(3, Duration.ofSeconds(20));
        assertThat(ends).allSatisfy(e -> {
            assertThat(e.cause()).isEqualTo(HangupCause.NO_ACK);
            assertThat(e.hungUpBy()).isEqualTo(CallEnd.Party.SYSTEM);
        });
        awaitFreeSlots(3);

        RawSipClient retry = phone(InetAddress.getLoopbackAddress());
        retry.send(retry.invite("100", retry.defaultOffer()));
        assertThat(RawSipClient.status(retry.awaitResponse("INVITE", 200, WAIT))).isEqualTo(200);
        retry.send(retry.ack("100"));
        retry.rtp.setSoTimeout((int) WAIT.toMillis());
        retry.rtp.receive(new DatagramPacket(new byte[2048], 2048)); // the prompt streams
        retry.send(retry.bye("100"));
        assertThat(RawSipClient.status(retry.awaitResponse("BYE", 200, WAIT))).isEqualTo(200);
    }

    @Test
    void aFloodingSourceGets503WithRetryAfterWhileAnotherSourcesCallIsAnswered() throws Exception {
        server = new EndpointUnderTest(37000, c -> c.withLimits(c.limits().withInviteRate(0.1, 3)));
        InetAddress flood = InetAddress.getByName("127.0.0.2");
        int refused = 0;
        int answered = 0;
        for (int i = 0; i < 8; i++) {
            RawSipClient flooder = phone(flood);
            flooder.send(flooder.invite("100", flooder.defaultOffer()));
            String reply = flooder.awaitResponse("INVITE", 200, WAIT);
            if (RawSipClient.status(reply) == 503) {
                assertThat(reply).contains("Retry-After: 5");
                refused++;
            } else {
                assertThat(RawSipClient.status(reply)).isEqualTo(200);
                answered++;
            }
        }
        assertThat(answered).as("the burst").isBetween(3, 4);
        assertThat(refused).isEqualTo(8 - answered);
        assertThat(server.endpoint.refusals().count(SipRefusal.RATE_LIMITED)).isEqualTo(refused);

        RawSipClient other = phone(InetAddress.getLoopbackAddress());
        other.send(other.invite("100", other.defaultOffer()));
        assertThat(RawSipClient.status(other.awaitResponse("INVITE", 200, WAIT))).isEqualTo(200);
        other.send(other.ack("100"));
        other.send(other.bye("100"));
        assertThat(RawSipClient.status(other.awaitResponse("BYE", 200, WAIT))).isEqualTo(200);
    }

    private RawSipClient phone(InetAddress local) throws Exception {
        RawSipClient phone = new RawSipClient(server.port, local);
        phones.add(phone);
        return phone;
    }

    private void awaitFreeSlots(int free) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.endpoint.capacity().free() < free && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling with a deadline
        }
        assertThat(server.endpoint.capacity().free()).isEqualTo(free);
    }
}
