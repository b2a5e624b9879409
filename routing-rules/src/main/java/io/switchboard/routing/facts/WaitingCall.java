package io.switchboard.routing.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A call waiting in a queue as the routing rules see it. The ACD gives the caller's facts ({@link #of}); the router
 * keeps {@link #step()} (the escalation step now in force, of {@link #steps()}) and {@link #overflowQueue()} (the queue
 * the call overflowed to, or {@code null}) up to date as the wait goes on, replacing the fact when they change.
 *
 * @param priority  higher goes first (the flow's queue step sets it)
 * @param enteredAt when the caller joined the line (a callback keeps its original time)
 * @param segment   customer segment from the lookup (e.g. {@code vip}), or {@code null}
 * @param value     customer value from the lookup (0 when unknown)
 * @param topic     what the caller asked about in the menu (a skill name), or {@code null}
 * @param callback  whether this is a callback that is due
 */
public record WaitingCall(String id, String queue, int priority, Instant enteredAt, String language, String segment,
        int value, String region, String topic, boolean callback, int step, int steps, String overflowQueue) {

    public WaitingCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(enteredAt, "enteredAt");
        if (steps < 1 || step < 1 || step > steps) {
            throw new IllegalArgumentException("call " + id + ": step " + step + " of " + steps);
        }
    }

    /** A call with only its queue and entry time known; add the rest with the {@code with…} methods. */
    public static WaitingCall of(String id, String queue, Instant enteredAt) {
        return new WaitingCall(id, queue, 0, enteredAt, null, null, 0, null, null, false, 1, 1, null);
    }

    public WaitingCall withPriority(int newPriority) {
        return new WaitingCall(id, queue, newPriority, enteredAt, language, segment, value, region, topic, callback,
                step, steps, overflowQueue);
    }

    public WaitingCall withLanguage(String newLanguage) {
        return new WaitingCall(id, queue, priority, enteredAt, newLanguage, segment, value, region, topic, callback,
                step, steps, overflowQueue);
    }

    public WaitingCall withCustomer(String newSegment, int newValue, String newRegion) {
        return new WaitingCall(id, queue, priority, enteredAt, language, newSegment, newValue, newRegion, topic,
                callback, step, steps, overflowQueue);
    }

    public WaitingCall withTopic(String newTopic) {
        return new WaitingCall(id, queue, priority, enteredAt, language, segment, value, region, newTopic, callback,
                step, steps, overflowQueue);
    }

    public WaitingCall asCallback(boolean isCallback) {
        return new WaitingCall(id, queue, priority, enteredAt, language, segment, value, region, topic, isCallback,
                step, steps, overflowQueue);
    }

    /** The same call at another point of its wait (the router's change). */
    public WaitingCall atStep(int newStep, int newSteps, String newOverflowQueue) {
        return new WaitingCall(id, queue, priority, enteredAt, language, segment, value, region, topic, callback,
                newStep, newSteps, newOverflowQueue);
    }

    /** How long the caller has waited at {@code now}. */
    public Duration waited(Instant now) {
        Duration waited = Duration.between(enteredAt, now);
        return waited.isNegative() ? Duration.ZERO : waited;
    }
}
