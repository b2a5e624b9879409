package io.switchboard.ivr.sip;

import static io.switchboard.ivr.sip.EndpointUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed INVITEs against a running endpoint: those JAIN-SIP used to drop without a word (no Call-ID, no CSeq)
 * get 400; Content-Length follows RFC 3261 18.3 (longer than the datagram: 400; shorter: the extra bytes are
 * discarded); and the next good call works.
 */
class MalformedSipIT {

    private EndpointUnderTest server;
    private RawSipClient phone;

    @BeforeEach
    void start() throws Exception {
        server = new EndpointUnderTest(38000, c -> c);
        phone = new RawSipClient(server.port);
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close();
    }

    @Test
    void anInviteWithoutCallIdGets400() throws Exception {
        phone.send(phone.invite("100", phone.defaultOffer()).replace("Call-ID: " + phone.callId + "\r\n", ""));
        assertThat(RawSipClient.firstLine(phone.awaitResponse("INVITE", 400, WAIT)))
                .isEqualTo("SIP/2.0 400 Missing Call-ID header");
        assertThat(server.endpoint.refusals().count(SipRefusal.MALFORMED)).isEqualTo(1);
        RawSipClient.placeGoodCall(server.port);
    }

    @Test
    void anInviteWithoutCSeqGets400() throws Exception {
        phone.send(phone.invite("100", phone.defaultOffer()).replace("CSeq: 1 INVITE\r\n", ""));
        String reply = phone.receive(WAIT);
        assertThat(reply).isNotNull();
        assertThat(RawSipClient.firstLine(reply)).isEqualTo("SIP/2.0 400 Missing CSeq header");
        assertThat(reply).contains("Call-ID: " + phone.callId);
        RawSipClient.placeGoodCall(server.port);
    }

    @Test
    void aContentLengthLongerThanTheDatagramGets400() throws Exception {
        String invite = phone.invite("100", phone.defaultOffer());
        int length = phone.defaultOffer().getBytes(StandardCharsets.UTF_8).length;
        phone.send(invite.replace("Content-Length: " + length, "Content-Length: " + (length + 40)));
        assertThat(RawSipClient.firstLine(phone.awaitResponse("INVITE", 400, WAIT)))
                .isEqualTo("SIP/2.0 400 Content-Length longer than the body");
        RawSipClient.placeGoodCall(server.port);
    }

    @Test
    void bytesBeyondAShorterContentLengthAreDiscarded() throws Exception {
        // taken whole, the trailing line would make the SDP unreadable (488); RFC 3261 18.3 says to discard it
        phone.send(phone.invite("100", phone.defaultOffer()) + "this line is beyond Content-Length\r\n");
        String ok = phone.awaitResponse("INVITE", 200, WAIT);
        assertThat(RawSipClient.status(ok)).isEqualTo(200);
        phone.send(phone.ack("100"));
        phone.send(phone.bye("100"));
        assertThat(RawSipClient.status(phone.awaitResponse("BYE", 200, WAIT))).isEqualTo(200);
    }

    /** Found by the sip-register fuzz: JAIN-SIP cannot send a response to it, so it is answered statelessly. */
    @Test
    void anInviteWhoseFromTagHasNoValueGets400() throws Exception {
        phone.send(phone.invite("100", phone.defaultOffer()).replace(";tag=" + phone.fromTag, ";tag"));
        assertThat(RawSipClient.firstLine(phone.awaitResponse("INVITE", 400, WAIT)))
                .startsWith("SIP/2.0 400 Bad Request");
        RawSipClient.placeGoodCall(server.port);
    }
}
