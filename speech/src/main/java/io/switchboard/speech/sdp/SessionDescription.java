package io.switchboard.speech.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A session description (RFC 4566/8866) with the parts SIP calls use: origin, session connection address, and
 * media sections. Lines we do not interpret survive parsing and encoding. Parsing accepts CRLF or LF line ends and
 * refuses what a call could not use with an {@link SdpException} naming the line.
 *
 * @param originUser        o= username
 * @param sessionId         o= session id
 * @param sessionVersion    o= session version
 * @param originAddress     o= unicast address
 * @param sessionName       s=
 * @param connectionAddress session-level c= address, or null
 * @param media             the m= sections in order
 */
public record SessionDescription(String originUser, long sessionId, long sessionVersion, String originAddress,
        String sessionName, String connectionAddress, List<MediaDescription> media) {

    private static final int MAX_LENGTH = 64 * 1024;
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?=.{2,45}$)[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

    public SessionDescription {
        Objects.requireNonNull(originUser, "originUser");
        Objects.requireNonNull(originAddress, "originAddress");
        Objects.requireNonNull(sessionName, "sessionName");
        media = List.copyOf(media);
    }

    /** A one-stream audio description, as an offer or an answer. */
    public static SessionDescription audio(String address, int port, List<RtpMap> formats, long sessionId) {
        return new SessionDescription("switchboard", sessionId, sessionId, address, "Switchboard", address,
                List.of(MediaDescription.audio(port, formats)));
    }

    public static SessionDescription parse(String text) throws SdpException {
        if (text == null || text.isBlank()) {
            throw new SdpException("empty session description");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SdpException("session description longer than " + MAX_LENGTH + " characters");
        }
        String[] lines = text.split("\r?\n", -1);
        Builder b = new Builder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("line " + (i + 1) + ": not '<type>=<value>': " + abbreviate(line));
            }
            try {
                b.line(line.charAt(0), line.substring(2));
            } catch (SdpException e) {
                throw new SdpException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return b.build();
    }

    /**
     * Where to send this description's first audio stream; empty when it has no port or its connection address is
     * not an IP address. Host names are never resolved: a caller's SDP must not make the server query DNS.
     */
    public Optional<InetSocketAddress> audioTarget() {
        for (MediaDescription m : media) {
            if (m.media().equals("audio") && m.port() > 0) {
                String address = m.connectionAddress() != null ? m.connectionAddress() : connectionAddress;
                return ipLiteral(address).map(ip -> new InetSocketAddress(ip, m.port()));
            }
        }
        return Optional.empty();
    }

    /** {@code text} as an address when it is an IPv4 or IPv6 literal (no DNS lookup is made for anything else). */
    static Optional<InetAddress> ipLiteral(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The first audio section, if any. */
    public Optional<MediaDescription> audio() {
        return media.stream().filter(m -> m.media().equals("audio")).findFirst();
    }

    public String encode() {
        StringBuilder out = new StringBuilder(256);
        out.append("v=0\r\n");
        out.append("o=").append(originUser).append(' ').append(sessionId).append(' ').append(sessionVersion)
                .append(" IN IP4 ").append(originAddress).append("\r\n");
        out.append("s=").append(sessionName.isEmpty() ? "-" : sessionName).append("\r\n");
        if (connectionAddress != null) {
            out.append("c=IN IP4 ").append(connectionAddress).append("\r\n");
        }
        out.append("t=0 0\r\n");
        media.forEach(m -> m.encode(out));
        return out.toString();
    }

    static int parseInt(String s, String what, int min, int max) throws SdpException {
        try {
            long v = Long.parseLong(s.strip());
            if (v < min || v > max) {
                throw new SdpException(what + " out of range: " + abbreviate(s));
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new SdpException(what + " is not a number: " + abbreviate(s));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static String address(String value) throws SdpException {
        String[] parts = value.strip().split("\\s+");
        if (parts.length != 3 || !parts[0].equals("IN") || !(parts[1].equals("IP4") || parts[1].equals("IP6"))) {
            throw new SdpException("connection needs 'IN IP4 <address>': " + abbreviate(value));
        }
        String addr = parts[2];
        int slash = addr.indexOf('/');
        String host = slash >= 0 ? addr.substring(0, slash) : addr;
        if (host.isEmpty()) {
            throw new SdpException("connection address is empty: " + abbreviate(value));
        }
        return host;
    }

    /** Collects lines into a description; media-level lines go to the current m= section. */
    private static final class Builder {
        private boolean sawVersion;
        private String originUser;
        private long sessionId;
        private long sessionVersion;
        private String originAddress;
        private String sessionName = "-";
        private String connection;
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaBuilder current;

        void line(char type, String value) throws SdpException {
            switch (type) {
                case 'v' -> {
                    if (!value.strip().equals("0")) {
                        throw new SdpException("unsupported version v=" + abbreviate(value));
                    }
                    sawVersion = true;
                }
                case 'o' -> origin(value);
                case 's' -> sessionName = value;
                case 'c' -> {
                    if (current != null) {
                        current.connection = address(value);
                    } else {
                        connection = address(value);
                    }
                }
                case 'm' -> {
                    finishMedia();
                    current = new MediaBuilder(value);
                }
                case 'a' -> {
                    if (current != null) {
                        current.attribute(value);
                    }
                }
                default -> {
                    // t=, b=, i=, u=, e=, p=, z=, k=, r= carry nothing a call needs here
                }
            }
        }

        private void origin(String value) throws SdpException {
            String[] p = value.strip().split("\\s+");
            if (p.length != 6) {
                throw new SdpException("origin needs 6 fields: " + abbreviate(value));
            }
            originUser = p[0];
            if (!p[1].matches("\\d+") || !p[2].matches("\\d+")) {
                throw new SdpException("origin session id/version is not a number: " + abbreviate(value));
            }
            // any length is allowed; the first 18 digits always fit a positive long and encode back as read
            sessionId = Long.parseLong(p[1].length() > 18 ? p[1].substring(0, 18) : p[1]);
            sessionVersion = Long.parseLong(p[2].length() > 18 ? p[2].substring(0, 18) : p[2]);
            originAddress = p[5];
        }

        private void finishMedia() {
            if (current != null) {
                media.add(current.build());
                current = null;
            }
        }

        SessionDescription build() throws SdpException {
            finishMedia();
            if (!sawVersion) {
                throw new SdpException("missing v=0");
            }
            if (originUser == null) {
                throw new SdpException("missing o= line");
            }
            return new SessionDescription(originUser, sessionId, sessionVersion, originAddress, sessionName,
                    connection, media);
        }
    }

    private static final class MediaBuilder {
        private final String type;
        private final int port;
        private final String protocol;
        private final List<Integer> formats = new ArrayList<>();
        private final List<RtpMap> rtpMaps = new ArrayList<>();
        private final Map<Integer, String> fmtp = new LinkedHashMap<>();
        private final List<String> other = new ArrayList<>();
        private String connection;
        private String direction;
        private int ptime;

        MediaBuilder(String value) throws SdpException {
            String[] p = value.strip().split("\\s+");
            if (p.length < 3) {
                throw new SdpException("media needs '<media> <port> <proto> <fmt>...': " + abbreviate(value));
            }
            type = p[0];
            String portText = p[1].contains("/") ? p[1].substring(0, p[1].indexOf('/')) : p[1];
            port = parseInt(portText, "media port", 0, 65535);
            protocol = p[2];
            if (p.length - 3 > 128) {
                throw new SdpException("too many formats in m= line");
            }
            for (int i = 3; i < p.length; i++) {
                if (protocol.contains("RTP")) {
                    formats.add(parseInt(p[i], "payload type", 0, 127));
                }
            }
        }

        void attribute(String value) throws SdpException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            String arg = colon < 0 ? "" : value.substring(colon + 1);
            switch (name) {
                case "rtpmap" -> rtpMaps.add(RtpMap.parse(arg));
                case "fmtp" -> {
                    String[] p = arg.strip().split("\\s+", 2);
                    fmtp.put(parseInt(p[0], "fmtp payload type", 0, 127), p.length > 1 ? p[1] : "");
                }
                case "ptime" -> ptime = parseInt(arg, "ptime", 1, 1000);
                default -> {
                    if (DIRECTIONS.contains(name) && colon < 0) {
                        direction = name;
                    } else if (other.size() < 256) {
                        other.add(value);
                    }
                }
            }
        }

        MediaDescription build() {
            return new MediaDescription(type, port, protocol, formats, connection, rtpMaps, fmtp, direction, ptime,
                    other);
        }
    }
}
