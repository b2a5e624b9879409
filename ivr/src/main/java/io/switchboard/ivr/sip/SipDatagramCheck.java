package io.switchboard.ivr.sip;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Judges a datagram on the SIP port before JAIN-SIP parses it, for what the stack would otherwise drop without a
 * word or take as whole when it is not (RFC 3261 8.1.1, 8.2.2, 18.3, 20.14):
 * <ul>
 *   <li>a request with no Via, or a Via too long to copy, cannot be answered: dropped (so is a broken ACK, which is
 *       never answered);</li>
 *   <li>a request missing Call-ID, CSeq, From, To or Max-Forwards, with one of them repeated with another value,
 *       with an unreadable CSeq, Max-Forwards or Content-Length, or with an unreadable request line: 400 naming
 *       what is wrong;</li>
 *   <li>a header value over {@value RawSipMessage#MAX_VALUE} characters: 400 (every size is bounded);</li>
 *   <li>a Content-Length longer than the body: 400; shorter: the body is cut to Content-Length and the extra bytes
 *       discarded, as 18.3 says for UDP;</li>
 *   <li>a request JAIN-SIP's own parser would drop ({@link StackParseCheck}): 400;</li>
 *   <li>everything else (responses, keep-alives, good requests) passes to the stack unchanged.</li>
 * </ul>
 * Pure and total: every byte sequence gets a verdict, no exception.
 */
final class SipDatagramCheck {

    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Za-z0-9.!%*_+`'~-]+) (\\S+) SIP/2\\.0");
    private static final Pattern CSEQ = Pattern.compile("(\\d{1,10})\\s+([A-Za-z0-9.!%*_+`'~-]+)");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    private static final Pattern MAX_FORWARDS = Pattern.compile("\\d{1,3}");
    private static final List<String> REQUIRED = List.of("call-id", "cseq", "from", "to", "max-forwards");
    private static final List<String> SINGLE = List.of("call-id", "cseq", "from", "to", "max-forwards",
            "content-length");

    private SipDatagramCheck() {}

    static DatagramVerdict judge(byte[] buf, int offset, int length) {
        if (isBlank(buf, offset, length)) {
            return new DatagramVerdict.Pass(length, false); // a keep-alive: the stack answers it
        }
        RawSipMessage msg = RawSipMessage.parse(buf, offset, length);
        if (msg.isResponse()) {
            return new DatagramVerdict.Pass(length, false);
        }
        var requestLine = REQUEST_LINE.matcher(msg.startLine());
        String method = requestLine.matches() ? requestLine.group(1) : firstWord(msg.startLine());
        if (msg.all("via").isEmpty()) {
            return new DatagramVerdict.Drop("no Via header, so no response can be addressed");
        }
        if (msg.all("via").stream().anyMatch(v -> v.length() > RawSipMessage.MAX_VALUE)) {
            return new DatagramVerdict.Drop("a Via too long to copy into a response");
        }
        String problem = problem(msg, requestLine.matches(), method);
        if ("ACK".equals(method)) {
            return problem == null ? pass(msg, length, false) : new DatagramVerdict.Drop("malformed ACK: " + problem);
        }
        if (problem != null) {
            return new DatagramVerdict.Answer(400, problem, msg);
        }
        int passed = passLength(msg, length);
        String stackProblem = StackParseCheck.problem(buf, offset, passed, method);
        if (stackProblem != null) {
            return new DatagramVerdict.Answer(400, stackProblem, msg);
        }
        return new DatagramVerdict.Pass(passed, "INVITE".equals(method)
                && !RawSipMessage.tagged(msg.all("to").get(0)));
    }

    private static DatagramVerdict pass(RawSipMessage msg, int length, boolean newInvite) {
        return new DatagramVerdict.Pass(passLength(msg, length), newInvite);
    }

    /** The datagram's length with the body cut to its Content-Length (RFC 3261 18.3). */
    private static int passLength(RawSipMessage msg, int length) {
        List<String> lengths = msg.all("content-length");
        if (lengths.isEmpty() || !msg.complete()) {
            return length;
        }
        return Math.min(length, msg.bodyOffset() + Integer.parseInt(lengths.get(0).strip()));
    }

    /** What makes the request unanswerable by the stack, in the words of a 400 reason phrase; null if nothing. */
    private static String problem(RawSipMessage msg, boolean requestLineOk, String method) {
        if (!requestLineOk) {
            return "Bad Request-Line";
        }
        for (RawSipMessage.Header h : msg.headers()) {
            if (h.value().length() > RawSipMessage.MAX_VALUE) {
                return "Header Too Long";
            }
        }
        for (String name : REQUIRED) {
            if (msg.all(name).isEmpty()) {
                return "Missing " + display(name) + " header";
            }
        }
        if ("INVITE".equals(method) && msg.all("contact").isEmpty()) {
            return "Missing Contact header"; // RFC 3261 8.1.1.8: an INVITE must say where to reach the caller
        }
        for (String name : SINGLE) {
            if (msg.all(name).stream().distinct().count() > 1) {
                return "Conflicting " + display(name) + " headers";
            }
        }
        if (!msg.all("via").get(0).toUpperCase(java.util.Locale.ROOT).matches("SIP\\s*/\\s*2\\.0\\s*/\\s*UDP\\b.*")) {
            return "Via transport is not UDP";
        }
        if (msg.all("call-id").get(0).isEmpty()) {
            return "Empty Call-ID";
        }
        var cseq = CSEQ.matcher(msg.all("cseq").get(0));
        if (!cseq.matches() || Long.parseLong(cseq.group(1)) > Integer.MAX_VALUE) {
            return "Bad CSeq";
        }
        if (!cseq.group(2).equals(method)) {
            return "CSeq method does not match the request";
        }
        String maxForwards = msg.all("max-forwards").get(0);
        if (!MAX_FORWARDS.matcher(maxForwards).matches() || Integer.parseInt(maxForwards) > 255) {
            return "Bad Max-Forwards";
        }
        for (String expires : msg.all("expires")) {
            if (!DIGITS.matcher(expires.strip()).matches()) {
                return "Bad Expires";
            }
        }
        List<String> lengths = msg.all("content-length");
        if (!lengths.isEmpty()) {
            String value = lengths.get(0).strip();
            if (!DIGITS.matcher(value).matches() || Long.parseLong(value) > Integer.MAX_VALUE) {
                return "Bad Content-Length";
            }
            if (Long.parseLong(value) > msg.bodyLength()) {
                return "Content-Length longer than the body";
            }
        }
        return null;
    }

    private static boolean isBlank(byte[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buf[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    private static String display(String name) {
        return switch (name) {
            case "call-id" -> "Call-ID";
            case "cseq" -> "CSeq";
            case "content-length" -> "Content-Length";
            case "max-forwards" -> "Max-Forwards";
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }
}
