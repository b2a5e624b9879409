package io.switchboard.admin.report;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.ivr.acd.AgentActivity;
import io.switchboard.ivr.acd.QueueSnapshot;
import io.switchboard.ivr.acd.QueueSnapshots;
import io.switchboard.ivr.report.Reports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact centre as Micrometer meters, published at {@code /actuator/prometheus} next to the JVM's; tag
 * {@code queue} on each, for every queue of queues.yaml at start-up:
 * <ul>
 *   <li>{@code switchboard.queue.waiting}, {@code switchboard.queue.longest.wait} (seconds): callers waiting at this
 *       node now, and the longest of their waits;</li>
 *   <li>{@code switchboard.queue.agents} (tag {@code state}: available, not-ready, ringing, on-call, wrap-up,
 *       logged-out): the queue's agents by state;</li>
 *   <li>{@code switchboard.queue.service.level.today}: today's service level, as {@code GET /api/queues} and the
 *       reports show it (NaN while nothing counts towards it);</li>
 *   <li>{@code switchboard.queue.calls.offered}, {@code .answered}, {@code .abandoned} (counters): ENTERQUEUE, CONNECT
 *       and ABANDON lines of the whole queue log (all nodes), so rates and increases are Prometheus's job.</li>
 * </ul>
 * One scrape reads the database once: the figures are kept for a second and shared by every meter. When the
 * database does not answer, the last figures stay.
 */
public final class ContactCentreMeters implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ContactCentreMeters.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final QueueSnapshots snapshots;
    private final Reports reports;
    private final Clock clock;
    private Figures figures = new Figures(Map.of(), Map.of());
    private Instant takenAt = Instant.MIN;

    /** One reading of everything the meters show. */
    private record Figures(Map<String, QueueSnapshot> queues, Map<String, Map<String, Long>> totals) {}

    public ContactCentreMeters(QueueSnapshots snapshots, Reports reports, Clock clock) {
        this.snapshots = snapshots;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (QueueSnapshot q : snapshots.all()) {
            String name = q.queue();
            gauge(registry, "switchboard.queue.waiting", name, "Callers waiting at this node", null,
                    s -> s.waiting().size());
            gauge(registry, "switchboard.queue.longest.wait", name, "The longest wait of the callers waiting now",
                    "seconds", s -> s.longestWait().toMillis() / 1000.0);
            gauge(registry, "switchboard.queue.service.level.today", name,
                    "Today's service level (docs/kpis.md), 0 to 1", null, s -> s.today().serviceLevel() == null
                            ? Double.NaN : s.today().serviceLevel());
            for (AgentActivity state : AgentActivity.values()) {
                Gauge.builder("switchboard.queue.agents", this, m -> m.queue(name)
                        .map(s -> (double) s.agents().getOrDefault(state, 0)).orElse(Double.NaN))
                        .tag("queue", name).tag("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .description("The queue's agents by state").register(registry);
            }
            counter(registry, "switchboard.queue.calls.offered", name, "ENTERQUEUE", "Calls that entered the queue");
            counter(registry, "switchboard.queue.calls.answered", name, "CONNECT", "Calls an agent answered");
            counter(registry, "switchboard.queue.calls.abandoned", name, "ABANDON",
                    "Callers who hung up while waiting");
        }
    }

    private void gauge(MeterRegistry registry, String meter, String queue, String description, String unit,
            ToDoubleFunction<QueueSnapshot> value) {
        Gauge.builder(meter, this, m -> m.queue(queue).map(value::applyAsDouble).orElse(Double.NaN))
                .tag("queue", queue).description(description).baseUnit(unit).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, String queue, String event, String description) {
        FunctionCounter.builder(meter, this, m -> m.current().totals().getOrDefault(queue, Map.of())
                .getOrDefault(event, 0L)).tag("queue", queue).description(description).register(registry);
    }

    private java.util.Optional<QueueSnapshot> queue(String name) {
        return java.util.Optional.ofNullable(current().queues().get(name));
    }

    /** The figures, read again when older than a second. */
    private synchronized Figures current() {
        Instant now = clock.instant();
        if (Duration.between(takenAt, now).compareTo(FRESH) < 0) {
            return figures;
        }
        try {
            Map<String, QueueSnapshot> queues = new HashMap<>();
            snapshots.all().forEach(q -> queues.put(q.queue(), q));
            figures = new Figures(queues, reports.callTotals());
        } catch (RuntimeException e) {
            log.warn("Contact-centre meters keep their last figures: {}", e.getMessage());
        }
        takenAt = now;
        return figures;
    }
}
