package io.switchboard.simulator;

import io.switchboard.speech.sip.DigestResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrations of simulated agents' phones: REGISTER as the agent, answer the 401 challenge with the digest of
 * the agent's password (a second 401 that is not stale means the password is wrong), ask again with Min-Expires after
 * a 423, and refresh at half the granted time until unregistered.
 */
final class PhoneRegistrations {

    private final PhoneStack phone;
    private final SimulatedAgents.Options options;
    private final ScheduledExecutorService timers;
    private final Map<String, SimulatedAgent> byRegisterCallId = new ConcurrentHashMap<>();
    private final Map<String, Integer> requested = new ConcurrentHashMap<>();

    PhoneRegistrations(PhoneStack phone, SimulatedAgents.Options options, ScheduledExecutorService timers) {
        this.phone = phone;
        this.options = options;
        this.timers = timers;
    }

    /** Starts registering {@code agent}, and keeps it registered. */
    void add(SimulatedAgent agent) {
        byRegisterCallId.put(agent.registerCallId, agent);
        register(agent, options.expires(), null);
    }

    void register(SimulatedAgent agent, int expires, WWWAuthenticateHeader challenge) {
        try {
            requested.put(agent.id(), expires);
            SipURI registrar = (SipURI) phone.addresses.createURI("sip:" + options.server());
            var aor = phone.addresses.createAddress("sip:" + agent.id() + "@" + options.server());
            long cseq;
            synchronized (agent) {
                cseq = agent.cseq++;
            }
            Request r = phone.messages.createRequest(registrar, Request.REGISTER,
                    phone.headers.createCallIdHeader(agent.registerCallId), phone.headers.createCSeqHeader(cseq, Request.REGISTER),
                    phone.headers.createFromHeader(aor, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    phone.headers.createToHeader(aor, null), List.of(phone.headers.createViaHeader(options.address(), phone.port,
                            "udp", null)), phone.headers.createMaxForwardsHeader(70));
            r.addHeader(phone.headers.createContactHeader(phone.addresses.createAddress("sip:" + agent.id() + "@"
                    + options.address() + ":" + phone.port)));
            r.addHeader(phone.headers.createExpiresHeader(expires));
            r.addHeader(phone.headers.createUserAgentHeader(List.of("Switchboard-Simulator")));
            if (challenge != null) {
                r.addHeader(answer(agent, challenge, registrar.toString()));
            }
            phone.provider.getNewClientTransaction(r).sendRequest();
        } catch (Exception e) {
            agent.refused(-1);
        }
    }

    private AuthorizationHeader answer(SimulatedAgent agent, WWWAuthenticateHeader c, String uri) throws Exception {
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String nc = "00000001";
        String ha1 = DigestResponse.ha1(agent.id(), c.getRealm(), agent.password());
        AuthorizationHeader auth = phone.headers.createAuthorizationHeader("Digest");
        auth.setUsername(agent.id());
        auth.setRealm(c.getRealm());
        auth.setNonce(c.getNonce());
        auth.setURI(phone.addresses.createURI(uri));
        auth.setAlgorithm("MD5");
        auth.setQop("auth");
        auth.setCNonce(cnonce);
        auth.setNonceCount(1);
        auth.setResponse(DigestResponse.of(ha1, c.getNonce(), Request.REGISTER, uri, nc, cnonce, "auth"));
        return auth;
    }

    /** A response to a REGISTER of one of the phones (anything else is ignored). */
    void response(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.REGISTER.equals(cseq.getMethod()) || response.getStatusCode() < 200) {
            return;
        }
        SimulatedAgent agent = byRegisterCallId.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME))
                .getCallId());
        if (agent == null) {
            return;
        }
        int status = response.getStatusCode();
        int asked = requested.getOrDefault(agent.id(), options.expires());
        Request sent = event.getClientTransaction() == null ? null : event.getClientTransaction().getRequest();
        boolean hadCredentials = sent != null && sent.getHeader(AuthorizationHeader.NAME) != null;
        if (status == Response.UNAUTHORIZED
                && response.getHeader(WWWAuthenticateHeader.NAME) instanceof WWWAuthenticateHeader challenge) {
            if (hadCredentials && !challenge.isStale()) {
                agent.refused(status); // the password is wrong
            } else {
                register(agent, asked, challenge);
            }
        } else if (status == Response.INTERVAL_TOO_BRIEF
                && response.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min && asked != 0) {
            register(agent, min.getExpires(), null);
        } else if (status == Response.OK) {
            if (asked == 0) {
                agent.registered(status, SimulatedAgent.Registration.UNREGISTERED, 0);
                return;
            }
            int granted = granted(response, asked);
            agent.registered(status, SimulatedAgent.Registration.REGISTERED, granted);
            timers.schedule(() -> {
                if (agent.registration() == SimulatedAgent.Registration.REGISTERED) {
                    register(agent, asked, null);
                }
            }, Math.max(1, granted / 2), TimeUnit.SECONDS);
        } else {
            agent.refused(status);
        }
    }

    private int granted(Response response, int asked) {
        var contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getAddress().getURI() instanceof SipURI u && u.getPort() == phone.port && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        return response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader e ? e.getExpires() : asked;
    }

}
