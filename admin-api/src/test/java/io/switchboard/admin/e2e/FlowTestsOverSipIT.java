package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.FlowTestFile;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.flowtest.SipFlowTestCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code switchboard flow test --server …} against the real server (built-in SIP endpoint, real PostgreSQL): the
 * repository's hotline tests and this test's own flow tests run as real calls, several at once, and pass (or are
 * n/a where they mock what only an offline run controls); a wrong test file fails at its script lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlowTestsOverSipIT {

    private static final TestDatabase DB = TestDatabase.create(FlowTestsOverSipIT.class);
    private static final Path OWN = Path.of("src/test/resources/flowtests").toAbsolutePath();
    private static final Path FLOWS = flowDirectory();

    @Autowired
    SwitchboardProperties properties;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.flows.dir", FLOWS::toString);
        registry.add("switchboard.flows.numbers.100", () -> "hotline");
        registry.add("switchboard.flows.numbers.200", () -> "sip-check");
        registry.add("switchboard.flows.watch", () -> "false");
        // the sample hotline's own queues, open hours whatever the time, and agents only from the API
        registry.add("switchboard.acd.queues", () -> Path.of("../queues.yaml").toAbsolutePath().toString());
        registry.add("switchboard.acd.agents", () -> FLOWS.resolve("no-agents.yaml").toString());
        registry.add("switchboard.calendars.support", () -> "open-now");
    }

    /** The repository's flows and this test's own, side by side: the server's flow directory. */
    private static Path flowDirectory() {
        try {
            Path flows = Files.createTempDirectory("flow-tests-over-sip");
            Files.createDirectories(flows.resolve("lib"));
            for (Path source : List.of(Path.of("../flows"), Path.of("../flows/lib"), OWN)) {
                Path target = source.endsWith("lib") ? flows.resolve("lib") : flows;
                try (Stream<Path> files = Files.list(source)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
            return flows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeFlows() throws IOException {
        try (Stream<Path> files = Files.walk(FLOWS)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @LocalServerPort
    int port;

    private int flowTest(String... files) {
        List<String> args = new ArrayList<>(List.of("--server", "sip:100@127.0.0.1:" + properties.sip().port(),
                "--prompts", properties.prompts().dir().toString(), "--parallel", "16"));
        args.addAll(List.of(files));
        return SipFlowTestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHotlineTestsAndOurOwnPassOverSip() throws Exception {
        Path hotline = Path.of("../flows/tests/hotline.yaml");
        Path own = OWN.resolve("tests/sip-check.yaml");
        int status = flowTest(hotline.toString(), own.toString());
        System.out.println(output());

        assertThat(status).as(output()).isZero();
        assertThat(output()).doesNotContain("FAIL").contains(hotline + " (flow hotline, over SIP to sip:100@",
                own + " (flow sip-check, over SIP to sip:100@");
        List<FlowTestCase> hotlineCases = FlowTestFile.read(hotline).cases();
        for (FlowTestCase c : hotlineCases) {
            assertThat(output()).as(c.name()).containsPattern("(?m)^  (ok    |n/a   )" + java.util.regex.Pattern
                    .quote(c.name()));
        }
        List<String> ownPassed = FlowTestFile.read(own).cases().stream().map(FlowTestCase::name)
                .filter(n -> !n.startsWith("at night")).toList();
        ownPassed.forEach(name -> assertThat(output()).contains("  ok    " + name + "\n"));
        assertThat(output()).contains("  n/a   at night the same (a fixed time only makes sense offline)"
                + " (time: offline only)");
        long hotlineNotApplicable = output().lines().filter(l -> l.startsWith("  n/a")).count() - 1;
        assertThat(output()).contains((hotlineCases.size() - hotlineNotApplicable + ownPassed.size())
                + " passed, 0 failed, " + (hotlineNotApplicable + 1) + " not applicable");
    }

    @Test
    void theHotlineQueueCasesReachSimulatedAgentsAndTheCallerRatesTheCallAfterTheAgentHangsUp() throws Exception {
        TestServer.Login supervisor = TestServer.createUser(port, "sup-" + System.nanoTime(), "supervisor");
        for (int id = 1001; id <= 1005; id++) {
            var reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                    {"id": "%d", "name": "Agent %d", "password": "flow-tests-pw", "queues": {"sales": 1, "general": 1,
                     "billing": 1, "support-internet": 1, "support-devices": 1},
                     "skills": {"sales": 3, "internet": 3, "devices": 3, "billing": 3}, "languages": ["en", "es"]}""".formatted(id, id), supervisor);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        Instant from = Instant.now().minusSeconds(1);
        Path hotline = Path.of("../flows/tests/hotline.yaml");
        int status = flowTest("--agents", "1001-1005", "--agent-password", "flow-tests-pw", "--agent-talk", "1s",
                "--calendar", "support=open", hotline.toString());
        System.out.println(output());

        assertThat(status).as(output()).isZero();
        List<String> connected = List.of("sales, an agent takes the call and the caller rates it",
                "internet support, connected; no rating is given", "device support, connected",
                "billing, connected from the billing menu");
        connected.forEach(name -> assertThat(output()).containsPattern("(?m)^  ok    " + java.util.regex.Pattern
                .quote(name) + "( \\(|$)"));
        assertThat(TestServer.queueEvents(port, supervisor, from, "CONNECT")).as("each reached an agent")
                .hasSize(connected.size());
        // every agent hung up first, and the caller went on to the survey
        TestServer.await(() -> TestServer.queueEvents(port, supervisor, from, "COMPLETEAGENT").size()
                == connected.size(), java.time.Duration.ofSeconds(10));
        assertThat(output()).contains("  ok    sales, an agent takes the call and the caller rates it (requests are"
                + " not visible to a caller; not checked)");
    }

    @Test
    void aWrongTestFileFailsAtItsScriptLines() throws Exception {
        Path tests = dir.resolve("wrong.yaml");
        Files.writeString(tests, """
                flow: %s
                cases:
                  - name: expects the wrong prompt after 1
                    dialed: "200"
                    script:
                      - expect: [transfer, language-menu]
                      - press: "1"
                      - expect: [please-hold]
                  - name: expects the server to hang up
                    dialed: "200"
                    script:
                      - expect: [transfer, language-menu]
                      - hangup: {}
                    outcome: hangup
                  - name: mocks the queue
                    mocks: {queue: timeout}
                    script:
                      - expect: [welcome]
                """.formatted(OWN.resolve("sip-check.yaml")));
        int status = flowTest(tests.toString());

        assertThat(status).as(output()).isEqualTo(1);
        assertThat(output()).contains("  FAIL  expects the wrong prompt after 1\n        " + tests + ":8:9: expected"
                + " play please-hold but got play account-found; the caller's transcript: [play transfer, play"
                + " language-menu, key 1, play account-found]",
                "  FAIL  expects the server to hang up\n        " + tests + ":9:5: expected the flow to end with"
                        + " hangup but the caller hung up",
                "  n/a   mocks the queue (mocks queue: give --agents to run it against agents)",
                "0 passed, 2 failed, 1 not applicable");
    }
}
