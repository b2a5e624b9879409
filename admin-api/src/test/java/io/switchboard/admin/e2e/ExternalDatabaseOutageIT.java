package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An external PostgreSQL ({@code switchboard.db.url}) that stops taking the server's connections: calls are still
 * answered, health is DOWN; once it takes them again the server reconnects by itself, health is UP and the calls
 * made meanwhile are all in {@code GET /api/calls}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ExternalDatabaseOutageIT {

    private static final TestDatabase DB = TestDatabase.create(ExternalDatabaseOutageIT.class);
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int httpPort;

    @Autowired
    SwitchboardProperties properties;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    @AfterAll
    static void letConnectionsBackIn() {
        DB.allowConnections();
    }

    @Test
    void callsMadeWhileTheDatabaseRefusesAreStoredOnceItTakesConnectionsAgain() throws Exception {
        DB.refuseConnections();
        List<String> callers = List.of("5557001", "5557002", "5557003");
        try (SimulatedCaller phone = new SimulatedCaller(PromptLibrary.load(properties.prompts().dir()),
                SimulatedCaller.Options.defaults())) {
            for (String caller : callers) {
                CallSession call = phone.dial("sip:100@127.0.0.1:" + properties.sip().port(), caller);
                assertThat(call.status(Duration.ofSeconds(10))).as("answered during the outage").isEqualTo(200);
                call.awaitPrompt("welcome", PROMPT_WAIT);
                call.hangup();
                call.awaitEnded(Duration.ofSeconds(10));
            }
        }
        TestServer.Reply down = TestServer.get(httpPort, "/actuator/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("components").get("db").get("details").get("spooledWrites").asLong())
                .as("the outage's writes wait in the spool").isPositive();

        DB.allowConnections();

        Set<String> stored = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && stored.size() < callers.size()) {
            stored.clear();
            if (TestServer.get(httpPort, "/actuator/health").status() == 200) {
                for (JsonNode call : TestServer.get(httpPort, "/api/calls?limit=20").json()) {
                    if (callers.contains(call.get("caller").stringValue()) && !call.get("endedAt").isNull()) {
                        stored.add(call.get("caller").stringValue());
                    }
                }
            }
            Thread.sleep(200); // polling health and the API with a deadline
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(callers);
        assertThat(TestServer.get(httpPort, "/actuator/health").json().get("components").get("db").get("details")
                .get("spooledWrites").asLong()).isZero();
    }
}
