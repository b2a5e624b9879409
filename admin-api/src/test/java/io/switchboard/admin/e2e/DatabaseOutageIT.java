package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.ivr.store.Postmaster;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The embedded PostgreSQL is killed ({@code kill -9} of its postmaster, again each time the server brings it back)
 * for 25 seconds in the suite ({@code -Doutage.seconds=60} for the minute the recovery issue asked for) while
 * simulated callers keep calling: every call is
 * answered, health goes DOWN, and once the database stays up health is UP again and every call of the outage is in
 * {@code GET /api/calls}.
 */
class DatabaseOutageIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @Test
    void everyCallOfTheOutageIsStoredOnceTheDatabaseIsBack() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("outage.seconds", 25));
        try (ServerProcess server = new ServerProcess(home);
                SimulatedCaller phone = new SimulatedCaller(PromptLibrary.load(Path.of("../prompts")),
                        SimulatedCaller.Options.defaults())) {
            server.startAndAwaitUp(START);
            AtomicBoolean killing = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            Thread killer = Thread.ofPlatform().name("postmaster-killer").start(() -> {
                while (killing.get()) {
                    Postmaster.of(server.dataDir()).ifPresent(p -> {
                        p.kill();
                        kills.incrementAndGet();
                    });
                    sleep(100); // checking for a postmaster to kill
                }
            });

            List<String> callers = new ArrayList<>();
            int answered = 0;
            boolean sawDown = false;
            long spooledMax = 0;
            long end = System.nanoTime() + outage.toNanos();
            for (int n = 1; System.nanoTime() < end; n++) {
                String caller = "555%04d".formatted(n);
                callers.add(caller);
                CallSession call = phone.dial("sip:100@127.0.0.1:" + server.sipPort(), caller);
                if (call.status(Duration.ofSeconds(10)) == 200) {
                    answered++;
                    call.awaitPrompt("welcome", PROMPT_WAIT);
                }
                call.hangup();
                call.awaitEnded(Duration.ofSeconds(10));
                TestServer.Reply health = TestServer.get(server.httpPort(), "/actuator/health");
                if (health.status() == 503) {
                    sawDown = true;
                    JsonNode db = health.json().get("components").get("db").get("details");
                    spooledMax = Math.max(spooledMax, db.get("spooledWrites").asLong());
                }
            }
            killing.set(false);
            killer.join();

            awaitHealthUp(server);
            Set<String> stored = awaitStored(server, callers);
            int lost = callers.size() - stored.size();
            System.out.printf("DatabaseOutageIT: outage %d s, postmaster killed %d times, calls during outage %d,"
                    + " answered %d, stored after %d, lost %d, most writes spooled at once %d%n",
                    outage.toSeconds(), kills.get(), callers.size(), answered, stored.size(), lost, spooledMax);

            assertThat(kills.get()).as("the database was killed").isPositive();
            assertThat(sawDown).as("health said DOWN during the outage").isTrue();
            assertThat(answered).as("calls answered during the outage").isEqualTo(callers.size());
            assertThat(stored).as("calls of the outage stored afterwards").containsExactlyInAnyOrderElementsOf(callers);
            assertThat(lost).isZero();
        }
    }

    private static void awaitHealthUp(ServerProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (server.healthStatus() == 200) {
                return;
            }
            Thread.sleep(200); // polling health with a deadline
        }
        throw new AssertionError("health never came back UP:\n" + server.log());
    }

    /** The callers whose calls are in the API, ended; waits (with a deadline) until all are or time is up. */
    private static Set<String> awaitStored(ServerProcess server, List<String> callers) throws InterruptedException {
        Set<String> stored = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            stored.clear();
            for (JsonNode call : TestServer.get(server.httpPort(), "/api/calls?limit=500").json()) {
                if (callers.contains(call.get("caller").stringValue()) && !call.get("endedAt").isNull()) {
                    stored.add(call.get("caller").stringValue());
                }
            }
            if (stored.size() == callers.size()) {
                return stored;
            }
            Thread.sleep(200); // polling the API with a deadline
        }
        return stored;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
