package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.SimulatorCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code switchboard sim load} against the sample hotline: simulated agents defined through the API register and
 * answer, callers choose English and "an agent", wait with hold music and announcements, reach an agent, and the
 * report counts every caller once and measures their waits and silences from what they heard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimLoadIT {

    private static final TestDatabase DB = TestDatabase.create(SimLoadIT.class);

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.flows.dir", () -> System.getProperty("user.dir") + "/../flows");
        registry.add("switchboard.routing.dir", () -> System.getProperty("user.dir") + "/../routing");
        registry.add("switchboard.calendars.support", () -> "open-now");
    }

    @Test
    void aShortLoadRunServesTheCallersAndReportsWhatTheyHeard() throws Exception {
        Login supervisor = TestServer.createUser(port, "load-supervisor", "supervisor");
        for (int id = 2001; id <= 2003; id++) {
            var created = TestServer.send(port, "POST", "/api/agents", "application/json", """
                    {"id": "%d", "name": "Load %d", "password": "load-password-1", "queues": {"general": 1},
                     "languages": ["en"]}"""
                    .formatted(id, id), supervisor);
            assertThat(created.status()).as(created.body()).isEqualTo(201); // logged out: *51 makes them available
        }
        Path json = Files.createTempFile("sim-load", ".json");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = SimulatorCli.run(List.of("load", "--server", "127.0.0.1:" + properties.sip().port(),
                "--callers", "8", "--duration", "12s", "--agents", "3", "--first-agent", "2001",
                "--agent-password", "load-password-1", "--answer-after", "500ms", "--talk", "3s",
                "--patience", "1000m", "--callback-share", "0", "--json", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println("SimLoadIT figures:\n" + printed);
        assertThat(status).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(report.get("offered").intValue()).isEqualTo(8);
        assertThat(report.get("failed").intValue()).isZero();
        assertThat(report.get("served").intValue()).as("patient callers, free agents: all served").isEqualTo(8);
        assertThat(report.get("p90WaitMs").longValue()).isNotNegative();
        assertThat(printed).contains("3 agents registered and available", "offered 8, served 8", "longest silence before an agent");
        JsonNode queue = TestServer.get(port, "/api/queues/general", supervisor).json();
        assertThat(queue.get("answeredToday").intValue()).isEqualTo(8);
    }
}
