package io.switchboard.ivr.acd;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimated wait, per queue, position-aware: {@code position × recent handling time ÷ agents serving}, where the
 * handling time is the mean of the last {@value #WINDOW} calls' talk plus wrap-up time. A caller at position p waits
 * for p calls to finish, and the agents serving the queue finish calls in parallel. Until the queue has handled a
 * call, it falls back to Asterisk's moving average of hold time ({@code (3 × old + new) / 4} on every connect); with
 * neither, there is no estimate and only the position is announced. See docs/acd.md.
 */
public final class WaitEstimator {

    /** Calls the handling-time mean is taken over. */
    public static final int WINDOW = 20;

    private final Map<String, Stats> byQueue = new ConcurrentHashMap<>();

    private static final class Stats {
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
        Stats s = byQueue.get(queue);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            if (!s.handling.isEmpty() && agentsServing > 0) {
                double mean = (double) s.handlingSum / s.handling.size();
                return Optional.of(Duration.ofMillis(Math.round(Math.max(1, position) * mean / agentsServing)));
            }
            return s.holdEma < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(s.holdEma * 1000)));
        }
    }
}
