package io.switchboard.ivr.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP caller written as plain text over UDP, byte for byte what a phone sends, so tests can send exactly the
 * requests they mean (retransmissions, CANCEL at a chosen moment, garbage) and read every response.
 */
final class RawSipClient implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final Pattern TO_TAG = Pattern.compile("(?im)^(?:To|t):.*;tag=([^;\\s]+)");

    final DatagramSocket sip;
    final DatagramSocket rtp;
    final InetSocketAddress server;
    final String host;
    String callId = UUID.randomUUID() + "@raw";
    final String fromTag = Long.toHexString(System.nanoTime());
    final String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
    String toTag;

    RawSipClient(int serverPort) throws IOException {
        this(serverPort, InetAddress.getLoopbackAddress());
    }

    /** A phone on another local address (any of 127.0.0.0/8 on Linux), for tests of per-source limits. */
    RawSipClient(int serverPort, InetAddress local) throws IOException {
        sip = new DatagramSocket(new InetSocketAddress(local, 0));
        rtp = new DatagramSocket(new InetSocketAddress(local, 0));
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        host = local.getHostAddress();
    }

    /** Starts a new call from the same phone: a new Call-ID, no To tag. */
    void newCall() {
        callId = UUID.randomUUID() + "@raw";
        toTag = null;
    }

    static String sdpOffer(int rtpPort, String formats, String rtpmaps) {
        return sdpOffer("127.0.0.1", rtpPort, formats, rtpmaps);
    }

    static String sdpOffer(String address, int rtpPort, String formats, String rtpmaps) {
        return "v=0\r\no=raw 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\nm=audio "
                + rtpPort + " RTP/AVP " + formats + "\r\n" + rtpmaps;
    }

    String defaultOffer() {
        return offerFor(rtp.getLocalPort());
    }

    /** Our usual offer (PCMU, PCMA, telephone-event 101) naming {@code rtpPort} on our address. */
    String offerFor(int rtpPort) {
        return sdpOffer(host, rtpPort, "0 8 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
    }

    String invite(String user, String sdp) {
        return request("INVITE", user, 1, branch, sdp == null ? "" : sdp, sdp == null ? null : "application/sdp",
                false);
    }

    String ack(String user) {
        return request("ACK", user, 1, "z9hG4bKack" + System.nanoTime(), "", null, true);
    }

    String bye(String user) {
        return request("BYE", user, 2, "z9hG4bKbye" + System.nanoTime(), "", null, true);
    }

    String cancel(String user) {
        // CANCEL reuses the INVITE's branch and CSeq number, and has no To tag
        return request("CANCEL", user, 1, branch, "", null, false);
    }

    String info(String user, String body) {
        return request("INFO", user, 3, "z9hG4bKinfo" + System.nanoTime(), body, "application/dtmf-relay", true);
    }

    private String request(String method, String user, int cseq, String viaBranch, String body, String type,
            boolean withToTag) {
        int port = sip.getLocalPort();
        StringBuilder b = new StringBuilder();
        b.append(method).append(" sip:").append(user).append("@127.0.0.1:").append(server.getPort())
                .append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/UDP ").append(host).append(':').append(port).append(";branch=").append(viaBranch)
                .append(";rport\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <sip:raw@").append(host).append(':').append(port).append(">;tag=").append(fromTag).append("\r\n");
        b.append("To: <sip:").append(user).append("@127.0.0.1:").append(server.getPort()).append(">")
                .append(withToTag && toTag != null ? ";tag=" + toTag : "").append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method.equals("CANCEL") ? "CANCEL" : method)
                .append("\r\n");
        b.append("Contact: <sip:raw@").append(host).append(':').append(port).append(">\r\n");
        if (type != null) {
            b.append("Content-Type: ").append(type).append("\r\n");
        }
        b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        b.append(body);
        return b.toString();
    }

    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sip.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The next SIP message, or null after {@code timeout}. */
    String receive(Duration timeout) throws IOException {
        sip.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            sip.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        Matcher m = TO_TAG.matcher(msg);
        if (status(msg) > 100 && m.find() && msg.contains("CSeq: 1 INVITE")) {
            toTag = m.group(1);
        }
        return msg;
    }

    /** Reads until a response with a status of at least {@code min} for {@code method}; fails after timeout. */
    String awaitResponse(String method, int min, Duration timeout) throws IOException {
        return await("no " + method + " response >= " + min, timeout,
                msg -> status(msg) >= min && msg.matches("(?s).*CSeq: \\d+ " + method + "\\r\\n.*"));
    }

    /** Reads until a request of {@code method} arrives; fails after timeout. */
    String awaitRequest(String method, Duration timeout) throws IOException {
        return await("no " + method, timeout, msg -> msg.startsWith(method + " "));
    }

    private String await(String what, Duration timeout, java.util.function.Predicate<String> wanted)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String msg = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (msg == null) {
                break;
            }
            seen.add(firstLine(msg));
            if (wanted.test(msg)) {
                return msg;
            }
        }
        throw new AssertionError(what + " within " + timeout + "; saw " + seen);
    }

    /** Answers a request from the server (BYE) with 200 OK, echoing its Via, From, To, Call-ID and CSeq. */
    void ok(String request) throws IOException {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            }
            if (line.isEmpty()) {
                break;
            }
        }
        b.append("Content-Length: 0\r\n\r\n");
        send(b.toString());
    }

    /** A whole good call to {@code serverPort} (INVITE, 200, ACK, BYE, 200): proof the endpoint still takes calls. */
    static void placeGoodCall(int serverPort) throws IOException {
        Duration wait = Duration.ofSeconds(10);
        try (RawSipClient good = new RawSipClient(serverPort)) {
            good.send(good.invite("100", good.defaultOffer()));
            if (status(good.awaitResponse("INVITE", 200, wait)) != 200) {
                throw new AssertionError("the good call was not answered");
            }
            good.send(good.ack("100"));
            good.send(good.bye("100"));
            if (status(good.awaitResponse("BYE", 200, wait)) != 200) {
                throw new AssertionError("the good call's BYE was not accepted");
            }
        }
    }

    static int status(String msg) {
        Matcher m = STATUS.matcher(msg);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String firstLine(String msg) {
        int i = msg.indexOf("\r\n");
        return i < 0 ? msg : msg.substring(0, i);
    }

    /** The RTP port in an SDP body. */
    static int mediaPort(String msg) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(msg);
        if (!m.find()) {
            throw new AssertionError("no m=audio in " + msg);
        }
        return Integer.parseInt(m.group(1));
    }

    @Override
    public void close() {
        sip.close();
        rtp.close();
    }
}
