package io.switchboard.ivr.report;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What today's figures cost ({@code GET /api/queues} computes them at each request): a real PostgreSQL holding a
 * busy day (five queues, {@code calls} callers from 08:00 to 20:00: 80 % answered and completed, 15 % abandoned, 5 %
 * leaving with a key; seeded), then {@link Reports#todayByQueue()} and a 31-day report by day. Sample time gives the
 * percentiles. Run with {@code scripts/bench-reports.sh}; never part of the test suite.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class ReportsBenchmark {

    @Param({"10000"})
    public int calls;

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private Database database;
    private Reports reports;
    private ReportPeriod month;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        database = TestDatabase.create(ReportsBenchmark.class).open();
        Map<String, QueueRegistry.Queue> queues = new LinkedHashMap<>();
        for (String q : List.of("q0", "q1", "q2", "q3", "q4")) {
            queues.put(q, new QueueRegistry.Queue(q, "", Duration.ofSeconds(20)));
        }
        QueueRegistry registry = new QueueRegistry(Path.of("queues.yaml"), queues);
        Instant day = Instant.parse("2026-11-30T07:00:00Z");
        reports = new Reports(database.dataSource(), () -> registry, KpiDefinitions.defaults(ZONE),
                Clock.fixed(day.plus(Duration.ofHours(13)), ZONE));
        month = reports.period(day.minus(Duration.ofDays(30)), day.plus(Duration.ofDays(1)), ReportInterval.DAY);
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                with c as (select n, ?::timestamptz + make_interval(secs => (n * 43200.0 / ?::int)) as t,
                                  'q' || (n % 5) as queue, (n * 7919) % 100 as r, (n * 31) % 60 as w
                           from generate_series(1, ?) n)
                insert into acd_queue_log (time, call_id, queue, agent, event, data1, data2, data3, data4)
                select t, 'c' || n, queue, 'NONE', 'ENTERQUEUE', '', '555' || (n % 3000), '1', '' from c
                union all select t + make_interval(secs => w), 'c' || n, queue, 'a' || (n % 50),
                       'CONNECT', w::text, 'leg', '1', '' from c where r < 80
                union all select t + make_interval(secs => w + 180), 'c' || n, queue, 'a' || (n % 50),
                       'COMPLETECALLER', w::text, '180', '1', '' from c where r < 80
                union all select t + make_interval(secs => w), 'c' || n, queue, 'NONE', 'ABANDON', '1', '1',
                       w::text, '' from c where r >= 80 and r < 95
                union all select t + make_interval(secs => w), 'c' || n, queue, 'NONE', 'EXITWITHKEY', '5', '1', '1',
                       w::text from c where r >= 95""")) {
            ps.setTimestamp(1, Timestamp.from(day));
            ps.setInt(2, calls);
            ps.setInt(3, calls);
            ps.executeUpdate();
        }
        try (Connection c = database.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("insert into calls (id, caller, dialed, flow_id, flow_version, started_at, node) select 'c' || n,"
                    + " '555' || (n % 3000), '100', 'hotline', 1, timestamptz '2026-11-30T07:00:00Z'"
                    + " + make_interval(secs => (n * 43200.0 / " + calls + ")), 'node-1'"
                    + " from generate_series(1, " + calls + ") n");
            s.execute("analyze");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        database.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<QueueFigures> today() {
        return reports.todayByQueue();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public QueueReport monthByDay() {
        return reports.queues(month);
    }
}
