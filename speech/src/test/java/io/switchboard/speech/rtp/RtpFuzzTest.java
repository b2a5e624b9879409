package io.switchboard.speech.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RTP datagrams and RFC 4733 payloads as anyone on the network can send them: parsing gives a packet (whose
 * payload lies inside the datagram and which encodes back to an equal packet) or a {@link MalformedPacketException}.
 */
class RtpFuzzTest {

    private static final byte[] AUDIO = new RtpPacket(0, true, 1000, 160_000, 0x5157, new byte[160]).encode();
    private static final byte[] EVENT = new RtpPacket(101, false, 1001, 160_160, 0x5157,
            TelephoneEvent.ofDigit('7', false, 10, 320).encode()).encode();

    @Test
    void mutatedDatagramsParseOrFailWithMalformedPacket() {
        int cases = Fuzz.check("rtp-packet", RtpFuzzTest::datagram, Fuzz::describe, bytes -> {
            RtpPacket packet;
            try {
                packet = RtpPacket.parse(bytes, 0, bytes.length);
            } catch (MalformedPacketException e) {
                assertThat(e.getMessage()).isNotBlank();
                return;
            }
            assertThat(packet.payload().length).isLessThanOrEqualTo(bytes.length - RtpPacket.HEADER);
            byte[] encoded = packet.encode();
            assertThat(RtpPacket.parse(encoded, 0, encoded.length)).isEqualTo(packet);
        });
        assertThat(cases).isEqualTo(Fuzz.cases());
    }

    @Test
    void mutatedTelephoneEventsParseOrFailWithMalformedPacket() {
        int cases = Fuzz.check("rfc4733-event", random -> random.nextBoolean()
                ? Fuzz.mutate(random, TelephoneEvent.ofDigit('#', true, 10, 800).encode())
                : Fuzz.randomBytes(random, random.nextInt(8)), Fuzz::describe, payload -> {
                    TelephoneEvent event;
                    try {
                        event = TelephoneEvent.parse(payload);
                    } catch (MalformedPacketException e) {
                        assertThat(payload.length).isLessThan(4);
                        return;
                    }
                    assertThat(TelephoneEvent.parse(event.encode())).isEqualTo(event);
                    assertThat(event.digit().isPresent()).isEqualTo(event.event() < 16);
                });
        assertThat(cases).isEqualTo(Fuzz.cases());
    }

    private static byte[] datagram(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Fuzz.randomBytes(random, random.nextInt(200));
            case 1 -> Fuzz.mutate(random, EVENT);
            default -> Fuzz.mutate(random, AUDIO);
        };
    }
}
