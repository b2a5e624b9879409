package io.switchboard.speech.rtp;

import java.util.Arrays;

/**
 * One RTP packet (RFC 3550, version 2). Parsing skips CSRCs and a header extension and removes padding; encoding
 * writes the fixed 12-byte header and the payload.
 *
 * @param payloadType 0–127
 * @param marker      the marker bit (start of a talkspurt for audio)
 * @param sequence    0–65535
 * @param timestamp   0–2^32-1, in samples
 * @param ssrc        0–2^32-1
 * @param payload     the payload bytes (not copied)
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {

    /** The fixed header length. */
    public static final int HEADER = 12;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        sequence &= 0xFFFF;
        timestamp &= 0xFFFFFFFFL;
        ssrc &= 0xFFFFFFFFL;
    }

    public static RtpPacket parse(byte[] buf, int offset, int length) throws MalformedPacketException {
        if (buf == null || offset < 0 || length < 0 || offset + length > buf.length) {
            throw new MalformedPacketException("bad buffer bounds");
        }
        if (length < HEADER) {
            throw new MalformedPacketException("too short for an RTP header: " + length + " bytes");
        }
        int b0 = buf[offset] & 0xFF;
        if ((b0 >> 6) != 2) {
            throw new MalformedPacketException("not RTP version 2 (version " + (b0 >> 6) + ")");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = buf[offset + 1] & 0xFF;
        int seq = ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
        long ts = readUnsigned32(buf, offset + 4);
        long ssrc = readUnsigned32(buf, offset + 8);
        int pos = HEADER + 4 * csrcCount;
        if (pos > length) {
            throw new MalformedPacketException("CSRC list (" + csrcCount + ") runs past the packet");
        }
        if (extension) {
            if (pos + 4 > length) {
                throw new MalformedPacketException("header extension runs past the packet");
            }
            int words = ((buf[offset + pos + 2] & 0xFF) << 8) | (buf[offset + pos + 3] & 0xFF);
            pos += 4 + 4 * words;
            if (pos > length) {
                throw new MalformedPacketException("header extension runs past the packet");
            }
        }
        int end = length;
        if (padding) {
            int pad = buf[offset + length - 1] & 0xFF;
            if (pad == 0 || pos + pad > length) {
                throw new MalformedPacketException("bad padding length " + pad);
            }
            end -= pad;
        }
        byte[] payload = Arrays.copyOfRange(buf, offset + pos, offset + end);
        return new RtpPacket(b1 & 0x7F, (b1 & 0x80) != 0, seq, ts, ssrc, payload);
    }

    /** Writes the packet into {@code out} at {@code offset}; returns its length. */
    public int encodeInto(byte[] out, int offset) {
        out[offset] = (byte) 0x80;
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[offset + 2] = (byte) (sequence >> 8);
        out[offset + 3] = (byte) sequence;
        writeUnsigned32(out, offset + 4, timestamp);
        writeUnsigned32(out, offset + 8, ssrc);
        System.arraycopy(payload, 0, out, offset + HEADER, payload.length);
        return HEADER + payload.length;
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER + payload.length];
        encodeInto(out, 0);
        return out;
    }

    static long readUnsigned32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    static void writeUnsigned32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.payloadType == payloadType && p.marker == marker
                && p.sequence == sequence && p.timestamp == timestamp && p.ssrc == ssrc
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sequence + Long.hashCode(timestamp)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? " M" : "") + " seq=" + sequence + " ts=" + timestamp
                + " ssrc=" + ssrc + " " + payload.length + " bytes]";
    }
}
