package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * A place in a queue's line: a caller holding on, or a call back waiting for its turn. The place is fixed by
 * {@code priority} (higher first) and the original time of entry (earlier first); a caller sent back after an agent
 * did not answer, and a call back, keep both, so they keep their place.
 *
 * @param id         the caller's call id, or {@code callback-<n>} for a call back
 * @param callbackId the call back's row, or 0 for a caller holding on
 * @param callerId   the caller's number (shown to the agent)
 * @param seq        breaks ties between equal times: the order of arrival on this node
 */
public record WaitingCall(String id, String queue, int priority, Instant enteredAt, long seq,
        Map<String, Integer> skills, long callbackId, String callerId) {

    /** The line's order: priority first, then the original time of entry. */
    public static final Comparator<WaitingCall> ORDER = Comparator.comparingInt(WaitingCall::priority).reversed()
            .thenComparing(WaitingCall::enteredAt).thenComparingLong(WaitingCall::seq)
            .thenComparing(WaitingCall::id);

    public WaitingCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(enteredAt, "enteredAt");
        skills = Map.copyOf(skills);
        callerId = callerId == null ? "" : callerId;
    }

    public boolean isCallback() {
        return callbackId != 0;
    }
}
