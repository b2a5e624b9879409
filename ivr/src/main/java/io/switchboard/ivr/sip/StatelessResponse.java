package io.switchboard.ivr.sip;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A response sent without a transaction (RFC 3261 8.2.6): the status line, the request's Via, From, To (with a tag
 * of ours when it had none), Call-ID and CSeq as far as they exist, and nothing else. For requests refused before
 * the SIP stack sees them: malformed ones (400) and INVITEs over their source's rate (503 with Retry-After).
 */
final class StatelessResponse {

    private StatelessResponse() {}

    static byte[] encode(int status, String reason, RawSipMessage request, Duration retryAfter) {
        StringBuilder b = new StringBuilder(512);
        b.append("SIP/2.0 ").append(status).append(' ').append(printable(reason)).append("\r\n");
        request.all("via").stream().filter(StatelessResponse::echoable)
                .forEach(v -> b.append("Via: ").append(v).append("\r\n"));
        first(request, "from", "From", b);
        var to = request.all("to");
        if (!to.isEmpty() && echoable(to.get(0))) {
            String value = to.get(0);
            b.append("To: ").append(value).append(RawSipMessage.tagged(value) ? "" : ";tag="
                    + Long.toHexString(ThreadLocalRandom.current().nextLong())).append("\r\n");
        }
        first(request, "call-id", "Call-ID", b);
        first(request, "cseq", "CSeq", b);
        if (retryAfter != null) {
            b.append("Retry-After: ").append(retryAfter.toSeconds()).append("\r\n");
        }
        b.append("Server: ").append(SipMessages.USER_AGENT).append("\r\n");
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void first(RawSipMessage request, String name, String display, StringBuilder b) {
        var values = request.all(name);
        if (!values.isEmpty() && echoable(values.get(0))) {
            b.append(display).append(": ").append(values.get(0)).append("\r\n");
        }
    }

    private static boolean echoable(String value) {
        return value.length() <= RawSipMessage.MAX_VALUE;
    }

    private static String printable(String reason) {
        return reason.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
