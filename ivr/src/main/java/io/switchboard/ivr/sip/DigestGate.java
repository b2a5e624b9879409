package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.speech.sip.DigestResponse;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Digest authentication of agents' phones (RFC 3261 22, RFC 2617 with MD5 and qop auth): a REGISTER is challenged
 * with 401 and WWW-Authenticate, an INVITE to a feature code with 407 and Proxy-Authenticate. The secret is the HA1
 * the ACD keeps ({@link AgentPhones#digestHa1}); an unknown user and a wrong password get the same fresh challenge,
 * so user names cannot be probed. A correct answer to a nonce that expired gets a challenge with {@code stale=true}.
 */
final class DigestGate {

    /** What a request's credentials are worth. */
    sealed interface Verdict {
        /** The phone proved it is {@code user}. */
        record Authenticated(String user) implements Verdict {}

        /** Challenge again; {@code stale} when only the nonce was too old. */
        record Challenge(boolean stale) implements Verdict {}
    }

    private static final int MAX_FIELD = 256;

    private final AgentPhones phones;
    private final String realm;
    private final DigestNonces nonces;
    private final HeaderFactory headers;

    DigestGate(AgentPhones phones, String realm, DigestNonces nonces, HeaderFactory headers) {
        this.phones = phones;
        this.realm = realm;
        this.nonces = nonces;
        this.headers = headers;
    }

    /** Judges the credentials of {@code request}: Authorization for a REGISTER, Proxy-Authorization otherwise. */
    Verdict check(Request request) {
        boolean register = Request.REGISTER.equals(request.getMethod());
        var header = request.getHeader(register ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME);
        if (!(header instanceof AuthorizationHeader auth) || !"Digest".equalsIgnoreCase(auth.getScheme())) {
            return new Verdict.Challenge(false);
        }
        String user = auth.getUsername();
        String nonce = auth.getNonce();
        String answer = auth.getResponse();
        String qop = auth.getQop();
        String algorithm = auth.getAlgorithm();
        if (!realm.equals(auth.getRealm()) || !usable(user) || !usable(nonce) || !usable(answer)
                || auth.getURI() == null || (qop != null && !"auth".equalsIgnoreCase(qop))
                || (algorithm != null && !"MD5".equalsIgnoreCase(algorithm))
                || (qop != null && !usable(auth.getCNonce()))) {
            return new Verdict.Challenge(false);
        }
        Optional<String> ha1 = phones.digestHa1(user, realm);
        if (ha1.isEmpty()) {
            return new Verdict.Challenge(false);
        }
        String nc = qop == null ? null : String.format("%08x", auth.getNonceCount());
        String expected = DigestResponse.of(ha1.get(), nonce, request.getMethod(), auth.getURI().toString(), nc,
                auth.getCNonce(), qop == null ? null : "auth");
        if (!DigestResponse.matches(expected, answer)) {
            return new Verdict.Challenge(false);
        }
        return switch (nonces.use(nonce, qop == null ? -1 : auth.getNonceCount())) {
            case FRESH -> new Verdict.Authenticated(user);
            case STALE -> new Verdict.Challenge(true);
            case REPLAYED -> new Verdict.Challenge(false);
        };
    }

    /** Adds a challenge with a new nonce to {@code response} (401 or 407). */
    Response challenge(Response response, boolean stale) throws ParseException {
        WWWAuthenticateHeader h = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? headers.createProxyAuthenticateHeader("Digest") : headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(realm);
        h.setNonce(nonces.issue());
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
            h.setStale(true);
        }
        response.setHeader(h);
        return response;
    }

    private static boolean usable(String field) {
        return field != null && !field.isEmpty() && field.length() <= MAX_FIELD;
    }
}
