package io.switchboard.routing.facts;

import java.util.Objects;

/**
 * After {@code afterSeconds} of waiting in {@code queue}, a call overflows to {@code toQueue}: the router sets the
 * call's {@link WaitingCall#overflowQueue()} then, and a rule turns that into {@link AlsoServedBy}. Declared by a rule
 * with no conditions, like {@link EscalationPlan}.
 */
public record Overflow(String queue, String toQueue, int afterSeconds) {

    public Overflow {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(toQueue, "toQueue");
        if (afterSeconds <= 0) {
            throw new IllegalArgumentException("overflow of " + queue + " after " + afterSeconds
                    + " s: it must be positive");
        }
        if (queue.equals(toQueue)) {
            throw new IllegalArgumentException("overflow of " + queue + " to itself");
        }
    }
}
