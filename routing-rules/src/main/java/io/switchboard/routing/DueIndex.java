package io.switchboard.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When each waiting call's escalation next moves on, ordered by time: advancing the clock touches only the calls that
 * are due, never every waiting call. A rescheduled or removed call leaves a stale entry behind, skipped when it comes
 * up.
 */
final class DueIndex {

    private record Due(Instant at, String callId) {}

    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final Map<String, Instant> scheduled = new HashMap<>();

    /** Schedules {@code callId} at {@code at}, replacing its earlier time; {@code null} unschedules it. */
    void schedule(String callId, Instant at) {
        if (at == null) {
            scheduled.remove(callId);
            return;
        }
        scheduled.put(callId, at);
        queue.add(new Due(at, callId));
        if (queue.size() > 4 * scheduled.size() + 1024) {
            compact();
        }
    }

    /** Removes and returns the calls due at or before {@code now}, earliest first. */
    List<String> due(Instant now) {
        List<String> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Due next = queue.poll();
            if (next.at().equals(scheduled.get(next.callId()))) {
                scheduled.remove(next.callId());
                due.add(next.callId());
            }
        }
        return due;
    }

    int size() {
        return scheduled.size();
    }

    private void compact() {
        queue.clear();
        scheduled.forEach((id, at) -> queue.add(new Due(at, id)));
    }
}
