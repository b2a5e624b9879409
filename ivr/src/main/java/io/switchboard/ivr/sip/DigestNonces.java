package io.switchboard.ivr.sip;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The digest nonces the endpoint handed out: each is random, good for a lifetime, and remembers the highest nonce
 * count a phone used with it, so a captured answer cannot be replayed. The table is bounded: beyond its size the
 * oldest nonce is forgotten (its phone then gets a stale challenge and simply answers the new one).
 */
final class DigestNonces {

    /** What a nonce is worth now. */
    enum Use { FRESH, STALE, REPLAYED }

    private record Issued(long atNanos, long[] highestCount) {}

    private final SecureRandom random = new SecureRandom();
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Issued> issued;

    DigestNonces(Duration lifetime, int capacity, LongSupplier nanoTime) {
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoTime = nanoTime;
        this.issued = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A new nonce: 128 random bits in hex. */
    synchronized String issue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        issued.put(nonce, new Issued(nanoTime.getAsLong(), new long[] {0}));
        return nonce;
    }

    /**
     * Uses {@code nonce} with nonce count {@code count} (-1 when the phone sent no qop, hence no count): FRESH when it
     * is ours, alive and the count is higher than any before; STALE when unknown or expired; REPLAYED when the count
     * was used already.
     */
    synchronized Use use(String nonce, long count) {
        Issued i = issued.get(nonce);
        if (i == null) {
            return Use.STALE;
        }
        if (nanoTime.getAsLong() - i.atNanos() > lifetimeNanos) {
            issued.remove(nonce);
            return Use.STALE;
        }
        if (count >= 0) {
            if (count <= i.highestCount()[0]) {
                return Use.REPLAYED;
            }
            i.highestCount()[0] = count;
        }
        return Use.FRESH;
    }

    synchronized int size() {
        return issued.size();
    }
}
