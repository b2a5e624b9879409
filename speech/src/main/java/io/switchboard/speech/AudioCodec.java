package io.switchboard.speech;

import java.util.Locale;
import java.util.Optional;

/**
 * The G.711 codecs telephony speaks (ITU-T G.711): 8 kHz, one byte per sample, static RTP payload types.
 * Encoding is deterministic, so the same audio always yields the same bytes on every side of a call.
 */
public enum AudioCodec {
    /** μ-law, RTP payload type 0. */
    PCMU(0, "PCMU") {
        @Override
        public byte encode(short sample) {
            return ulaw(sample);
        }

        @Override
        public short decode(byte b) {
            return ULAW_DECODE[b & 0xFF];
        }
    },
    /** A-law, RTP payload type 8. */
    PCMA(8, "PCMA") {
        @Override
        public byte encode(short sample) {
            return alaw(sample);
        }

        @Override
        public short decode(byte b) {
            return ALAW_DECODE[b & 0xFF];
        }
    };

    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = ulawToLinear((byte) i);
            ALAW_DECODE[i] = alawToLinear((byte) i);
        }
    }

    private final int payloadType;
    private final String encodingName;

    AudioCodec(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    /** The static RTP payload type (RFC 3551). */
    public int payloadType() {
        return payloadType;
    }

    /** The SDP encoding name ({@code PCMU}, {@code PCMA}). */
    public String encodingName() {
        return encodingName;
    }

    /** Encodes one 16-bit linear sample. */
    public abstract byte encode(short sample);

    /** Decodes one byte to a 16-bit linear sample. */
    public abstract short decode(byte b);

    /** The encoding of digital silence (a zero sample). */
    public byte silence() {
        return encode((short) 0);
    }

    public static Optional<AudioCodec> byPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.payloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    public static Optional<AudioCodec> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (AudioCodec codec : values()) {
            if (codec.encodingName.equals(upper)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    private static byte ulaw(short sample) {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    private static short ulawToLinear(byte encoded) {
        int u = ~encoded & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = ((mantissa << 3) + ULAW_BIAS) << exponent;
        magnitude -= ULAW_BIAS;
        return (short) (sign != 0 ? -magnitude : magnitude);
    }

    private static byte alaw(short sample) {
        int pcm = sample;
        int sign = pcm >= 0 ? 0x80 : 0x00;
        if (pcm < 0) {
            pcm = -pcm - 1;
        }
        if (pcm > 32767) {
            pcm = 32767;
        }
        int encoded;
        if (pcm < 256) {
            encoded = pcm >> 4;
        } else {
            int exponent = 1;
            for (int v = pcm >> 8; v > 1; v >>= 1) {
                exponent++;
            }
            int mantissa = (pcm >> (exponent + 3)) & 0x0F;
            encoded = (exponent << 4) | mantissa;
        }
        return (byte) ((sign | encoded) ^ 0x55);
    }

    private static short alawToLinear(byte encoded) {
        int a = (encoded ^ 0x55) & 0xFF;
        int sign = a & 0x80;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) (sign != 0 ? magnitude : -magnitude);
    }
}
