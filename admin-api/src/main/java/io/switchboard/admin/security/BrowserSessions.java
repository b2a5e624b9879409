package io.switchboard.admin.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The pages' logins: a user who logs in on the login page gets a session token ({@code sbs_…}, 256 random bits)
 * that the page keeps in {@code sessionStorage} and sends as {@code Authorization: Bearer}. Only its SHA-256 is held,
 * in memory: a restart logs every browser out (they log in again), and no cookie ever carries authority, so no
 * other site can make a browser act with it. A session ends when idle for {@code idle}, when logged out, or when
 * its user is deleted; its roles are the user's roles at each request.
 */
public final class BrowserSessions {

    static final String PREFIX = "sbs_";
    private static final int SECRET_CHARS = 43;

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final int max;
    private final LongSupplier nanos;

    /** A live session: whose it is and when it was last used (nanoTime). */
    record Session(String user, long lastUsed) {}

    BrowserSessions(Duration idle, int max, LongSupplier nanos) {
        this.idle = idle;
        this.max = max;
        this.nanos = nanos;
    }

    /** Whether {@code secret} looks like a session token (rather than an API token). */
    static boolean isSession(String secret) {
        return secret.startsWith(PREFIX);
    }

    /**
     * A new session for {@code user}; when {@code max} sessions are live the longest idle one ends.
     */
    String open(String user) {
        expire();
        while (byHash.size() >= max) {
            byHash.entrySet().stream().min(Map.Entry.comparingByValue(
                    java.util.Comparator.comparingLong(Session::lastUsed)))
                    .ifPresent(oldest -> byHash.remove(oldest.getKey(), oldest.getValue()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byHash.put(ApiTokens.hash(secret), new Session(user, nanos.getAsLong()));
        return secret;
    }

    /** The user of the live session {@code secret}, marking it used; empty for anything else. */
    Optional<String> user(String secret) {
        if (secret == null || secret.length() != PREFIX.length() + SECRET_CHARS || !isSession(secret)) {
            return Optional.empty();
        }
        String key = ApiTokens.hash(secret);
        long now = nanos.getAsLong();
        Session session = byHash.computeIfPresent(key, (k, s) -> now - s.lastUsed() > idle.toNanos() ? null
                : new Session(s.user(), now));
        return Optional.ofNullable(session).map(Session::user);
    }

    /** Ends session {@code secret} (a logout); unknown secrets are ignored. */
    void close(String secret) {
        if (secret != null) {
            byHash.remove(ApiTokens.hash(secret));
        }
    }

    int size() {
        return byHash.size();
    }

    private void expire() {
        long now = nanos.getAsLong();
        byHash.values().removeIf(s -> now - s.lastUsed() > idle.toNanos());
    }
}
