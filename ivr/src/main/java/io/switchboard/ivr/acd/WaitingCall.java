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
 * @param language   the caller's language when they joined (the flow's current language), or null
 * @param attributes what the flow's queue step told the routing rules of the caller (topic, segment, value, region)
 */
public record WaitingCall(String id, String queue, int priority, Instant enteredAt, long seq,
        Map<String, Integer> skills, long callbackId, String callerId, String language,
        Map<String, String> attributes) {

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
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /** A place with no language or attributes known (call backs, the default router's tests). */
    public WaitingCall(String id, String queue, int priority, Instant enteredAt, long seq,
            Map<String, Integer> skills, long callbackId, String callerId) {
        this(id, queue, priority, enteredAt, seq, skills, callbackId, callerId, null, Map.of());
    }

    public boolean isCallback() {
        return callbackId != 0;
    }
}
