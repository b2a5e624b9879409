package io.switchboard.speech.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code m=} section with what telephony reads from it.
 *
 * @param media             {@code audio}, {@code video}, …
 * @param port              the media port (0 = rejected stream)
 * @param protocol          {@code RTP/AVP}, …
 * @param formats           payload types in preference order
 * @param connectionAddress this section's {@code c=} address, or null to use the session's
 * @param rtpMaps           the explicit {@code a=rtpmap} entries
 * @param fmtp              {@code a=fmtp} by payload type
 * @param direction         {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}, or null if absent
 * @param ptime             {@code a=ptime} in ms, or 0 when absent
 * @param otherAttributes   other {@code a=} lines, without the {@code a=}, kept as they came
 */
public record MediaDescription(String media, int port, String protocol, List<Integer> formats,
        String connectionAddress, List<RtpMap> rtpMaps, Map<Integer, String> fmtp, String direction, int ptime,
        List<String> otherAttributes) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        rtpMaps = List.copyOf(rtpMaps);
        fmtp = Map.copyOf(fmtp);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** An audio section offering or answering {@code formats} in that order, sendrecv, 20 ms. */
    public static MediaDescription audio(int port, List<RtpMap> formats) {
        List<Integer> pts = new ArrayList<>();
        Map<Integer, String> fmtp = new LinkedHashMap<>();
        for (RtpMap f : formats) {
            pts.add(f.payloadType());
            if (f.is("telephone-event", 8000)) {
                fmtp.put(f.payloadType(), "0-16");
            }
        }
        return new MediaDescription("audio", port, "RTP/AVP", pts, null, formats, fmtp, "sendrecv", 20, List.of());
    }

    /** The mapping of a payload type: explicit {@code a=rtpmap}, else the static one (0 = PCMU, 8 = PCMA). */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (RtpMap m : rtpMaps) {
            if (m.payloadType() == payloadType) {
                return Optional.of(m);
            }
        }
        return Optional.ofNullable(RtpMap.staticType(payloadType));
    }

    /** The formats with their mappings, in preference order; formats with no known mapping are left out. */
    public List<RtpMap> offeredFormats() {
        List<RtpMap> out = new ArrayList<>();
        for (int pt : formats) {
            rtpMap(pt).ifPresent(out::add);
        }
        return out;
    }

    void encode(StringBuilder out) {
        out.append("m=").append(media).append(' ').append(port).append(' ').append(protocol);
        formats.forEach(f -> out.append(' ').append(f));
        out.append("\r\n");
        if (connectionAddress != null) {
            out.append("c=IN IP4 ").append(connectionAddress).append("\r\n");
        }
        for (RtpMap m : rtpMaps) {
            out.append("a=rtpmap:").append(m.encode()).append("\r\n");
            String params = fmtp.get(m.payloadType());
            if (params != null) {
                out.append("a=fmtp:").append(m.payloadType()).append(' ').append(params).append("\r\n");
            }
        }
        if (ptime > 0) {
            out.append("a=ptime:").append(ptime).append("\r\n");
        }
        otherAttributes.forEach(a -> out.append("a=").append(a).append("\r\n"));
        if (direction != null) {
            out.append("a=").append(direction).append("\r\n");
        }
    }
}
