package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mutated INVITEs sent to a running endpoint on loopback, {@link Fuzz#cases()} of them: every one whose request line
 * and Via survived the mutation gets a SIP response (never silence), the listener stays up, and a good call works
 * afterwards. The INVITEs dial a number the endpoint does not serve, so those still valid get 404 rather than a call.
 */
class SipEndpointFuzzIT {

    @Test
    void mutatedInvitesAreAnsweredAndTheEndpointKeepsTakingCalls() throws Exception {
        String base = SipDatagramCheckTest.INVITE.replace("sip:100@", "sip:999@");
        try (EndpointUnderTest server = new EndpointUnderTest(39000,
                c -> c.withLimits(c.limits().withInviteRate(1_000_000, 1_000_000)))) {
            Map<String, Integer> statuses = EndpointFuzzing.sendMutated("sip-endpoint", server.port, base);
            System.out.println("sip-endpoint first responses by status: " + statuses);
            assertThat(server.endpoint.isListening()).isTrue();
            RawSipClient.placeGoodCall(server.port);
        }
    }
}
