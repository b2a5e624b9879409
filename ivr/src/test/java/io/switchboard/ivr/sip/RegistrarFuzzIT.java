package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mutated REGISTERs (headers dropped or repeated, huge values, damaged bytes, fragments), a digest answer among the
 * headers, sent to a running endpoint: every addressable one gets a SIP response, none registers anything, and a
 * real phone registers afterwards.
 */
class RegistrarFuzzIT {

    static final String REGISTER = "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:4000;branch=z9hG4bKfuzz;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:1001@127.0.0.1>;tag=abc\r\n"
            + "To: <sip:1001@127.0.0.1>\r\n"
            + "Call-ID: fuzz-1@raw\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:1001@127.0.0.1:4000>;expires=120\r\n"
            + "Expires: 300\r\n"
            + "Authorization: Digest username=\"1001\", realm=\"switchboard\", nonce=\"0123456789abcdef\", "
            + "uri=\"sip:127.0.0.1:5060\", response=\"00112233445566778899aabbccddeeff\", algorithm=MD5, qop=auth, "
            + "nc=00000001, cnonce=\"c0ffee\"\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void mutatedRegistersAreAnsweredAndNoneRegisters() throws Exception {
        TestAgentPhones agents = new TestAgentPhones().agent("1001", "s3cret");
        try (SipEndpoint endpoint = AgentEndpoint.start(46000, PromptLibrary.of(List.of()), RefusingHandler.INSTANCE,
                agents, RegistrarConfig.defaults(), OutboundRoute.loopback())) {
            Map<String, Integer> statuses = EndpointFuzzing.sendMutated("sip-register", endpoint.port(), REGISTER);
            System.out.println("sip-register first responses by status: " + statuses);
            assertThat(agents.events).isEmpty();
            assertThat(endpoint.isListening()).isTrue();
            try (SimulatedAgents phones = new SimulatedAgents(PromptLibrary.of(List.of()),
                    SimulatedAgents.Options.to("127.0.0.1:" + endpoint.port()))) {
                assertThat(phones.add("1001", "s3cret").awaitRegistration(SimulatedAgent.Registration.REGISTERED,
                        Duration.ofSeconds(10))).isTrue();
            }
        }
    }
}
