package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.ivr.testing.FakeServiceDesk;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the server while the ticket service is creating a ticket for it: the claim lapses, the
 * restarted server delivers the hand-off, finds the ticket the killed one created (Zendesk's {@code external_id})
 * and creates no second one.
 */
class HandoffAfterKillIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALLER = "5557012";

    @TempDir
    Path home;

    @Test
    void aHandoffCaughtMidDeliveryByAKillIsDeliveredExactlyOnceAfterTheRestart() throws Exception {
        PromptLibrary prompts = PromptLibrary.load(Path.of("../prompts"));
        try (FakeServiceDesk zendesk = FakeServiceDesk.start()) {
            zendesk.stallCreations();
            ServerProcess server = new ServerProcess(home, Map.of(
                    "switchboard.flows.dir", Path.of("src/test/resources/handoff-flows").toAbsolutePath().toString(),
                    "switchboard.handoff.targets.ticket", "helpdesk",
                    "switchboard.handoff.integrations.helpdesk.type", "zendesk",
                    "switchboard.handoff.integrations.helpdesk.base-url", zendesk.baseUrl().toString(),
                    "switchboard.handoff.poll", "100ms",
                    "switchboard.handoff.lease", "2s",
                    "switchboard.handoff.timeout", "30s"));
            try (server) {
                Duration first = server.startAndAwaitUp(START);
                try (SimulatedCaller phone = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults()
                        .withCaller(CALLER))) {
                    CallSession call = phone.dial("sip:100@127.0.0.1:" + server.sipPort());
                    assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
                    call.awaitPrompt("goodbye", WAIT);
                    call.awaitEnded(WAIT);
                }
                assertThat(zendesk.awaitStalled(WAIT)).as("the ticket is being created").isTrue();
                assertThat(zendesk.createdPerKey()).hasSize(1);

                server.killHard();
                zendesk.release();
                Duration restart = server.startAndAwaitUp(START);
                long restarted = System.nanoTime();
                TestServer.await(() -> delivered(server) != null, WAIT);
                System.out.printf("HandoffAfterKillIT figures: first start %d ms, restart %d ms, delivered %d ms"
                        + " after the restart%n", first.toMillis(), restart.toMillis(),
                        (System.nanoTime() - restarted) / 1_000_000);

                JsonNode handoff = delivered(server);
                String key = zendesk.createdPerKey().keySet().iterator().next();
                assertThat(zendesk.createdPerKey()).as("exactly one ticket").containsExactly(Map.entry(key, 1));
                assertThat(handoff.path("attempts").asInt()).as("the killed attempt and the one after")
                        .isGreaterThanOrEqualTo(2);
                assertThat(handoff.path("externalId").asString()).matches("\\d+");
                assertThat(zendesk.received()).extracting(FakeServiceDesk.Received::method).endsWith("GET");
            }
        }
    }

    private static JsonNode delivered(ServerProcess server) {
        TestServer.Reply reply = TestServer.get(server.httpPort(), "/api/handoffs?state=delivered");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().valueStream().filter(h -> h.path("caller").asString().equals(CALLER)).findFirst()
                .orElse(null);
    }
}
