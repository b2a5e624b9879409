package io.switchboard.ivr.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP datagram split the cheap way, before JAIN-SIP parses it: the start line, the header lines (folded lines
 * joined, compact names expanded, names lower-case) and where the body starts. It never fails: whatever the bytes,
 * the caller gets what could be read, so the endpoint can judge a message the stack would drop unanswered.
 *
 * @param startLine   the first line, without its line end
 * @param headers     header lines in order
 * @param bodyOffset  the offset (from the datagram's start) of the first body byte
 * @param bodyLength  the bytes after the blank line (0 when there is no blank line)
 * @param complete    whether the blank line ending the headers was found
 */
record RawSipMessage(String startLine, List<Header> headers, int bodyOffset, int bodyLength, boolean complete) {

    /** Header lines read at most; a datagram with more is judged on these. */
    static final int MAX_HEADERS = 256;
    /** The longest header value the endpoint takes (and echoes in a stateless response). */
    static final int MAX_VALUE = 2048;

    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "m", "contact", "e",
            "content-encoding", "l", "content-length", "c", "content-type", "f", "from", "s", "subject", "k",
            "supported", "t", "to", "v", "via");

    /** One header line: {@code name} in long form and lower case, the value stripped. */
    record Header(String name, String value) {}

    static RawSipMessage parse(byte[] buf, int offset, int length) {
        // ISO-8859-1 keeps one char per byte, so string offsets are byte offsets
        String text = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        int headEnd = -1;
        int bodyOffset = length;
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            headEnd = crlf;
            bodyOffset = crlf + 4;
        } else if (lf >= 0) {
            headEnd = lf;
            bodyOffset = lf + 2;
        }
        String head = headEnd >= 0 ? text.substring(0, headEnd) : text;
        String[] lines = head.split("\r?\n", -1);
        List<Header> headers = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 1; i < lines.length && headers.size() < MAX_HEADERS; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(' ').append(line.strip());
                continue;
            }
            if (current != null) {
                headers.add(header(current.toString()));
            }
            current = new StringBuilder(line);
        }
        if (current != null && headers.size() < MAX_HEADERS) {
            headers.add(header(current.toString()));
        }
        return new RawSipMessage(lines[0].strip(), List.copyOf(headers), bodyOffset, length - bodyOffset,
                headEnd >= 0);
    }

    private static Header header(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return new Header("", line.strip());
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return new Header(COMPACT.getOrDefault(name, name), line.substring(colon + 1).strip());
    }

    /** Whether this is a response (its start line is a status line). */
    boolean isResponse() {
        return startLine.startsWith("SIP/");
    }

    /** Whether a From or To value carries a tag (after the closing {@code >} of its address, if any). */
    static boolean tagged(String nameAddr) {
        return nameAddr.substring(nameAddr.lastIndexOf('>') + 1).toLowerCase(Locale.ROOT).contains("tag=");
    }

    /** The values of every line of header {@code name} (long form, lower case), in order. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.name().equals(name)) {
                out.add(h.value());
            }
        }
        return out;
    }
}
