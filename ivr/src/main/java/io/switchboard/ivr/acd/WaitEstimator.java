package io.switchboard.ivr.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimated wait, per queue, position-aware. The caller at position p waits for the p-th agent to come free: agents
 * free now take the first callers; then each call in progress at this node is expected to free its agent when the
 * queue's recent handling time (the mean of the last {@value #WINDOW} calls' talk plus wrap-up) has passed since it
 * was answered, or when its known wrap-up ends, and every agent freed takes the next caller and is busy again for
 * the mean handling time. Without calls in progress it is {@code position × handling time ÷ agents serving}. Until the
 * queue has handled a call, it falls back to Asterisk's moving average of hold time ({@code (3 × old + new) / 4} on
 * every connect); with neither, there is no estimate and only the position is announced. See docs/acd.md.
 */
public final class WaitEstimator {

    /** Calls the handling-time mean is taken over. */
    public static final int WINDOW = 20;

    private final Map<String, Stats> byQueue = new ConcurrentHashMap<>();

    private static final class Stats {
        /** Calls in progress (and in wrap-up) at this node: call id → when the agent is expected free, or -1 ms. */
        private final Map<String, Long> busyUntil = new java.util.HashMap<>();
        private final Map<String, Instant> answered = new java.util.HashMap<>();
        private final ArrayDeque<Long> handling = new ArrayDeque<>();
        private long handlingSum;
        private double holdEma = -1;
    }

    /** A caller of {@code queue} was connected after holding {@code hold}. */
    public void connected(String queue, Duration hold) {
        Stats s = byQueue.computeIfAbsent(queue, q -> new Stats());
        synchronized (s) {
            double secs = hold.toMillis() / 1000.0;
            s.holdEma = s.holdEma < 0 ? secs : (3 * s.holdEma + secs) / 4;
        }
    }

    /** As {@link #connected(String, Duration)}, and the agent is busy with {@code callId} from {@code at}. */
    public void connected(String queue, Duration hold, String callId, Instant at) {
        connected(queue, hold);
        Stats s = byQueue.get(queue);
        synchronized (s) {
            s.answered.put(callId, at);
        }
    }

    /** As {@link #handled(String, Duration, Duration)}; the agent of {@code callId} is free again at {@code at + wrapUp}. */
    public void handled(String queue, String callId, Duration talk, Duration wrapUp, Instant at) {
        handled(queue, talk, wrapUp);
        Stats s = byQueue.get(queue);
        synchronized (s) {
            s.answered.remove(callId);
            s.busyUntil.put(callId, at.plus(wrapUp).toEpochMilli());
        }
    }

    /** A call of {@code queue} took {@code talk} and then {@code wrapUp} of the agent's time. */
    public void handled(String queue, Duration talk, Duration wrapUp) {
        Stats s = byQueue.computeIfAbsent(queue, q -> new Stats());
        synchronized (s) {
            long ms = talk.plus(wrapUp).toMillis();
            s.handling.addLast(ms);
            s.handlingSum += ms;
            if (s.handling.size() > WINDOW) {
                s.handlingSum -= s.handling.removeFirst();
            }
        }
    }

    /**
     * The expected wait of the caller at {@code position} (1 = next) in {@code queue}, with {@code agentsServing}
     * agents logged in to serve it; empty when nothing is known yet.
     */
    public Optional<Duration> estimate(String queue, int position, int agentsServing) {
        return estimate(queue, position, agentsServing, null);
    }

    /**
     * As {@link #estimate(String, int, int)}, counting how far the calls in progress at {@code now} are (null: not).
     */
    public Optional<Duration> estimate(String queue, int position, int agentsServing, Instant now) {
        Stats s = byQueue.get(queue);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            if (now != null && !s.handling.isEmpty() && agentsServing > 0) {
                double mean = (double) s.handlingSum / s.handling.size();
                long nowMs = now.toEpochMilli();
                s.busyUntil.values().removeIf(until -> until <= nowMs);
                java.util.List<Long> remaining = new java.util.ArrayList<>();
                s.busyUntil.values().forEach(until -> remaining.add(until - nowMs));
                s.answered.values().forEach(at -> remaining.add(Math.max(0, at.toEpochMilli() + Math.round(mean)
                        - nowMs)));
                int busy = Math.min(remaining.size(), agentsServing);
                int free = agentsServing - busy;
                int k = Math.max(1, position) - free;
                if (k <= 0) {
                    return Optional.of(Duration.ZERO);
                }
                if (busy > 0) {
                    java.util.Collections.sort(remaining);
                    long first = remaining.get((k - 1) % busy);
                    return Optional.of(Duration.ofMillis(first + Math.round((k - 1) / busy * mean)));
                }
            }
            if (!s.handling.isEmpty() && agentsServing > 0) {
                double mean = (double) s.handlingSum / s.handling.size();
                return Optional.of(Duration.ofMillis(Math.round(Math.max(1, position) * mean / agentsServing)));
            }
            return s.holdEma < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(s.holdEma * 1000)));
        }
    }
}
