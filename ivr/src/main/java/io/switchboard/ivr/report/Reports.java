package io.switchboard.ivr.report;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.ivr.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The contact-centre figures of docs/kpis.md, computed from the queue log (and the call records for surveys and
 * repeat calls): per queue and per agent over a period cut into intervals, and per queue for today. The reports
 * API, the live figures of {@code GET /api/queues} and the Prometheus gauges all ask this one class.
 */
public final class Reports {

    /** The most rows (queues or agents × intervals) one report holds. */
    public static final int MAX_ROWS = 20_000;

    private final Supplier<QueueRegistry> registry;
    private final KpiDefinitions definitions;
    private final Clock clock;
    private final QueuedCalls calls;
    private final EventCounts events;
    private final StaffedTime staffed;

    public Reports(DataSource dataSource, Supplier<QueueRegistry> registry, KpiDefinitions definitions, Clock clock) {
        Transactions storage = new Transactions(dataSource, "reports");
        this.registry = registry;
        this.definitions = definitions;
        this.clock = clock;
        this.calls = new QueuedCalls(storage);
        this.events = new EventCounts(storage);
        this.staffed = new StaffedTime(storage);
    }

    public KpiDefinitions definitions() {
        return definitions;
    }

    /** A period in the site's time zone. */
    public ReportPeriod period(Instant from, Instant to, ReportInterval interval) {
        return new ReportPeriod(from, to, interval, definitions.zone());
    }

    /** Today so far in the site's time zone, as one day. */
    public ReportPeriod today() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), definitions.zone());
        return period(day.atStartOfDay(definitions.zone()).toInstant(),
                day.plusDays(1).atStartOfDay(definitions.zone()).toInstant(), ReportInterval.DAY);
    }

    /** Per queue and interval, with totals per queue. */
    public QueueReport queues(ReportPeriod period) {
        Map<String, QueueTargets> targets = new LinkedHashMap<>();
        registry.get().queues().keySet().forEach(q -> targets.put(q, QueueTargets.of(registry, q)));
        Tallies<QueueTally> rows = new Tallies<>((q, at) -> new QueueTally(q, at, targets(targets, q), definitions));
        Map<String, QueueTally> totals = new LinkedHashMap<>();
        targets.keySet().forEach(q -> totals.put(q, new QueueTally(q, null, targets.get(q), definitions)));
        java.util.function.Function<String, QueueTally> total = q -> totals.computeIfAbsent(q,
                n -> new QueueTally(n, null, targets(targets, n), definitions));
        calls.read(period.from(), period.to(), definitions.repeatWindow(), call -> {
            rows.of(call.queue(), period.intervalOf(call.entered())).add(call);
            total.apply(call.queue()).add(call);
        });
        events.read(period.from(), period.to(), (time, queue, agent, event) -> {
            boolean requested = event.equals("CALLBACK_REQUESTED");
            for (QueueTally t : List.of(rows.of(queue, period.intervalOf(time)), total.apply(queue))) {
                if (requested) {
                    t.callbackRequested();
                } else {
                    t.callbackCompleted();
                }
            }
        }, "CALLBACK_REQUESTED", "CALLBACK_COMPLETED");
        return new QueueReport(period, definitions, rows.all().stream().map(QueueTally::figures).toList(),
                totals.values().stream().map(QueueTally::figures).toList());
    }

    /**
     * Today's totals of every queue (queues.yaml's first, in its order), computed afresh: a busy day of 10,000 calls
     * costs about 130 ms (docs/kpis.md), so a reader that refreshes often (a wallboard's live updates) should share
     * one computation among its clients.
     */
    public List<QueueFigures> todayByQueue() {
        return queues(today()).totals();
    }

    /**
     * Calls offered (ENTERQUEUE), answered (CONNECT) and abandoned (ABANDON) in the whole queue log, by queue and
     * event name: they only grow, so they suit counters that a metrics system turns into rates.
     */
    public Map<String, Map<String, Long>> callTotals() {
        return events.totals("ENTERQUEUE", "CONNECT", "ABANDON");
    }

    /** Per agent and interval, with totals per agent. */
    public AgentReport agents(ReportPeriod period) {
        Tallies<AgentTally> rows = new Tallies<>(AgentTally::new);
        Map<String, AgentTally> totals = new TreeMap<>();
        java.util.function.Function<String, AgentTally> total = a -> totals.computeIfAbsent(a,
                n -> new AgentTally(n, null));
        Map<String, QueueTargets> targets = new LinkedHashMap<>();
        Instant now = clock.instant();
        calls.readAnswered(period.from(), period.to(), definitions.repeatWindow(), call -> {
            Duration wrapUp = targets(targets, call.queue()).wrapUp();
            rows.of(call.agent(), period.intervalOf(call.left())).answered(call, wrapUp);
            total.apply(call.agent()).answered(call, wrapUp);
            Instant talkEnd = call.talk() == null ? now : call.left().plus(call.talk());
            Instant wrapEnd = call.talk() == null ? talkEnd : talkEnd.plus(wrapUp);
            period.spread(call.left(), min(wrapEnd, now), (interval, time) -> {
                rows.of(call.agent(), interval).busy(time);
                total.apply(call.agent()).busy(time);
            });
        });
        events.read(period.from(), period.to(), (time, queue, agent, event) -> {
            rows.of(agent, period.intervalOf(time)).ringNoAnswer();
            total.apply(agent).ringNoAnswer();
        }, "RINGNOANSWER");
        staffed.read(period, min(period.to(), now), (agent, interval, in, paused) -> {
            rows.of(agent, interval).staffed(in, paused);
            total.apply(agent).staffed(in, paused);
        });
        return new AgentReport(period, definitions, rows.all().stream().map(AgentTally::figures).toList(),
                totals.values().stream().map(AgentTally::figures).toList());
    }

    private QueueTargets targets(Map<String, QueueTargets> known, String queue) {
        return known.computeIfAbsent(queue, q -> QueueTargets.of(registry, q));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Tallies by name (queue or agent) and interval start, bounded by {@link #MAX_ROWS}. */
    private static final class Tallies<T> {
        private final BiFunction<String, ZonedDateTime, T> create;
        private final Map<String, TreeMap<Instant, T>> byName = new LinkedHashMap<>();
        private int size;

        Tallies(BiFunction<String, ZonedDateTime, T> create) {
            this.create = create;
        }

        T of(String name, ZonedDateTime interval) {
            return byName.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(interval.toInstant(), i -> {
                if (++size > MAX_ROWS) {
                    throw new ReportTooLargeException("the report would have more than " + MAX_ROWS + " rows; ask"
                            + " for a longer interval (hour or day) or a shorter period");
                }
                return create.apply(name, interval);
            });
        }

        List<T> all() {
            List<T> out = new ArrayList<>();
            byName.values().forEach(m -> out.addAll(m.values()));
            return out;
        }
    }
}
