package io.switchboard.routing.bench;

import io.switchboard.routing.Decision;
import io.switchboard.routing.Offer;
import io.switchboard.routing.RuleRouter;
import io.switchboard.routing.RulesRefusedException;
import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import io.switchboard.routing.facts.WaitingCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * The shipped rules (routing/) at 5,000 agents × 2,000 waiting calls, in a steady state: every decision comes 10 ms
 * after the last, the calls offered last time have left, as many new callers have joined, the agents offered last
 * time are on their calls and {@code freeAgents} others have just become available. Escalation steps move on as the
 * clock does (each caller crosses 20 s and 40 s while waiting). Measures the decision alone ({@code decide}, p99 from
 * the sample-time histogram) and one agent state change ({@code agentStateChange}). Run with
 * {@code scripts/bench-routing.sh}; never part of the test suite, never asserted.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    static final int AGENTS = 5_000;
    static final int WAITING = 2_000;
    private static final String[] QUEUES = {"sales", "support-internet", "support-devices", "billing", "general"};
    private static final String[] TOPICS = {"sales", "internet", "devices", "billing", null};
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    /** The router with 5,000 agents (all on calls at first) and 2,000 waiting calls. */
    @State(Scope.Benchmark)
    public static class Hotline {
        RuleRouter router;
        final Random random = new Random(42);
        final List<Agent> agents = new ArrayList<>();
        final ArrayDeque<String> onCall = new ArrayDeque<>();
        final Map<String, Agent> byId = new HashMap<>();
        Instant now = T0;
        int nextCall;
        int toggled;

        @Setup(Level.Trial)
        public void setUp() throws RulesRefusedException {
            router = RuleRouter.load(Path.of(System.getProperty("routing.dir", "routing")), Clock.fixed(T0,
                    ZoneOffset.UTC));
            for (int i = 0; i < AGENTS; i++) {
                Agent agent = agent("a" + i);
                agents.add(agent);
                byId.put(agent.id(), agent);
                router.agentChanged(agent);
                onCall.add(agent.id());
            }
            for (int i = 0; i < WAITING; i++) {
                // waits spread over 0-90 s: every escalation step and the overflow are in force somewhere in the line
                router.callWaiting(call(T0.minusMillis(random.nextInt(90_000))));
            }
            router.decide(now);
        }

        private Agent agent(String id) {
            Map<String, Integer> queues = new HashMap<>();
            Map<String, Integer> skills = new HashMap<>();
            queues.put(QUEUES[random.nextInt(QUEUES.length)], 1);
            if (random.nextBoolean()) {
                queues.putIfAbsent(QUEUES[random.nextInt(QUEUES.length)], 2);
            }
            for (String topic : TOPICS) {
                if (topic != null && random.nextInt(3) > 0) {
                    skills.put(topic, 1 + random.nextInt(5));
                }
            }
            Set<String> languages = random.nextInt(10) < 3 ? Set.of("en", "es") : Set.of("en");
            return new Agent(id, AgentState.ON_CALL, T0, skills, languages, "north", random.nextInt(40), queues);
        }

        WaitingCall call(Instant entered) {
            int q = random.nextInt(QUEUES.length);
            WaitingCall call = WaitingCall.of("c" + (nextCall++), QUEUES[q], entered).withTopic(TOPICS[q])
                    .withLanguage(random.nextInt(5) == 0 ? "es" : "en");
            int kind = random.nextInt(100);
            if (kind < 5) {
                call = call.withCustomer("vip", 10_000, "north");
            } else if (kind < 8) {
                call = call.asCallback(true);
            }
            return call;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            router.close();
        }
    }

    /**
     * Outside the measurement, before each decision: 10 ms pass, the calls offered last time leave and as many new
     * callers join, the agents offered last time go on their calls, and {@code freeAgents} agents become available.
     */
    @State(Scope.Thread)
    public static class TenMillisecondsLater {
        @Param({"1", "25"})
        public int freeAgents;
        List<Offer> lastOffers = List.of();
        final Set<String> available = new java.util.HashSet<>();

        @Setup(Level.Invocation)
        public void advance(Hotline h) {
            h.now = h.now.plusMillis(10);
            for (Offer offer : lastOffers) {
                h.router.callGone(offer.callId());
                h.router.callWaiting(h.call(h.now));
                Agent agent = h.byId.get(offer.agentId());
                h.router.agentChanged(agent.inState(AgentState.ON_CALL, h.now));
                h.onCall.add(agent.id());
                available.remove(agent.id());
            }
            // agents freed before and offered nothing are still available: free only enough to make up the number
            while (available.size() < freeAgents && !h.onCall.isEmpty()) {
                Agent agent = h.byId.get(h.onCall.poll());
                h.router.agentChanged(agent.inState(AgentState.AVAILABLE, h.now));
                available.add(agent.id());
            }
            lastOffers = List.of();
        }
    }

    @Benchmark
    public Decision decide(Hotline h, TenMillisecondsLater later) {
        Decision decision = h.router.decide(h.now);
        later.lastOffers = decision.offers();
        return decision;
    }

    @Benchmark
    public int agentStateChange(Hotline h) {
        Agent agent = h.agents.get(h.toggled++ % AGENTS);
        h.router.agentChanged(agent.inState(h.toggled % 2 == 0 ? AgentState.NOT_READY : AgentState.ON_CALL, h.now));
        return h.toggled;
    }
}
