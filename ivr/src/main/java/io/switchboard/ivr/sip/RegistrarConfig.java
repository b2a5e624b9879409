package io.switchboard.ivr.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * How agents' phones register with the built-in endpoint, and the bounds that keep the registrar small whatever
 * phones send.
 *
 * @param realm            the digest realm phones authenticate in (the HA1 the ACD keeps is for this realm)
 * @param minExpires       a shorter registration is refused with 423 Interval Too Brief
 * @param maxExpires       a longer one is granted only this long
 * @param contactsPerAgent registrations one agent may hold at once; a further one replaces the oldest
 * @param registrations    registrations in all; beyond it a new one gets 503
 * @param nonceLifetime    how long a digest nonce is good for; an older one gets a new challenge with stale=true
 * @param nonces           digest nonces remembered at once (the oldest forgotten first)
 */
public record RegistrarConfig(String realm, Duration minExpires, Duration maxExpires, int contactsPerAgent,
        int registrations, Duration nonceLifetime, int nonces) {

    public RegistrarConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (!realm.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("the realm is 1-64 letters, digits, '.', '_' or '-', got '" + realm
                    + "'");
        }
        if (minExpires.toSeconds() < 1 || maxExpires.compareTo(minExpires) < 0
                || maxExpires.toSeconds() > 86_400) {
            throw new IllegalArgumentException("registration expiry must satisfy 1 s <= min <= max <= 1 day, got "
                    + minExpires + " and " + maxExpires);
        }
        if (contactsPerAgent < 1 || registrations < 1 || nonces < 1) {
            throw new IllegalArgumentException("contacts per agent, registrations and nonces must be at least 1");
        }
        if (nonceLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("the nonce lifetime must be at least 1 s, got " + nonceLifetime);
        }
    }

    /**
     * Realm {@code switchboard}; registrations of 60 s to 1 hour; 5 phones per agent, 10,000 in all; nonces good
     * for 5 minutes, 10,000 remembered.
     */
    public static RegistrarConfig defaults() {
        return new RegistrarConfig("switchboard", Duration.ofSeconds(60), Duration.ofHours(1), 5, 10_000,
                Duration.ofMinutes(5), 10_000);
    }

    public RegistrarConfig withExpires(Duration min, Duration max) {
        return new RegistrarConfig(realm, min, max, contactsPerAgent, registrations, nonceLifetime, nonces);
    }

    public RegistrarConfig withBounds(int perAgent, int total) {
        return new RegistrarConfig(realm, minExpires, maxExpires, perAgent, total, nonceLifetime, nonces);
    }

    public RegistrarConfig withNonces(Duration lifetime, int count) {
        return new RegistrarConfig(realm, minExpires, maxExpires, contactsPerAgent, registrations, lifetime, count);
    }
}
