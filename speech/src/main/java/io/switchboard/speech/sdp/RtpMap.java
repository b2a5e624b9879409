package io.switchboard.speech.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * An {@code a=rtpmap} entry: payload type → encoding name, clock rate and optional parameters (channels).
 *
 * @param params empty when absent
 */
public record RtpMap(int payloadType, String encoding, int clockRate, String params) {

    public RtpMap {
        Objects.requireNonNull(encoding, "encoding");
        params = params == null ? "" : params;
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
    }

    public static RtpMap of(int payloadType, String encoding, int clockRate) {
        return new RtpMap(payloadType, encoding, clockRate, "");
    }

    /** The implicit mapping of a static payload type (RFC 3551) we know, or null. */
    static RtpMap staticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> of(0, "PCMU", 8000);
            case 8 -> of(8, "PCMA", 8000);
            case 9 -> of(9, "G722", 8000);
            case 18 -> of(18, "G729", 8000);
            default -> null;
        };
    }

    /** Parses the value after {@code a=rtpmap:}, for example {@code 101 telephone-event/8000}. */
    static RtpMap parse(String value) throws SdpException {
        String[] parts = value.strip().split("\\s+", 2);
        if (parts.length != 2) {
            throw new SdpException("rtpmap needs '<pt> <encoding>/<rate>': " + value);
        }
        int pt = SessionDescription.parseInt(parts[0], "rtpmap payload type", 0, 127);
        String[] enc = parts[1].split("/", 3);
        if (enc.length < 2 || enc[0].isEmpty()) {
            throw new SdpException("rtpmap needs '<encoding>/<rate>': " + value);
        }
        int rate = SessionDescription.parseInt(enc[1], "rtpmap clock rate", 1, 10_000_000);
        return new RtpMap(pt, enc[0], rate, enc.length == 3 ? enc[2] : "");
    }

    /** Whether this is the named encoding (case-insensitive) at the given rate. */
    public boolean is(String name, int rate) {
        return encoding.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && clockRate == rate;
    }

    String encode() {
        return payloadType + " " + encoding + "/" + clockRate + (params.isEmpty() ? "" : "/" + params);
    }
}
