package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;

/** Starts a built-in endpoint on a free loopback SIP port that agents' phones register with, for the agent ITs. */
final class AgentEndpoint {

    private AgentEndpoint() {}

    /** An endpoint with RTP on {@code rtpBase} to {@code rtpBase + 999}, listening. */
    static SipEndpoint start(int rtpBase, PromptLibrary prompts, CallHandler handler, AgentPhones phones,
            RegistrarConfig registrar, OutboundRoute outbound) throws IOException {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        SipEndpoint endpoint = new SipEndpoint(new SipEndpointConfig("127.0.0.1", port, rtpBase, rtpBase + 999,
                Duration.ofSeconds(30)), prompts, handler, SipEndpoint.DEFAULT_RECORDINGS, phones, registrar,
                outbound);
        endpoint.start();
        return endpoint;
    }
}
