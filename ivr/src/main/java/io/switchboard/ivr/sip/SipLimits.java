package io.switchboard.ivr.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * What the endpoint lets callers take, so that floods and half-made calls cannot lock real callers out.
 *
 * @param maxCalls         calls at once (ringing, answered, or waiting for their ACK); 0 = as many as the RTP port
 *                         range holds. Beyond it, and when no RTP port is free, an INVITE gets 503 with Retry-After
 * @param ackTimeout       how long a 200 OK waits for its ACK before the call and its media are released (SIP
 *                         timer H, 64×T1 = 32 s)
 * @param invitesPerSecond new INVITEs one source address may send per second on average (token bucket refill)
 * @param inviteBurst      new INVITEs one source may send at once (bucket size); beyond the bucket: 503
 * @param trackedSources   how many source addresses the INVITE limit remembers (least recently seen forgotten first)
 * @param retryAfter       the Retry-After of every 503
 */
public record SipLimits(int maxCalls, Duration ackTimeout, double invitesPerSecond, int inviteBurst,
        int trackedSources, Duration retryAfter) {

    public SipLimits {
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxCalls < 0) {
            throw new IllegalArgumentException("max calls must be 0 (as many as RTP ports allow) or more, got "
                    + maxCalls);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("the ACK timeout must be positive, got " + ackTimeout);
        }
        if (!(invitesPerSecond > 0) || inviteBurst < 1) {
            throw new IllegalArgumentException("INVITE rate and burst must be positive, got " + invitesPerSecond
                    + "/s, burst " + inviteBurst);
        }
        if (trackedSources < 1) {
            throw new IllegalArgumentException("tracked sources must be at least 1, got " + trackedSources);
        }
        if (retryAfter.isNegative() || retryAfter.toSeconds() > 86_400) {
            throw new IllegalArgumentException("Retry-After must be 0 s to 1 day, got " + retryAfter);
        }
    }

    /**
     * As many calls as the RTP ports allow, timer H 32 s, 20 new INVITEs per second per source with a burst of 50,
     * 10,000 sources remembered, Retry-After 5 s.
     */
    public static SipLimits defaults() {
        return new SipLimits(0, Duration.ofSeconds(32), 20, 50, 10_000, Duration.ofSeconds(5));
    }

    public SipLimits withMaxCalls(int calls) {
        return new SipLimits(calls, ackTimeout, invitesPerSecond, inviteBurst, trackedSources, retryAfter);
    }

    public SipLimits withAckTimeout(Duration timeout) {
        return new SipLimits(maxCalls, timeout, invitesPerSecond, inviteBurst, trackedSources, retryAfter);
    }

    public SipLimits withInviteRate(double perSecond, int burst) {
        return new SipLimits(maxCalls, ackTimeout, perSecond, burst, trackedSources, retryAfter);
    }
}
