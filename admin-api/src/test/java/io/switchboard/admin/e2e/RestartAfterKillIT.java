package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.ivr.store.Postmaster;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the server during a call: its embedded PostgreSQL keeps running (it is not the server's child);
 * the next start on the same data directory stops that leftover and comes up the first time, without a stack
 * trace, and the interrupted call is ended as {@code server-restart} at the time of its last known event.
 */
class RestartAfterKillIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @Test
    void theNextStartWorksFirstTimeAndEndsTheInterruptedCall() throws Exception {
        try (ServerProcess server = new ServerProcess(home)) {
            server.startAndAwaitUp(START);
            String caller = "5550666";
            try (SimulatedCaller phone = new SimulatedCaller(PromptLibrary.load(Path.of("../prompts")),
                    SimulatedCaller.Options.defaults().withCaller(caller))) {
                CallSession call = phone.dial("sip:100@127.0.0.1:" + server.sipPort());
                assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
                call.awaitPrompt("main-menu", PROMPT_WAIT);
                awaitStoredPrompt(server, caller, "main-menu");

                server.killHard();
                Postmaster leftover = Postmaster.of(server.dataDir()).orElseThrow(
                        () -> new AssertionError("the embedded PostgreSQL should outlive the killed server"));
                int logBefore = server.log().length();

                Duration second = server.startAndAwaitUp(START);

                String secondLog = server.log().substring(logBefore);
                assertThat(leftover.isAlive()).as("the leftover PostgreSQL was stopped").isFalse();
                assertThat(secondLog).contains("Stopped PostgreSQL process " + leftover.pid())
                        .doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START");
                String stopped = secondLog.lines().filter(l -> l.contains("Stopped PostgreSQL process")).findFirst()
                        .orElse("");
                System.out.printf("RestartAfterKillIT: second start up (JVM, Spring, database) in %d ms; leftover"
                        + " PostgreSQL %d stopped in %s%n", second.toMillis(), leftover.pid(),
                        stopped.replaceAll(".*\\((\\d+ ms)\\)$", "$1"));

                JsonNode mine = latestOf(server, caller);
                assertThat(mine.get("hangupCause").stringValue()).isEqualTo("server-restart");
                assertThat(mine.get("hungUpBy").stringValue()).isEqualTo("system");
                Instant lastEvent = Instant.parse(mine.get("answeredAt").stringValue());
                for (JsonNode step : mine.get("path")) {
                    Instant at = Instant.parse(step.get("at").stringValue());
                    lastEvent = at.isAfter(lastEvent) ? at : lastEvent;
                }
                assertThat(Instant.parse(mine.get("endedAt").stringValue())).isEqualTo(lastEvent);
            }
        }
    }

    /** Waits until the call's path in the API shows {@code prompt}: what the node knew when it was killed. */
    private static void awaitStoredPrompt(ServerProcess server, String caller, String prompt)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode call = latestOf(server, caller);
            if (call != null && call.get("path").toString().contains("\"" + prompt + "\"")) {
                return;
            }
            Thread.sleep(100); // polling the API with a deadline
        }
        throw new AssertionError("prompt " + prompt + " of " + caller + " never stored");
    }

    private static JsonNode latestOf(ServerProcess server, String caller) {
        for (JsonNode call : TestServer.get(server.httpPort(), "/api/calls?limit=20").json()) {
            if (call.get("caller").stringValue().equals(caller)) {
                return call;
            }
        }
        return null;
    }
}
