package io.switchboard.ivr.sip;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New INVITEs per source address, as a token bucket each (the idea of Kamailio's pike module): a source may send
 * {@code burst} at once and {@code perSecond} on average; beyond that it is refused until its bucket refills. The
 * table remembers at most {@code maxSources} addresses, forgetting the least recently seen first, so a flood from
 * many addresses costs bounded memory (a forgotten source starts again with a full bucket).
 */
final class InviteRateLimit {

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets;

    InviteRateLimit(double perSecond, int burst, int maxSources) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes a token for one INVITE from {@code source} at {@code nowNanos}; false when its bucket is empty. */
    synchronized boolean tryAcquire(InetAddress source, long nowNanos) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket(burst, nowNanos);
            buckets.put(source, b);
        }
        b.tokens = Math.min(burst, b.tokens + (nowNanos - b.refilledAt) * perNano);
        b.refilledAt = nowNanos;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    /** How many sources are remembered now. */
    synchronized int trackedSources() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
