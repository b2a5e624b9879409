package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.ivr.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Starts ACDs on a real PostgreSQL for the ACD's integration tests, with agents and callers to drive them. */
final class AcdHarness {

    static final String QUEUES = """
            queues:
              support:
                ring-timeout: 2s
                wrap-up: 0
                announce: {first-after: 10m}
              sales:
                wrap-up: 1m
                announce: {first-after: 10m}
                callback: {retry-delay: 1s, max-attempts: 2}
              billing:
                wrap-up: 0
                announce: {first-after: 50ms, every: 200ms}
                service-level: 30s
              strict:
                join-when-empty: no
                wrap-up: 0
                announce: {first-after: 10m}
            """;

    private AcdHarness() {
    }

    static AcdConfig config(Path dir, String node) throws Exception {
        Path queues = dir.resolve("queues.yaml");
        if (!Files.exists(queues)) {
            Files.writeString(queues, QUEUES);
        }
        return AcdConfig.defaults(dir).withNode(node).withTick(Duration.ofMillis(50));
    }

    /** Creates agent {@code id} serving {@code queues}, registered and in {@code activity}. */
    static void agent(Acd acd, String id, Map<String, Integer> queues, AgentActivity activity) {
        acd.agentDirectory().create(id, new AgentInput("Agent " + id, "password-" + id, queues, Map.of(),
                List.of("en")));
        acd.agentPhones().registered(id, "sip:" + id + "@127.0.0.1:5070", Instant.now().plusSeconds(600));
        if (activity == AgentActivity.NOT_READY) {
            acd.agentDirectory().setState(id, activity, "break");
        } else if (activity != AgentActivity.LOGGED_OUT) {
            acd.agentDirectory().setState(id, activity, null);
        }
    }

    static QueuePort.QueueRequest request(String queue, int priority, Duration maxWait, String exitKeys) {
        Set<Character> keys = new java.util.HashSet<>();
        exitKeys.chars().forEach(k -> keys.add((char) k));
        return new QueuePort.QueueRequest(queue, Map.of(), priority, maxWait, keys, List.of(), Duration.ZERO);
    }

    /** The caller waits on a thread of its own, as a flow would. */
    static CompletableFuture<QueuePort.QueueResult> waitIn(Acd acd, QueuePort.QueueRequest request, ScriptedLeg leg) {
        CompletableFuture<QueuePort.QueueResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(acd.queuePort().queue(request, leg));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Waits until {@code condition} holds (polling; a deadline, never a timed assertion of speed). */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** As {@link #eventually(String, BooleanSupplier)}; a failure shows {@code acd}'s queue log. */
    static void eventually(Acd acd, String what, BooleanSupplier condition) {
        try {
            eventually(what, condition);
        } catch (AssertionError e) {
            StringBuilder lines = new StringBuilder(e.getMessage()).append("; queue log:");
            log(acd).forEach(q -> lines.append("\n  ").append(q.toText()));
            throw new AssertionError(lines.toString(), e);
        }
    }

    static List<QueueEvent> log(Acd acd) {
        return acd.queueLog().read(Instant.EPOCH, Instant.now().plusSeconds(3600), 10_000);
    }

    static List<QueueEvent> events(Acd acd, String event) {
        return log(acd).stream().filter(e -> e.event().equals(event)).toList();
    }

    static Acd start(Path dir, String node, Database database, ScriptedDialer dialer) throws Exception {
        return Acd.start(config(dir, node), database.dataSource(), dialer, Clock.systemUTC());
    }
}
