package io.switchboard.speech.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The arithmetic of SIP digest authentication (RFC 2617 / RFC 7616 with MD5, qop {@code auth} or none), shared by the
 * registrar that checks a phone's answer and the simulated agent that computes it, so both sides compute it once.
 */
public final class DigestResponse {

    private DigestResponse() {}

    /** HA1 = MD5(user ":" realm ":" password), lower-case hex. */
    public static String ha1(String user, String realm, String password) {
        return md5(user + ":" + realm + ":" + password);
    }

    /**
     * The response a phone sends for {@code method} on {@code uri}: with qop {@code auth},
     * MD5(HA1:nonce:nc:cnonce:auth:HA2); without qop (RFC 2069 style), MD5(HA1:nonce:HA2); HA2 = MD5(method:uri).
     *
     * @param nonceCount the nc as sent, 8 hex digits (ignored without qop)
     * @param qop        {@code auth}, or null for none
     */
    public static String of(String ha1, String nonce, String method, String uri, String nonceCount, String cnonce,
            String qop) {
        String ha2 = md5(method + ":" + uri);
        if (qop == null) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Compares two hex digests in time independent of where they differ. */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
