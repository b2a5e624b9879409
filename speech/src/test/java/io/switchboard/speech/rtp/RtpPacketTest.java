package io.switchboard.speech.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void encodesAndParsesEveryField() throws Exception {
        RtpPacket p = new RtpPacket(8, true, 65535, 0xFFFFFFF0L, 0xDEADBEEFL, new byte[] {1, 2, 3});
        byte[] wire = p.encode();
        assertThat(wire).startsWith((byte) 0x80, (byte) 0x88, (byte) 0xFF, (byte) 0xFF);
        RtpPacket back = RtpPacket.parse(wire, 0, wire.length);
        assertThat(back).isEqualTo(p);
        assertThat(back.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(back.ssrc()).isEqualTo(0xDEADBEEFL);
    }

    @Test
    void skipsCsrcsAndExtensionAndRemovesPadding() throws Exception {
        byte[] wire = {
            (byte) 0xB1, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0, 1, // V=2 P=1 X=1 CC=1, pt 0
            0, 0, 0, 42,                                   // CSRC
            (byte) 0xBE, (byte) 0xDE, 0, 1, 1, 2, 3, 4,    // extension: one word
            7, 8,                                          // payload
            0, 2                                           // two bytes of padding
        };
        RtpPacket p = RtpPacket.parse(wire, 0, wire.length);
        assertThat(p.payload()).containsExactly(7, 8);
        assertThat(p.sequence()).isEqualTo(5);
    }

    @Test
    void parsesAtAnOffsetInsideALargerBuffer() throws Exception {
        byte[] wire = new RtpPacket(0, false, 1, 160, 7, new byte[160]).encode();
        byte[] big = new byte[500];
        System.arraycopy(wire, 0, big, 100, wire.length);
        assertThat(RtpPacket.parse(big, 100, wire.length).payload()).hasSize(160);
    }

    @Test
    void refusesShortWrongVersionAndOverrunningHeaders() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[11], 0, 11))
                .hasMessage("too short for an RTP header: 11 bytes");
        assertThatThrownBy(() -> RtpPacket.parse(new byte[12], 0, 12)).hasMessage("not RTP version 2 (version 0)");
        byte[] csrc = new byte[12];
        csrc[0] = (byte) 0x8F;
        assertThatThrownBy(() -> RtpPacket.parse(csrc, 0, 12)).hasMessage("CSRC list (15) runs past the packet");
        byte[] pad = new byte[13];
        pad[0] = (byte) 0xA0;
        pad[12] = 99;
        assertThatThrownBy(() -> RtpPacket.parse(pad, 0, 13)).hasMessage("bad padding length 99");
    }

    @Test
    void randomBytesNeverThrowAnythingButMalformedPacket() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
            }
            try {
                RtpPacket.parse(b, 0, b.length);
            } catch (MalformedPacketException expected) {
                // fine: the only way to fail
            } catch (RuntimeException e) {
                throw new AssertionError("input " + Arrays.toString(b), e);
            }
        }
    }

    @Test
    void telephoneEventRoundTripAndDigits() throws Exception {
        TelephoneEvent e = TelephoneEvent.ofDigit('#', true, 10, 800);
        assertThat(e.encode()).containsExactly(11, 0x8A, 0x03, 0x20);
        assertThat(TelephoneEvent.parse(e.encode())).isEqualTo(e);
        assertThat(e.digit()).contains('#');
        assertThat(new TelephoneEvent(16, false, 0, 0).digit()).isEmpty();
        // SIPp's dtmf_2833_1.pcap end packet payload
        TelephoneEvent sipp = TelephoneEvent.parse(new byte[] {1, (byte) 0x8a, 0x08, (byte) 0xc0});
        assertThat(sipp.digit()).contains('1');
        assertThat(sipp.end()).isTrue();
        assertThat(sipp.duration()).isEqualTo(2240);
        assertThatThrownBy(() -> TelephoneEvent.parse(new byte[3]))
                .hasMessage("telephone-event payload needs 4 bytes, got 3");
        assertThatThrownBy(() -> TelephoneEvent.ofDigit('x', false, 0, 0)).hasMessage("not a DTMF key: 'x'");
    }
}
