package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.handoff.HandoffRequest;
import io.switchboard.ivr.testing.FakeServiceDesk;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ACD over real SIP on loopback: simulated agents register with digest authentication and answer, simulated
 * callers wait in a queue with hold music and are connected to them (the caller hears the agent's voice through the
 * server's RTP relay), in priority-then-entry order as the queue log shows; an abandon is logged with its position;
 * a phone that rings unanswered sends its caller back to their place; a wrong password never registers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AcdOverSipIT {

    private static final TestDatabase DB = TestDatabase.create(AcdOverSipIT.class);
    private static final Path SITE = site();
    private static final String PASSWORD = "agent-password-1";
    /** A real HTTP server standing in for the ticket service that abandoned calls are handed off to. */
    private static final FakeServiceDesk TICKETS = FakeServiceDesk.start();

    @Autowired
    HandoffOutbox handoffs;

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    private SimulatedCaller callers;
    private SimulatedAgents phones;
    private Login supervisor;

    /** A queue that rings agents 3 s, wraps up 1 s, and two flows into it: regular callers and VIPs. */
    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("acd-over-sip");
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("queues.yaml"), """
                    queues:
                      general:
                        description: everyone
                        hold: [hold-music]
                        announce: {position: yes, wait: yes, first-after: 2s, every: 20s}
                        join-when-empty: yes
                        ring-timeout: 3s
                        wrap-up: 1s
                    """);
            for (var flow : Map.of("queued", 0, "queued-vip", 50).entrySet()) {
                Files.writeString(dir.resolve("flows/" + flow.getKey() + ".yaml"), """
                        flow: %s
                        languages: [en]
                        start: wait
                        steps:
                          wait:
                            queue:
                              name: general
                              priority: %d
                              max-wait: 5m
                              connected: bye
                              timeout: bye
                              unavailable: bye
                          bye: {hangup: {}}
                        """.formatted(flow.getKey(), flow.getValue()));
            }
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
        registry.add("switchboard.flows.numbers.301", () -> "queued-vip");
        registry.add("switchboard.flows.default", () -> "queued");
        registry.add("switchboard.handoff.integrations.helpdesk.type", () -> "webhook");
        registry.add("switchboard.handoff.integrations.helpdesk.base-url", () -> TICKETS.baseUrl() + "/hook");
        registry.add("switchboard.handoff.on.abandon", () -> "helpdesk");
        registry.add("switchboard.handoff.poll", () -> "200ms");
    }

    @org.junit.jupiter.api.AfterAll
    static void stopTickets() {
        TICKETS.close();
    }

    @BeforeEach
    void start() throws Exception {
        PromptLibrary prompts = PromptLibrary.load(properties.prompts().dir());
        callers = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults());
        phones = AcdSite.phones(properties, prompts, Duration.ofMillis(300), Duration.ofMillis(1500));
        supervisor = TestServer.createUser(port, "sup-" + System.nanoTime(), "supervisor");
    }

    @AfterEach
    void stop() {
        phones.close();
        callers.close();
    }

    @Test
    void fiftyCallersReachTenAgentsVipsFirstThenInTheOrderTheyCame() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "20" + String.format("%02d", i);
            createAgent(id);
            agents.add(phones.add(id, PASSWORD));
            setState(id, "{\"state\": \"not-ready\", \"reason\": \"break\"}");
        }
        for (SimulatedAgent a : agents) {
            assertThat(a.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))).isTrue();
        }
        Map<String, CallSession> calls = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        List<String> regular = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean vip = i % 5 == 4;
            String number = "55501" + String.format("%02d", i);
            calls.put(number, callers.dial("sip:" + (vip ? "301" : "300") + "@127.0.0.1:" + properties.sip().port(),
                    number));
            (vip ? expected : regular).add(number);
            int entered = i + 1;
            TestServer.await(() -> events(from, "ENTERQUEUE").size() >= entered, Duration.ofSeconds(10));
        }
        expected.addAll(regular);
        JsonNode queue = TestServer.get(port, "/api/queues/general", supervisor).json();
        assertThat(queue.get("waiting")).hasSize(50);
        assertThat(queue.get("waiting").valueStream().map(w -> w.get("caller").stringValue()).toList())
                .as("the line as supervisors see it: VIPs first, then by entry").isEqualTo(expected);
        assertThat(queue.get("waiting").get(0).get("position").intValue()).isEqualTo(1);
        assertThat(queue.get("longestWaitSeconds").longValue()).isPositive();
        long notReady = TestServer.get(port, "/api/agents", supervisor).json().valueStream()
                .filter(a -> a.get("queues").has("general"))
                .filter(a -> a.get("state").get("activity").stringValue().equals("NOT_READY")).count();
        assertThat(notReady).isGreaterThanOrEqualTo(10);
        assertThat(queue.get("agents").get("not-ready").intValue()).isEqualTo((int) notReady);
        for (SimulatedAgent a : agents) {
            setState(a.id(), "{\"state\": \"available\"}");
        }
        TestServer.await(() -> events(from, "COMPLETEAGENT").size() + events(from, "COMPLETECALLER").size() >= 50,
                Duration.ofSeconds(120));

        Map<String, String> callIdToNumber = new LinkedHashMap<>();
        for (JsonNode e : events(from, "ENTERQUEUE")) {
            callIdToNumber.put(e.get("callId").stringValue(), e.get("data").get(1).stringValue());
        }
        List<String> connected = events(from, "CONNECT").stream()
                .map(e -> callIdToNumber.get(e.get("callId").stringValue())).toList();
        assertThat(connected).hasSize(50);
        for (int round = 0; round < 5; round++) {
            assertThat(connected.subList(round * 10, round * 10 + 10)).as("round %d", round + 1)
                    .containsExactlyInAnyOrderElementsOf(expected.subList(round * 10, round * 10 + 10));
        }
        for (CallSession call : calls.values()) {
            assertThat(call.heardNames()).as("every caller heard hold music, then an agent").contains("hold-music",
                    "agent-greeting");
        }
        assertThat(agents).allSatisfy(a -> assertThat(a.answered()).hasSize(5));
        JsonNode after = TestServer.get(port, "/api/queues/general", supervisor).json();
        assertThat(after.get("waiting")).isEmpty();
        assertThat(after.get("answeredToday").intValue()).as("the other tests' calls count too")
                .isEqualTo(queue.get("answeredToday").intValue() + 50);
        assertThat(after.get("abandonedToday").intValue()).isEqualTo(queue.get("abandonedToday").intValue());
    }

    @Test
    void aCallerWhoHangsUpIsLoggedAsAbandonedAndAnUnansweredPhoneSendsItsCallerBack() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        createAgent("3001");
        SimulatedAgent deaf = phones.add("3001", PASSWORD);
        deaf.behave(SimulatedAgent.Behaviour.IGNORE);
        assertThat(deaf.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))).isTrue();
        setState("3001", "{\"state\": \"not-ready\", \"reason\": \"break\"}");

        CallSession first = callers.dial("sip:300@127.0.0.1:" + properties.sip().port(), "5559001");
        TestServer.await(() -> events(from, "ENTERQUEUE").size() == 1, Duration.ofSeconds(10));
        CallSession leaver = callers.dial("sip:300@127.0.0.1:" + properties.sip().port(), "5559002");
        TestServer.await(() -> events(from, "ENTERQUEUE").size() == 2, Duration.ofSeconds(10));
        leaver.awaitPrompt("hold-music", Duration.ofSeconds(10));
        leaver.hangup();
        TestServer.await(() -> events(from, "ABANDON").size() == 1, Duration.ofSeconds(10));
        JsonNode abandon = events(from, "ABANDON").get(0);
        assertThat(abandon.get("data").get(0).stringValue()).as("position").isEqualTo("2");
        assertThat(abandon.get("data").get(1).stringValue()).as("original position").isEqualTo("2");
        TestServer.await(() -> !TICKETS.created("/hook").isEmpty(), Duration.ofSeconds(15));
        JsonNode ticket = TICKETS.created("/hook").getFirst().body();
        assertThat(ticket.path("target").asString()).as("handed off as abandoned").isEqualTo("abandon");
        assertThat(ticket.path("caller").asString()).isEqualTo("5559002");
        assertThat(ticket.path("payload").path("queue").asString()).isEqualTo("general");
        assertThat(ticket.path("payload").path("position").asString()).isEqualTo("2");
        // an earlier call from the first caller left a ticket: their agent sees it with the call
        handoffs.add(new HandoffRequest("helpdesk", "ticket", "earlier-call-5559001", "5559001",
                "earlier-5559001", Map.of("topic", "billing")));

        setState("3001", "{\"state\": \"available\"}");
        TestServer.await(() -> events(from, "RINGNOANSWER").size() == 1, Duration.ofSeconds(15));
        JsonNode state = TestServer.get(port, "/api/agents/3001", supervisor).json().get("state");
        assertThat(state.get("activity").stringValue()).isEqualTo("NOT_READY");
        assertThat(state.get("reason").stringValue()).isEqualTo("missed");

        createAgent("3002");
        SimulatedAgent ready = phones.add("3002", PASSWORD);
        assertThat(ready.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))).isTrue();
        setState("3002", "{\"state\": \"available\"}");
        first.awaitPrompt("agent-greeting", Duration.ofSeconds(15));
        JsonNode current = TestServer.get(port, "/api/agents/3002/current", supervisor).json();
        assertThat(current.path("previousHandoffs").valueStream().map(h -> h.path("callId").asString()).toList())
                .containsExactly("earlier-call-5559001");
        assertThat(current.path("handoffs").isArray()).isTrue();
        assertThat(ready.offers().get(0)).containsEntry("Caller", "5559001").containsEntry("Queue", "general")
                .containsEntry("Language", "en");
        assertThat(first.awaitEnded(Duration.ofSeconds(15))).isNotEqualTo(CallSession.EndedBy.NONE);
    }

    @Test
    void aWrongPasswordNeverRegisters() throws Exception {
        createAgent("4001");
        SimulatedAgent impostor = phones.add("4001", "not-the-password");
        assertThat(impostor.awaitRegistration(SimulatedAgent.Registration.REFUSED, Duration.ofSeconds(10))).isTrue();
        assertThat(impostor.lastRegisterStatus()).isIn(401, 403);
        JsonNode agent = TestServer.get(port, "/api/agents/4001", supervisor).json();
        assertThat(agent.get("phoneRegistered").booleanValue()).isFalse();
    }

    private void createAgent(String id) {
        var reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                {"id": "%s", "name": "Agent %s", "password": "%s", "queues": {"general": 1}}"""
                .formatted(id, id, PASSWORD), supervisor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private void setState(String id, String json) {
        TestServer.setAgentState(port, supervisor, id, json);
    }

    private List<JsonNode> events(Instant from, String event) {
        return TestServer.queueEvents(port, supervisor, from, event);
    }
}
