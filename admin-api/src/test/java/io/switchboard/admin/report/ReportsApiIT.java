package io.switchboard.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.admin.TestServer.Reply;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reports and metrics after real calls through the ACD over SIP on loopback: two simulated agents answer three
 * callers, a fourth hangs up while waiting. Today's report (site time zone Europe/Paris) then agrees with what
 * {@code GET /api/queues} shows, in JSON and CSV, and the Prometheus endpoint counts the same calls. One server and
 * one set of calls for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiIT {

    private static final TestDatabase DB = TestDatabase.create(ReportsApiIT.class);
    private static final Path SITE = site();
    private static final String PASSWORD = "agent-password-1";

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    private SimulatedCaller callers;
    private SimulatedAgents phones;
    private Login supervisor;

    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("reports-api");
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("queues.yaml"), """
                    queues:
                      general:
                        description: everyone
                        service-level: 30s
                        hold: [hold-music]
                        announce: {position: no, wait: no}
                        join-when-empty: yes
                        ring-timeout: 3s
                        wrap-up: 1s
                    """);
            Files.writeString(dir.resolve("flows/queued.yaml"), """
                    flow: queued
                    languages: [en]
                    start: wait
                    steps:
                      wait:
                        queue: {name: general, max-wait: 5m, connected: bye, timeout: bye, unavailable: bye}
                      bye: {hangup: {}}
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        AcdSite.register(registry, SITE);
        registry.add("switchboard.flows.numbers.300", () -> "queued");
        registry.add("switchboard.flows.default", () -> "queued");
        registry.add("switchboard.site.time-zone", () -> "Europe/Paris");
    }

    @BeforeAll
    void callsThroughTheAcd() throws Exception {
        PromptLibrary prompts = PromptLibrary.load(properties.prompts().dir());
        callers = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults());
        phones = AcdSite.phones(properties, prompts, Duration.ofMillis(200), Duration.ofMillis(800));
        supervisor = TestServer.createUser(port, "sup-reports", "supervisor");
        Instant from = Instant.now().minusSeconds(1);
        List<SimulatedAgent> agents = new ArrayList<>();
        for (String id : List.of("7001", "7002")) {
            Reply created = TestServer.send(port, "POST", "/api/agents", "application/json", """
                    {"id": "%s", "name": "Agent %s", "password": "%s", "queues": {"general": 1}}"""
                    .formatted(id, id, PASSWORD), supervisor);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            SimulatedAgent agent = phones.add(id, PASSWORD);
            assertThat(agent.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10)))
                    .isTrue();
            TestServer.setAgentState(port, supervisor, id, "{\"state\": \"not-ready\", \"reason\": \"break\"}");
            agents.add(agent);
        }
        CallSession leaver = callers.dial("sip:300@127.0.0.1:" + properties.sip().port(), "5558000");
        leaver.awaitPrompt("hold-music", Duration.ofSeconds(10));
        leaver.hangup();
        TestServer.await(() -> events(from, "ABANDON") == 1, Duration.ofSeconds(10));
        List<CallSession> answered = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            answered.add(callers.dial("sip:300@127.0.0.1:" + properties.sip().port(), "555800" + i));
            int entered = i + 1;
            TestServer.await(() -> events(from, "ENTERQUEUE") == entered, Duration.ofSeconds(10));
        }
        for (SimulatedAgent a : agents) {
            TestServer.setAgentState(port, supervisor, a.id(), "{\"state\": \"available\"}");
        }
        TestServer.await(() -> events(from, "COMPLETEAGENT") + events(from, "COMPLETECALLER") == 3,
                Duration.ofSeconds(60));
        for (CallSession call : answered) {
            assertThat(call.heardNames()).contains("agent-greeting");
        }
    }

    @AfterAll
    void stop() {
        phones.close();
        callers.close();
    }

    @Test
    void todaysReportAgreesWithTheQueuesThatTheWallboardReads() {
        JsonNode queue = TestServer.get(port, "/api/queues/general", supervisor).json();
        JsonNode report = TestServer.get(port, "/api/reports/queues", supervisor).json();
        assertThat(report.get("timeZone").stringValue()).isEqualTo("Europe/Paris");
        assertThat(report.get("interval").stringValue()).isEqualTo("hour");
        assertThat(report.get("from").stringValue()).as("today's midnight in Paris").matches(
                "\\d{4}-\\d{2}-\\d{2}T00:00:00\\+0[12]:00");
        JsonNode total = report.get("totals").get(0);
        assertThat(total.get("queue").stringValue()).isEqualTo("general");
        assertThat(total.has("intervalStart")).as("totals have no interval").isFalse();
        assertThat(total).as("GET /api/queues' today is the report's total for today").isEqualTo(queue.get("today"));
        assertThat(total.get("offered").intValue()).isEqualTo(4);
        assertThat(total.get("answered").intValue()).isEqualTo(3);
        assertThat(total.get("abandoned").intValue()).isEqualTo(1);
        assertThat(total.get("answerRate").doubleValue()).isEqualTo(0.75);
        assertThat(total.get("averageHandlingSeconds").isNull()).isFalse();
        assertThat(queue.get("answeredToday").intValue()).isEqualTo(3);
        assertThat(queue.get("abandonedToday").intValue()).isEqualTo(1);
        assertThat(queue.get("answeredInServiceLevelToday").intValue())
                .isEqualTo(total.get("answeredWithinServiceLevel").intValue());
        int rowsOffered = report.get("rows").valueStream().mapToInt(r -> r.get("offered").intValue()).sum();
        assertThat(rowsOffered).as("the hours add up to the day").isEqualTo(4);
        assertThat(report.get("rows").get(0).get("intervalStart").stringValue()).matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:00:00\\+0[12]:00");
    }

    @Test
    void theAgentsReportCountsWhoAnswered() {
        JsonNode report = TestServer.get(port, "/api/reports/agents?interval=day", supervisor).json();
        int answered = report.get("totals").valueStream()
                .filter(a -> a.get("agent").stringValue().startsWith("700"))
                .mapToInt(a -> a.get("answered").intValue()).sum();
        assertThat(answered).isEqualTo(3);
        assertThat(report.get("totals").valueStream().filter(a -> a.get("agent").stringValue().equals("7001"))
                .findFirst().orElseThrow().get("loggedInSeconds").longValue()).isPositive();
    }

    @Test
    void csvHasTheSameFiguresAsJson() {
        Reply byParameter = TestServer.get(port, "/api/reports/queues?interval=day&format=csv", supervisor);
        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.contentType()).startsWith("text/csv");
        List<String> lines = byParameter.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header.subList(0, 5)).containsExactly("queue", "intervalStart", "offered", "answered",
                "abandoned");
        List<String> total = List.of(lines.getLast().split(",", -1));
        assertThat(total.get(0)).isEqualTo("\"general\"");
        assertThat(total.get(1)).as("a total has no interval start").isEmpty();
        assertThat(total.get(header.indexOf("offered"))).isEqualTo("4");
        assertThat(total.get(header.indexOf("answered"))).isEqualTo("3");
        Reply byAccept = TestServer.send(port, "GET", "/api/reports/queues?interval=day", null, null, supervisor,
                "text/csv");
        assertThat(byAccept.body()).isEqualTo(byParameter.body());
    }

    @Test
    void badPeriodsAndIntervalsAreProblemsThatSayWhatToSend() {
        Reply tooLong = TestServer.get(port, "/api/reports/queues?from=2026-01-01&to=2026-06-01", supervisor);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().get("detail").stringValue()).contains("at most 92 days")
                .contains("such as from=2026-01-01&to=2026-04-03");
        Reply interval = TestServer.get(port, "/api/reports/agents?interval=week", supervisor);
        assertThat(interval.status()).isEqualTo(400);
        assertThat(interval.json().get("detail").stringValue()).contains("15m, hour or day");
        Reply from = TestServer.get(port, "/api/reports/queues?from=yesterday", supervisor);
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.json().get("detail").stringValue()).contains("Europe/Paris");
        Reply empty = TestServer.get(port, "/api/reports/queues?from=2026-01-01&to=2026-01-02", supervisor);
        assertThat(empty.json().get("rows")).isEmpty();
        assertThat(empty.json().get("totals").get(0).get("serviceLevel").isNull()).as("null, never NaN").isTrue();
    }

    @Test
    void prometheusShowsTheQueuesNextToTheJvmForSupervisorsOnly() {
        Login token = TestServer.createToken(port, "prometheus", "supervisor");
        Reply metrics = TestServer.get(port, "/actuator/prometheus", token);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(value(metrics.body(), "switchboard_queue_calls_offered_total")).isEqualTo(4.0);
        assertThat(value(metrics.body(), "switchboard_queue_calls_answered_total")).isEqualTo(3.0);
        assertThat(value(metrics.body(), "switchboard_queue_calls_abandoned_total")).isEqualTo(1.0);
        assertThat(value(metrics.body(), "switchboard_queue_waiting")).isEqualTo(0.0);
        JsonNode today = TestServer.get(port, "/api/queues/general", supervisor).json().get("today");
        assertThat(value(metrics.body(), "switchboard_queue_service_level_today"))
                .isEqualTo(today.get("serviceLevel").doubleValue());
        assertThat(metrics.body()).contains("switchboard_queue_agents{queue=\"general\",state=\"available\"}")
                .contains("jvm_memory_used_bytes");
        for (String series : dashboardSeries()) {
            assertThat(metrics.body()).as("docker/grafana's dashboard reads %s", series).contains(series + "{");
        }
        Login agent = TestServer.createToken(port, "an-agent", "agent");
        assertThat(TestServer.get(port, "/actuator/prometheus", agent).status()).isEqualTo(403);
        assertThat(TestServer.get(port, "/actuator/prometheus", Login.ANONYMOUS).status()).isEqualTo(401);
    }

    /** The switchboard_… series the Grafana dashboard's queries read. */
    private static java.util.Set<String> dashboardSeries() {
        try {
            String json = Files.readString(ApiDocumentationTest.repository()
                    .resolve("docker/grafana/switchboard-queues.json"));
            java.util.Set<String> out = new java.util.TreeSet<>();
            Matcher m = Pattern.compile("switchboard_[a-z_]+").matcher(json);
            while (m.find()) {
                out.add(m.group());
            }
            assertThat(out).hasSizeGreaterThanOrEqualTo(6);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + "\\{queue=\"general\"} (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(series + " in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private int events(Instant from, String event) {
        return TestServer.queueEvents(port, supervisor, from, event).size();
    }
}
