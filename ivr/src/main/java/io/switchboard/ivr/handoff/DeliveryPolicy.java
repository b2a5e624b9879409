package io.switchboard.ivr.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * How hand-offs are delivered: how often the outbox is read and how much at once, how long a claim lasts, Camel's
 * redelivery within one attempt (exponential), and the outbox's own back-off between attempts (doubling from
 * {@code retryAfter} to {@code maxRetryAfter}) until {@code maxAttempts}, after which the hand-off is dead.
 */
public record DeliveryPolicy(Duration poll, int batch, Duration lease, int redeliveries, Duration redeliveryDelay,
        Duration maxRedeliveryDelay, Duration retryAfter, Duration maxRetryAfter, int maxAttempts) {

    /** The defaults: a second's poll, 50 at once, 2 minutes' claim, 2 redeliveries from 500 ms, then 30 s doubling
     * to an hour, for 100 attempts (about four days). */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(Duration.ofSeconds(1), 50, Duration.ofMinutes(2),
            2, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1), 100);

    public DeliveryPolicy {
        positive("poll", poll);
        positive("lease", lease);
        positive("retry-after", retryAfter);
        positive("max-retry-after", maxRetryAfter);
        if (batch < 1 || batch > HandoffOutbox.MAX_READ) {
            throw new IllegalArgumentException("switchboard.handoff.batch must be 1 to " + HandoffOutbox.MAX_READ
                    + ", got " + batch);
        }
        if (redeliveries < 0 || redeliveries > 10) {
            throw new IllegalArgumentException("switchboard.handoff.redeliveries must be 0 to 10, got "
                    + redeliveries);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("switchboard.handoff.max-attempts must be 1 or more, got "
                    + maxAttempts);
        }
    }

    /** When the next attempt after {@code attempts} failed ones may start. */
    public Instant nextAttempt(Instant now, int attempts) {
        Duration wait = retryAfter;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("switchboard.handoff." + name + " must be more than 0, got " + value);
        }
    }
}
