package io.switchboard.ivr.acd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places in line kept for callers who chose a call back while waiting: the flow's callback step, which runs next on
 * the same call's thread, books the call back through {@link AcdCallbacks}, and it takes the caller's original place
 * (priority and entry time). A place not taken within {@link #KEPT_FOR} is forgotten; at most {@link #MAX} are kept.
 */
final class KeptPlaces {

    static final Duration KEPT_FOR = Duration.ofMinutes(10);
    static final int MAX = 10_000;

    private record Kept(WaitingCall place, Instant until) {}

    private final Map<Thread, Kept> byThread = new ConcurrentHashMap<>();
    private final Clock clock;

    KeptPlaces(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code place} for the flow running on this thread. */
    void keep(WaitingCall place) {
        Instant now = clock.instant();
        if (byThread.size() >= MAX) {
            byThread.values().removeIf(k -> k.until().isBefore(now));
        }
        if (byThread.size() < MAX) {
            byThread.put(Thread.currentThread(), new Kept(place, now.plus(KEPT_FOR)));
        }
    }

    /** The place this thread's caller left for a call back in {@code queue}, taken once. */
    Optional<WaitingCall> take(String queue) {
        Kept kept = byThread.remove(Thread.currentThread());
        if (kept == null || kept.until().isBefore(clock.instant()) || !kept.place().queue().equals(queue)) {
            return Optional.empty();
        }
        return Optional.of(kept.place());
    }
}
