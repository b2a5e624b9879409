package io.switchboard.ivr.bench;

import io.switchboard.ivr.acd.LongestIdleRouter;
import io.switchboard.ivr.acd.OfferableAgent;
import io.switchboard.ivr.acd.Router;
import io.switchboard.ivr.acd.WaitingCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision alone, in memory: {@link LongestIdleRouter} over 5,000 offerable agents and 2,000 waiting
 * calls (10 queues, each agent serving 3 at priorities 1-3 with 5 skills at levels 1-5; half the calls ask for a
 * skill at level 3 or more; seeded data; queue names are shared instances, as {@code OfferableAgents} reads them).
 * Sample time gives the percentiles (the goal is p99 at most 1 ms). Run with {@code scripts/bench-acd-routing.sh};
 * never part of the test suite.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingBenchmark {

    @Param({"5000"})
    public int agents;

    @Param({"2000"})
    public int waiting;

    private final Router router = new LongestIdleRouter();
    private List<OfferableAgent> offerable;
    private List<WaitingCall> line;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(8);
        Instant t0 = Instant.parse("2026-11-30T09:00:00Z");
        String[] skills = {"english", "spanish", "billing", "internet", "devices"};
        String[] queueNames = new String[10]; // one instance per name, as OfferableAgents reads them
        for (int q = 0; q < queueNames.length; q++) {
            queueNames[q] = "q" + q;
        }
        offerable = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            Map<String, Integer> queues = new HashMap<>();
            while (queues.size() < 3) {
                queues.put(queueNames[random.nextInt(10)], queues.size() + 1);
            }
            Map<String, Integer> levels = new HashMap<>();
            for (String s : skills) {
                levels.put(s, 1 + random.nextInt(5));
            }
            offerable.add(new OfferableAgent("a" + i, queues, levels, t0.plusSeconds(random.nextInt(3600)),
                    "sip:a" + i + "@127.0.0.1"));
        }
        line = new ArrayList<>(waiting);
        for (int i = 0; i < waiting; i++) {
            Map<String, Integer> asked = random.nextBoolean() ? Map.of(skills[random.nextInt(5)],
                    3 + random.nextInt(3)) : Map.of();
            line.add(new WaitingCall("c" + i, queueNames[random.nextInt(10)], random.nextInt(10),
                    t0.plusMillis(random.nextInt(3_600_000)), i, asked, 0, "555" + i));
        }
        line.sort(WaitingCall.ORDER);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Router.Assignment> decide() {
        return router.route(line, offerable);
    }
}
