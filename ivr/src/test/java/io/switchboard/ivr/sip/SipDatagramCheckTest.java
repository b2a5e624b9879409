package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw look at a datagram before JAIN-SIP: what is answered with 400, dropped, cut, or passed. */
class SipDatagramCheckTest {

    static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    static final String INVITE = "INVITE sip:100@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:4000;branch=z9hG4bKfuzz;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:raw@127.0.0.1:4000>;tag=abc\r\n"
            + "To: <sip:100@127.0.0.1:5060>\r\n"
            + "Call-ID: fuzz-1@raw\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:raw@127.0.0.1:4000>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;

    @Test
    void aGoodInvitePassesWholeAndCountsAsNew() {
        assertThat(judge(INVITE)).isEqualTo(new DatagramVerdict.Pass(INVITE.length(), true));
        String reInvite = INVITE.replace("To: <sip:100@127.0.0.1:5060>", "t: <sip:100@127.0.0.1:5060>;tag=x");
        assertThat(judge(reInvite)).isEqualTo(new DatagramVerdict.Pass(reInvite.length(), false));
    }

    @Test
    void missingCallIdOrCSeqGets400NamingIt() {
        assertAnswer(INVITE.replace("Call-ID: fuzz-1@raw\r\n", ""), "Missing Call-ID header");
        assertAnswer(INVITE.replace("CSeq: 1 INVITE\r\n", ""), "Missing CSeq header");
        assertAnswer(INVITE.replace("CSeq: 1 INVITE", "CSeq: x INVITE"), "Bad CSeq");
        assertAnswer(INVITE.replace("Max-Forwards: 70\r\n", ""), "Missing Max-Forwards header");
        assertAnswer(INVITE.replace("Contact: <sip:raw@127.0.0.1:4000>\r\n", ""), "Missing Contact header");
        assertAnswer(INVITE.replace("Max-Forwards: 70", "Max-Forwards: 700"), "Bad Max-Forwards");
        assertAnswer(INVITE.replace("SIP/2.0/UDP 127.0.0.1:4000", "SIP/2.0/UDQ 127.0.0.1:4000"),
                "Via transport is not UDP");
        assertAnswer(INVITE.replace("From: <sip:raw@127.0.0.1:4000>", "From: <sip:raw@127.0.0.1:4000"),
                "Unreadable From header");
        assertAnswer(INVITE.replace("CSeq: 1 INVITE", "CSeq: 1 BYE"), "CSeq method does not match the request");
        assertAnswer(INVITE.replace("Call-ID: fuzz-1@raw\r\n", "Call-ID: fuzz-1@raw\r\ni: other\r\n"),
                "Conflicting Call-ID headers");
        assertAnswer(INVITE.replace("INVITE sip:100@127.0.0.1:5060 SIP/2.0", "INVITE sip:100@127.0.0.1 SIP/3.0"),
                "Bad Request-Line");
    }

    @Test
    void theResponseEchoesWhatTheRequestHadAndTagsTheTo() {
        DatagramVerdict.Answer answer = (DatagramVerdict.Answer) judge(INVITE.replace("Call-ID: fuzz-1@raw\r\n",
                ""));
        String response = new String(StatelessResponse.encode(answer.status(), answer.reason(), answer.request(),
                null), StandardCharsets.ISO_8859_1);
        assertThat(response).startsWith("SIP/2.0 400 Missing Call-ID header\r\n")
                .contains("Via: SIP/2.0/UDP 127.0.0.1:4000;branch=z9hG4bKfuzz;rport\r\n",
                        "From: <sip:raw@127.0.0.1:4000>;tag=abc\r\n", "CSeq: 1 INVITE\r\n")
                .containsPattern("To: <sip:100@127.0.0.1:5060>;tag=[0-9a-f]+\r\n")
                .doesNotContain("\r\nCall-ID:").endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void contentLengthLongerThanTheBodyGets400AndShorterCutsTheBody() {
        String longer = INVITE.replace("Content-Length: " + SDP.length(), "Content-Length: " + (SDP.length() + 1));
        assertAnswer(longer, "Content-Length longer than the body");
        assertAnswer(INVITE.replace("Content-Length: " + SDP.length(), "Content-Length: -5"), "Bad Content-Length");
        String padded = INVITE + "a=extra:bytes beyond Content-Length\r\n";
        assertThat(judge(padded)).isEqualTo(new DatagramVerdict.Pass(INVITE.length(), true));
    }

    @Test
    void withoutViaNothingCanBeAnsweredAndAnAckIsNeverAnswered() {
        assertThat(judge(INVITE.replace("Via: SIP/2.0/UDP 127.0.0.1:4000;branch=z9hG4bKfuzz;rport\r\n", "")))
                .isInstanceOf(DatagramVerdict.Drop.class);
        String ack = INVITE.replace("INVITE sip", "ACK sip").replace("CSeq: 1 INVITE", "CSeq: 1 ACK");
        assertThat(judge(ack)).isInstanceOf(DatagramVerdict.Pass.class);
        assertThat(judge(ack.replace("Call-ID: fuzz-1@raw\r\n", ""))).isInstanceOf(DatagramVerdict.Drop.class);
        assertThat(judge("\u0000\u0001garbage that is not SIP at all\r\n\r\n"))
                .isInstanceOf(DatagramVerdict.Drop.class);
    }

    @Test
    void keepAlivesAndResponsesPassToTheStack() {
        assertThat(judge("\r\n\r\n")).isEqualTo(new DatagramVerdict.Pass(4, false));
        assertThat(judge("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n")).isInstanceOf(DatagramVerdict.Pass.class);
    }

    @Test
    void foldedAndCompactHeadersAreRead() {
        String folded = INVITE.replace("Call-ID: fuzz-1@raw", "i:\r\n fuzz-1@raw").replace("Content-Length:",
                "l:");
        assertThat(judge(folded)).isEqualTo(new DatagramVerdict.Pass(folded.length(), true));
    }

    private static DatagramVerdict judge(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        return SipDatagramCheck.judge(bytes, 0, bytes.length);
    }

    private static void assertAnswer(String datagram, String reason) {
        assertThat(judge(datagram)).isInstanceOfSatisfying(DatagramVerdict.Answer.class, a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.reason()).isEqualTo(reason);
        });
    }
}
