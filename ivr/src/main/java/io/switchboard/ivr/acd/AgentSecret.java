package io.switchboard.ivr.acd;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An agent's password as it is kept: never plain. SIP digest authentication needs HA1 = MD5(user:realm:password) for
 * the one realm {@link #REALM}; anything else (a future agent login over HTTP) checks a salted PBKDF2-HMAC-SHA256.
 *
 * @param digestHa1    lower-case hex MD5 of {@code id:switchboard:password}
 * @param passwordHash {@code pbkdf2-sha256$iterations$salt-hex$hash-hex}
 */
public record AgentSecret(String digestHa1, String passwordHash) {

    /** The SIP digest realm of the built-in endpoint. */
    public static final String REALM = "switchboard";
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;
    private static final int ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "AgentSecret[hashed]";
    }

    /** Hashes {@code password} for the agent {@code id}; the password must be 8 to 128 characters. */
    public static AgentSecret hash(String id, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new AgentSecret(ha1(id, REALM, password), "pbkdf2-sha256$" + ITERATIONS + "$"
                + HexFormat.of().formatHex(salt) + "$" + HexFormat.of().formatHex(pbkdf2(password, salt, ITERATIONS)));
    }

    /** Whether {@code password} is this secret's password (constant time in the hash). */
    public boolean matches(String password) {
        if (password == null || password.length() > MAX_PASSWORD) {
            return false;
        }
        String[] parts = passwordHash.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(parts[3]);
        byte[] actual = pbkdf2(password, HexFormat.of().parseHex(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** RFC 7616 HA1 for MD5: MD5(user ":" realm ":" password), lower-case hex. */
    public static String ha1(String user, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((user + ":" + realm + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
