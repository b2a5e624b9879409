package io.switchboard.admin.pages;

import io.switchboard.ivr.acd.AgentActivity;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.AgentView;
import io.switchboard.ivr.acd.QueueSnapshot;
import io.switchboard.ivr.acd.QueueSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wallboard's live content: per queue the callers waiting (since when), today's service level and abandonment,
 * agents by state; and every agent with their state and since when. Times are instants, not ages, so a snapshot
 * changes only when the board does (the page counts the waits on); ratios are null when there is nothing to divide
 * (no call today), never NaN.
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
    public record QueueLine(String queue, int waitingCount, Instant longestWaitingSince, List<Caller> waiting,
            int answeredToday, int abandonedToday, Double serviceLevelToday, Double abandonRateToday,
            long serviceLevelSeconds, Map<String, Integer> agents, int callbacksPending) {}

    /** A waiting caller. */
    public record Caller(int position, String callId, String caller, Instant waitingSince) {}

    /** An agent. */
    public record AgentLine(String id, String name, String state, String reason, String queue, Instant since,
            boolean phoneRegistered) {}

    public Snapshot now() {
        Instant now = clock.instant();
        List<QueueLine> lines = queues.all().stream().map(q -> line(q, now)).toList();
        List<AgentLine> people = agents.list().stream().map(Wallboard::agent).toList();
        return new Snapshot(lines, people);
    }

    private static QueueLine line(QueueSnapshot q, Instant now) {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (AgentActivity a : AgentActivity.values()) {
            byState.put(code(a), q.agents().getOrDefault(a, 0));
        }
        int offered = q.answeredToday() + q.abandonedToday();
        return new QueueLine(q.queue(), q.waiting().size(), q.waiting().isEmpty() ? null : since(now,
                q.longestWait()), q.waiting().stream().map(w -> new Caller(w.position(), w.callId(), w.caller(),
                since(now, w.waited()))).toList(),
                q.answeredToday(), q.abandonedToday(),
                q.answeredToday() == 0 ? null : (double) q.answeredInServiceLevel() / q.answeredToday(),
                offered == 0 ? null : (double) q.abandonedToday() / offered,
                q.serviceLevel() == null ? 0 : q.serviceLevel().toSeconds(), byState, q.callbacksPending());
    }

    private static AgentLine agent(AgentView a) {
        var s = a.state();
        return new AgentLine(a.id(), a.name(), s == null ? code(AgentActivity.LOGGED_OUT) : code(s.activity()),
                s == null ? null : s.reason(), s == null ? null : s.queue(), s == null ? null : s.since(),
                a.phoneRegistered());
    }

    /** When a wait of {@code waited} at {@code now} began, to the second (steady from one snapshot to the next). */
    private static Instant since(Instant now, Duration waited) {
        return now.minus(waited).truncatedTo(ChronoUnit.SECONDS);
    }

    static String code(AgentActivity activity) {
        return activity.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
