package io.switchboard.speech.rtp;

import java.util.Optional;

/**
 * An RFC 4733 telephone-event payload: a DTMF key, whether this packet ends the event, its volume and its duration
 * so far (in timestamp units). All packets of one key press share one RTP timestamp; the end packet is usually
 * sent three times.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    private static final String KEYS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event out of range: " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    public static TelephoneEvent parse(byte[] payload) throws MalformedPacketException {
        if (payload == null || payload.length < 4) {
            throw new MalformedPacketException("telephone-event payload needs 4 bytes, got "
                    + (payload == null ? 0 : payload.length));
        }
        int event = payload[0] & 0xFF;
        boolean end = (payload[1] & 0x80) != 0;
        int volume = payload[1] & 0x3F;
        int duration = ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        return new TelephoneEvent(event, end, volume, duration);
    }

    public byte[] encode() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8),
            (byte) duration};
    }

    /** The key this event stands for: events 0–15 are 0–9, *, #, A–D. */
    public Optional<Character> digit() {
        return event < KEYS.length() ? Optional.of(KEYS.charAt(event)) : Optional.empty();
    }

    public static TelephoneEvent ofDigit(char key, boolean end, int volume, int duration) {
        int event = KEYS.indexOf(Character.toUpperCase(key));
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
        }
        return new TelephoneEvent(event, end, volume, duration);
    }
}
