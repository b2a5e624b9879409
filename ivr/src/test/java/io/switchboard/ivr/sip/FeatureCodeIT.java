package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.sip.DigestResponse;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feature codes dialled from an agent's phone over real SIP on loopback: challenged with 407, then answered with
 * the ACD's confirmation and hung up; refused for a wrong password, an unknown code or an unregistered phone.
 */
class FeatureCodeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern NONCE = Pattern.compile("nonce=\"([0-9a-f]+)\"");

    private final TestAgentPhones agents = new TestAgentPhones().agent("1001", "s3cret").agent("1002", "other")
            .withFeatureCode("*51", "available");
    private SipEndpoint endpoint;
    private SimulatedAgents phones;
    private RawSipClient phone;
    private int port;

    @BeforeEach
    void start() throws Exception {
        endpoint = AgentEndpoint.start(44000, PromptLibrary.of(List.of(new Prompt("available", "en",
                SipEndpointIT.tone(500, 600)))), RefusingHandler.INSTANCE, agents, RegistrarConfig.defaults(),
                OutboundRoute.loopback());
        port = endpoint.port();
        phones = new SimulatedAgents(PromptLibrary.of(List.of()), SimulatedAgents.Options.to("127.0.0.1:" + port));
        assertThat(phones.add("1001", "s3cret").awaitRegistration(SimulatedAgent.Registration.REGISTERED, WAIT))
                .isTrue();
        assertThat(agents.next(WAIT)).startsWith("registered 1001 ");
        phone = new RawSipClient(port);
    }

    @AfterEach
    void stop() {
        phone.close();
        phones.close();
        endpoint.close();
    }

    @Test
    void aRegisteredAgentDiallingAFeatureCodeHearsTheConfirmationAndIsHungUpOn() throws Exception {
        String challenge = challenge("*51");
        assertThat(challenge).contains("Proxy-Authenticate: Digest").contains("realm=\"switchboard\"");
        String answer = authenticated("*51", "1001", "s3cret", challenge);
        assertThat(RawSipClient.status(answer)).isEqualTo(200);
        phone.send(ack("*51", 2, answer, "z9hG4bKack2" + System.nanoTime()));
        assertThat(agents.next(WAIT)).isEqualTo("feature 1001 *51");
        assertThat(rtpPackets()).isGreaterThan(10); // the confirmation plays
        String bye = phone.awaitRequest("BYE", WAIT);
        phone.ok(bye);
    }

    @Test
    void aWrongPasswordIsChallengedAgain() throws Exception {
        String again = authenticated("*51", "1001", "guess", challenge("*51"));
        assertThat(RawSipClient.status(again)).isEqualTo(407);
        assertThat(agents.events).isEmpty();
    }

    @Test
    void anUnknownCodeGets404AndAnUnregisteredAgent403() throws Exception {
        String unknown = authenticated("*99", "1001", "s3cret", challenge("*99"));
        assertThat(RawSipClient.firstLine(unknown)).isEqualTo("SIP/2.0 404 No such feature code");
        phone.send(ack("*99", 2, unknown, lastBranch));
        phone.close();
        phone = new RawSipClient(port); // another phone: a new INVITE branch
        String unregistered = authenticated("*51", "1002", "other", challenge("*51"));
        assertThat(RawSipClient.firstLine(unregistered)).isEqualTo("SIP/2.0 403 Register the phone first");
        assertThat(agents.events).isEmpty();
    }

    @Test
    void aNumberThatIsNoFeatureCodeGets404WithoutAChallenge() throws Exception {
        phone.send(phone.invite("555", phone.defaultOffer()));
        assertThat(RawSipClient.status(phone.awaitResponse("INVITE", 200, WAIT))).isEqualTo(404);
    }

    private String lastBranch;

    /** Sends the INVITE without credentials; returns the 407 (acknowledged). */
    private String challenge(String code) throws Exception {
        String invite = phone.invite(code, phone.defaultOffer());
        phone.send(invite);
        String response = phone.awaitResponse("INVITE", 200, WAIT);
        assertThat(RawSipClient.status(response)).isEqualTo(407);
        phone.send(ack(code, 1, response, phone.branch));
        return response;
    }

    /** Sends the INVITE again (CSeq 2) answering {@code challenge} as {@code user}; returns the final response. */
    private String authenticated(String code, String user, String password, String challenge) throws Exception {
        Matcher m = NONCE.matcher(challenge);
        assertThat(m.find()).isTrue();
        String uri = "sip:" + code + "@127.0.0.1:" + port;
        String response = DigestResponse.of(DigestResponse.ha1(user, "switchboard", password), m.group(1),
                "INVITE", uri, "00000001", "feed", "auth");
        lastBranch = "z9hG4bKauth" + System.nanoTime();
        String invite = phone.invite(code, phone.defaultOffer()).replace("CSeq: 1 INVITE", "CSeq: 2 INVITE")
                .replace(phone.branch, lastBranch).replace("Content-Type:", "Proxy-Authorization: Digest username=\""
                        + user + "\", realm=\"switchboard\", nonce=\"" + m.group(1) + "\", uri=\"" + uri
                        + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"feed\""
                        + "\r\nContent-Type:");
        phone.send(invite);
        return awaitFinal(2);
    }

    private String awaitFinal(int cseq) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String msg = phone.awaitResponse("INVITE", 200, WAIT);
            if (msg.contains("CSeq: " + cseq + " INVITE")) {
                return msg;
            }
        }
        throw new AssertionError("no final response to INVITE " + cseq);
    }

    /** The ACK of a final response (same branch for a non-2xx, a new one for a 2xx), with the response's To. */
    private String ack(String code, int cseq, String response, String branch) {
        Matcher to = Pattern.compile("(?m)^To: .*$").matcher(response);
        assertThat(to.find()).isTrue();
        int local = phone.sip.getLocalPort();
        return "ACK sip:" + code + "@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:raw@127.0.0.1:" + local + ">;tag=" + phone.fromTag + "\r\n"
                + to.group().strip() + "\r\n"
                + "Call-ID: " + phone.callId + "\r\n"
                + "CSeq: " + cseq + " ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private int rtpPackets() throws Exception {
        phone.rtp.setSoTimeout(2_000);
        int n = 0;
        byte[] buf = new byte[2048];
        try {
            while (n < 50) {
                phone.rtp.receive(new DatagramPacket(buf, buf.length));
                n++;
            }
        } catch (SocketTimeoutException e) {
            // the prompt ended
        }
        return n;
    }
}
