package io.switchboard.admin.pages;

import io.switchboard.ivr.acd.AgentActivity;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.AgentView;
import io.switchboard.ivr.acd.QueueSnapshot;
import io.switchboard.ivr.acd.QueueSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wallboard's live content: per queue the callers waiting (with their waits), the longest wait, today's service
 * level and abandonment, agents by state; and every agent with state and time in state. Ratios are null when there
 * is nothing to divide (no call today), never NaN.
 */
public final class Wallboard {

    private final QueueSnapshots queues;
    private final AgentDirectory agents;
    private final Clock clock;

    public Wallboard(QueueSnapshots queues, AgentDirectory agents, Clock clock) {
        this.queues = queues;
        this.agents = agents;
        this.clock = clock;
    }

    /** Everything the wallboard shows (no time stamp: a snapshot differs from the last only when the board does). */
    public record Snapshot(List<QueueLine> queues, List<AgentLine> agents) {}

    /** One queue. */
    public record QueueLine(String queue, int waitingCount, long longestWaitSeconds, List<Caller> waiting,
            int answeredToday, int abandonedToday, Double serviceLevelToday, Double abandonRateToday,
            long serviceLevelSeconds, Map<String, Integer> agents, int callbacksPending) {}

    /** A waiting caller. */
    public record Caller(int position, String callId, String caller, long waitSeconds) {}

    /** An agent. */
    public record AgentLine(String id, String name, String state, String reason, String queue,
            long secondsInState, boolean phoneRegistered) {}

    public Snapshot now() {
        Instant now = clock.instant();
        List<QueueLine> lines = queues.all().stream().map(Wallboard::line).toList();
        List<AgentLine> people = agents.list().stream().map(a -> agent(a, now)).toList();
        return new Snapshot(lines, people);
    }

    private static QueueLine line(QueueSnapshot q) {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (AgentActivity a : AgentActivity.values()) {
            byState.put(code(a), q.agents().getOrDefault(a, 0));
        }
        int offered = q.answeredToday() + q.abandonedToday();
        return new QueueLine(q.queue(), q.waiting().size(), q.longestWait().toSeconds(), q.waiting().stream()
                .map(w -> new Caller(w.position(), w.callId(), w.caller(), w.waited().toSeconds())).toList(),
                q.answeredToday(), q.abandonedToday(),
                q.answeredToday() == 0 ? null : (double) q.answeredInServiceLevel() / q.answeredToday(),
                offered == 0 ? null : (double) q.abandonedToday() / offered,
                q.serviceLevel() == null ? 0 : q.serviceLevel().toSeconds(), byState, q.callbacksPending());
    }

    private static AgentLine agent(AgentView a, Instant now) {
        var s = a.state();
        long inState = s == null || s.since() == null ? 0 : Math.max(0, Duration.between(s.since(), now).toSeconds());
        return new AgentLine(a.id(), a.name(), s == null ? code(AgentActivity.LOGGED_OUT) : code(s.activity()),
                s == null ? null : s.reason(), s == null ? null : s.queue(), inState, a.phoneRegistered());
    }

    static String code(AgentActivity activity) {
        return activity.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
