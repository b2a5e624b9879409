package io.switchboard.ivr.acd;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.callflow.queue.QueueSettings;
import io.switchboard.ivr.report.QueueFigures;
import io.switchboard.ivr.report.Reports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The read model behind {@code GET /api/queues} and {@code /api/queues/{id}}: {@link QueueSnapshot}s, computed now. */
public final class QueueSnapshots {

    private final Supplier<QueueRegistry> registry;
    private final QueueLine line;
    private final AgentStates states;
    private final AgentDirectory directory;
    private final CallbackStore callbacks;
    private final Reports reports;
    private final WaitEstimator estimator;
    private final OfferableAgents offerable;
    private final Clock clock;

    QueueSnapshots(Supplier<QueueRegistry> registry, QueueLine line, AgentStates states, AgentDirectory directory,
            CallbackStore callbacks, Reports reports, WaitEstimator estimator, OfferableAgents offerable,
            Clock clock) {
        this.registry = registry;
        this.line = line;
        this.states = states;
        this.directory = directory;
        this.callbacks = callbacks;
        this.reports = reports;
        this.estimator = estimator;
        this.offerable = offerable;
        this.clock = clock;
    }

    /** Every queue of queues.yaml, in the file's order. */
    public List<QueueSnapshot> all() {
        List<QueueSnapshot> out = new ArrayList<>();
        Map<String, Integer> pending = callbacks.pendingByQueue();
        List<AgentState> everyone = states.all();
        Map<String, QueueFigures> today = new HashMap<>();
        reports.todayByQueue().forEach(f -> today.put(f.queue(), f));
        for (QueueRegistry.Queue q : registry.get().queues().values()) {
            out.add(snapshot(q, pending, everyone, today.get(q.name())));
        }
        return out;
    }

    /** One queue, or empty when queues.yaml has no such queue. */
    public Optional<QueueSnapshot> of(String queue) {
        return registry.get().queue(queue).map(q -> snapshot(q, callbacks.pendingByQueue(), states.all(),
                reports.todayByQueue().stream().filter(f -> f.queue().equals(queue)).findFirst().orElseThrow()));
    }

    /** The wait a caller joining {@code queue} now would be told (see {@link WaitEstimator}). */
    public Optional<Duration> estimatedWait(String queue) {
        return estimator.estimate(queue, line.size(queue) + 1,
                offerable.serving(queue, QueueSettings.Empty.NO_AGENTS_LOGGED_IN), clock.instant());
    }

    private QueueSnapshot snapshot(QueueRegistry.Queue q, Map<String, Integer> pending, List<AgentState> everyone,
            QueueFigures today) {
        Instant now = clock.instant();
        List<QueueSnapshot.Waiting> waiting = new ArrayList<>();
        Duration longest = Duration.ZERO;
        int position = 0;
        for (WaitingCall call : line.line(q.name())) {
            Duration waited = Duration.between(call.enteredAt(), now);
            longest = waited.compareTo(longest) > 0 ? waited : longest;
            waiting.add(new QueueSnapshot.Waiting(++position, call.id(), call.callerId(), call.priority(), waited));
        }
        Map<AgentActivity, Integer> agents = new EnumMap<>(AgentActivity.class);
        Map<String, AgentDefinition> definitions = directory.definitions();
        for (AgentState s : everyone) {
            AgentDefinition d = definitions.get(s.agentId());
            if (d != null && d.queues().containsKey(q.name())) {
                agents.merge(s.activity(), 1, Integer::sum);
            }
        }
        return new QueueSnapshot(q.name(), waiting, longest, agents, pending.getOrDefault(q.name(), 0),
                today.answered(), today.answeredWithinServiceLevel(), today.abandoned(), q.serviceLevel(),
                estimatedWait(q.name()).orElse(null), today);
    }
}
