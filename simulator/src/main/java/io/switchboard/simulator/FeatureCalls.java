package io.switchboard.simulator;

import io.switchboard.speech.sip.DigestResponse;
import io.switchboard.speech.sdp.RtpMap;
import io.switchboard.speech.sdp.SessionDescription;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Feature codes dialled from simulated agents' phones ({@code *51}: "I am available"): an INVITE to the code, the
 * server's 407 answered with the agent's digest, the 200 acknowledged; the server then plays its confirmation (to a
 * socket nobody reads) and hangs up, which the phone's BYE handling answers. The future completes with the final
 * status (200 when the code was taken, 403 when the phone is not registered, 404 for an unknown code).
 */
final class FeatureCalls {

    private record Pending(SimulatedAgent agent, String code, CompletableFuture<Integer> status) {}

    private final PhoneStack phone;
    private final String server;
    private final String address;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final DatagramSocket sink;

    FeatureCalls(PhoneStack phone, String server, String address) throws java.io.IOException {
        this.phone = phone;
        this.server = server;
        this.address = address;
        this.sink = new DatagramSocket(new InetSocketAddress(address, 0));
    }

    CompletableFuture<Integer> dial(SimulatedAgent agent, String code) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        String callId = phone.provider.getNewCallId().getCallId();
        pending.put(callId, new Pending(agent, code, status));
        try {
            send(agent, code, callId, 1, null);
        } catch (Exception e) {
            pending.remove(callId);
            status.completeExceptionally(e);
        }
        return status;
    }

    private void send(SimulatedAgent agent, String code, String callId, long cseq, ProxyAuthenticateHeader challenge)
            throws Exception {
        SipURI target = (SipURI) phone.addresses.createURI("sip:" + code + "@" + server);
        var from = phone.addresses.createAddress("sip:" + agent.id() + "@" + server);
        Request invite = phone.messages.createRequest(target, Request.INVITE,
                phone.headers.createCallIdHeader(callId), phone.headers.createCSeqHeader(cseq, Request.INVITE),
                phone.headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                phone.headers.createToHeader(phone.addresses.createAddress(target), null),
                List.of(phone.headers.createViaHeader(address, phone.port, "udp", null)),
                phone.headers.createMaxForwardsHeader(70));
        invite.addHeader(phone.headers.createContactHeader(phone.addresses.createAddress("sip:" + agent.id() + "@"
                + address + ":" + phone.port)));
        String sdp = SessionDescription.audio(address, sink.getLocalPort(), List.of(RtpMap.of(0, "PCMU", 8000)),
                ThreadLocalRandom.current().nextLong(1, 1L << 40)).encode();
        invite.setContent(sdp.getBytes(StandardCharsets.UTF_8), phone.headers.createContentTypeHeader("application",
                "sdp"));
        if (challenge != null) {
            String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
            String ha1 = DigestResponse.ha1(agent.id(), challenge.getRealm(), agent.password());
            ProxyAuthorizationHeader auth = phone.headers.createProxyAuthorizationHeader("Digest");
            auth.setUsername(agent.id());
            auth.setRealm(challenge.getRealm());
            auth.setNonce(challenge.getNonce());
            auth.setURI(target);
            auth.setAlgorithm("MD5");
            auth.setQop("auth");
            auth.setCNonce(cnonce);
            auth.setNonceCount(1);
            auth.setResponse(DigestResponse.of(ha1, challenge.getNonce(), Request.INVITE, target.toString(),
                    "00000001", cnonce, "auth"));
            invite.addHeader(auth);
        }
        phone.provider.getNewClientTransaction(invite).sendRequest();
    }

    /** Takes the responses to feature-code INVITEs; false for any other response. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        Pending p = pending.get(callId);
        if (p == null || !Request.INVITE.equals(cseq.getMethod())) {
            return false;
        }
        int status = response.getStatusCode();
        try {
            if (status == Response.PROXY_AUTHENTICATION_REQUIRED && cseq.getSeqNumber() == 1) {
                send(p.agent(), p.code(), callId, 2, (ProxyAuthenticateHeader) response
                        .getHeader(ProxyAuthenticateHeader.NAME));
            } else if (status >= 200) {
                if (status < 300 && event.getDialog() != null) {
                    event.getDialog().sendAck(event.getDialog().createAck(cseq.getSeqNumber()));
                }
                pending.remove(callId);
                p.status().complete(status);
            }
        } catch (Exception e) {
            pending.remove(callId);
            p.status().completeExceptionally(e);
        }
        return true;
    }

    void close() {
        sink.close();
    }
}
