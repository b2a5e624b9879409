package io.switchboard.routing.facts;

import java.util.Arrays;
import java.util.Objects;

/**
 * The escalation steps of a queue ({@code "*"}: every queue without its own plan), declared by a rule with no
 * conditions: {@code insert(new EscalationPlan("*", 20, 40))} makes three steps, the first from 0 s, the second from
 * 20 s, the third from 40 s of waiting. The router moves each call to its next step when that time comes.
 */
public record EscalationPlan(String queue, int... startsAfterSeconds) {

    public static final String EVERY_QUEUE = "*";
    public static final int MAX_STEPS = 10;

    public EscalationPlan {
        Objects.requireNonNull(queue, "queue");
        startsAfterSeconds = startsAfterSeconds.clone();
        if (startsAfterSeconds.length + 1 > MAX_STEPS) {
            throw new IllegalArgumentException("escalation plan of " + queue + " has " + (startsAfterSeconds.length + 1)
                    + " steps; at most " + MAX_STEPS + " are allowed");
        }
        int previous = 0;
        for (int start : startsAfterSeconds) {
            if (start <= previous) {
                throw new IllegalArgumentException("escalation plan of " + queue + ": step starts "
                        + Arrays.toString(startsAfterSeconds) + " must be positive and increasing");
            }
            previous = start;
        }
    }

    public int steps() {
        return startsAfterSeconds.length + 1;
    }

    /** The step in force after {@code waitedSeconds} (1-based). */
    public int stepAfter(long waitedSeconds) {
        int step = 1;
        for (int start : startsAfterSeconds) {
            if (waitedSeconds >= start) {
                step++;
            }
        }
        return step;
    }

    /** When (seconds of waiting) step {@code step + 1} starts, or -1 after the last step. */
    public long nextStartAfter(int step) {
        return step < steps() ? startsAfterSeconds[step - 1] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EscalationPlan p && p.queue.equals(queue) && Arrays.equals(p.startsAfterSeconds,
                startsAfterSeconds);
    }

    @Override
    public int hashCode() {
        return queue.hashCode() * 31 + Arrays.hashCode(startsAfterSeconds);
    }

    @Override
    public String toString() {
        return "EscalationPlan[" + queue + ", " + Arrays.toString(startsAfterSeconds) + "]";
    }
}
