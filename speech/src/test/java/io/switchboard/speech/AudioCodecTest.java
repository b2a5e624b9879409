package io.switchboard.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AudioCodecTest {

    @Test
    void silenceEncodesToTheWellKnownBytes() {
        assertThat(AudioCodec.PCMU.silence()).isEqualTo((byte) 0xFF);
        assertThat(AudioCodec.PCMA.silence()).isEqualTo((byte) 0xD5);
    }

    @Test
    void knownValuesFromG711() {
        // full-scale positive and negative μ-law codes
        assertThat(AudioCodec.PCMU.encode((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(AudioCodec.PCMU.encode((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(AudioCodec.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(AudioCodec.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(AudioCodec.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(AudioCodec.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
    }

    @Test
    void roundTripStaysWithinTheQuantisationStep() {
        for (AudioCodec codec : AudioCodec.values()) {
            for (int s = -32768; s <= 32767; s += 7) {
                short back = codec.decode(codec.encode((short) s));
                int tolerance = Math.max(16, Math.abs(s) / 16);
                assertThat(Math.abs(back - s)).as("%s sample %d -> %d", codec, s, back).isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @Test
    void everyByteDecodesAndReencodesToItself() {
        for (AudioCodec codec : AudioCodec.values()) {
            for (int b = 0; b < 256; b++) {
                byte enc = codec.encode(codec.decode((byte) b));
                // μ-law has two codes for zero (0x7F and 0xFF); all others are stable
                if (codec == AudioCodec.PCMU && (b == 0x7F)) {
                    continue;
                }
                assertThat(enc & 0xFF).as("%s byte %02x", codec, b).isEqualTo(b);
            }
        }
    }

    @Test
    void lookupByPayloadTypeAndName() {
        assertThat(AudioCodec.byPayloadType(8)).contains(AudioCodec.PCMA);
        assertThat(AudioCodec.byPayloadType(18)).isEmpty();
        assertThat(AudioCodec.byName("pcmu")).contains(AudioCodec.PCMU);
        assertThat(AudioCodec.byName("G729")).isEmpty();
    }
}
