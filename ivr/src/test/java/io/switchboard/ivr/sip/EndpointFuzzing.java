package io.switchboard.ivr.sip;

import static io.switchboard.ivr.sip.EndpointUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends {@link Fuzz#cases()} mutations of one request to a running endpoint on loopback and checks that every one
 * whose request line and Via survived the mutation gets a SIP response (never silence).
 */
final class EndpointFuzzing {

    private static final Pattern ANY_BRANCH = Pattern.compile("(z9hG4bKfuzz\\d+)");

    private EndpointFuzzing() {}

    /** Where the line break before the first Via header line is, or -1. */
    private static int firstViaLine(String text) {
        Matcher m = Pattern.compile("\r?\n(?i:via|v)\\s*:").matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** Where the header section ends (a blank line, CRLF or LF), or the text's end. */
    private static int headEnd(String text) {
        int end = text.length();
        for (String blank : new String[] {"\r\n\r\n", "\n\n"}) {
            int at = text.indexOf(blank);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return end;
    }

    /**
     * Sends mutations of {@code base} (shaped like {@link SipDatagramCheckTest#INVITE}: the same Via, From tag and
     * Call-ID) to the endpoint on {@code port}; returns the first responses' statuses and how often each came.
     */
    static Map<String, Integer> sendMutated(String property, int port, String base) {
        String requestLine = base.substring(0, base.indexOf("\r\n"));
        // every case its own branch and From tag: a repeated branch is a retransmission, which the stack rightly
        // absorbs, and a repeated From tag with the same Call-ID and CSeq a merged request (482)
        Pattern via = Pattern.compile("\r\nVia: SIP/2\\.0/UDP 127\\.0\\.0\\.1:4000;branch=(z9hG4bKfuzz\\d+);rport\r\n");
        AtomicLong branches = new AtomicLong();
        Set<String> seenBranches = new HashSet<>();
        Map<String, Integer> statuses = new TreeMap<>();
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        int cases = Fuzz.check(property, random -> SipDatagramFuzzTest.mutatedInvite(random,
                base.replace("z9hG4bKfuzz", "z9hG4bKfuzz" + branches.incrementAndGet())
                        .replace("tag=abc", "tag=f" + branches.get())),
                Fuzz::describe, bytes -> {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    // the first Via line must be the one we wrote: without its rport the answer goes to the
                    // Via's port, not to this socket (RFC 3261 18.2.2)
                    Matcher v = via.matcher(text);
                    boolean addressable = text.startsWith(requestLine + "\r\n") && v.find()
                            && v.start() < headEnd(text) && v.start() == firstViaLine(text)
                            && !seenBranches.contains(v.group(1)) && bytes.length < 65_000;
                    // a damaged earlier case may carry this case's branch (a digit changed): the stack then takes
                    // this one as its retransmission and answers where that one came from, so every branch any
                    // datagram carried counts as used
                    Matcher any = ANY_BRANCH.matcher(text);
                    while (any.find()) {
                        seenBranches.add(any.group(1));
                    }
                    try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(
                            InetAddress.getLoopbackAddress(), 0))) {
                        phone.send(new DatagramPacket(bytes, bytes.length, to));
                        if (!addressable) {
                            return;
                        }
                        phone.setSoTimeout((int) WAIT.toMillis());
                        byte[] buf = new byte[65_535];
                        DatagramPacket reply = new DatagramPacket(buf, buf.length);
                        String status = "";
                        // other programs on this machine may send RTP to a port we happen to have: skip non-SIP
                        while (!status.startsWith("SIP/2.0 ")) {
                            try {
                                phone.receive(reply);
                            } catch (SocketTimeoutException e) {
                                throw new AssertionError("no response to an addressable request (the pre-parse"
                                        + " said " + SipDatagramCheck.judge(bytes, 0, bytes.length) + ")");
                            }
                            status = new String(buf, 0, Math.min(12, reply.getLength()), StandardCharsets.ISO_8859_1);
                        }
                        statuses.merge(status.substring(8), 1, Integer::sum);
                    }
                });
        assertThat(cases).isEqualTo(Fuzz.cases());
        return statuses;
    }
}
