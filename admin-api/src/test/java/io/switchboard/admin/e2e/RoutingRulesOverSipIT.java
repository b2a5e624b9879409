package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.PathEntry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Skill-based routing by rule files, end to end over SIP: simulated agents with skills and languages register and
 * answer, simulated callers wait in queues their flows tag with a topic and a customer segment, and the ACD routes by
 * the rules of a rules directory (escalation steps of 6 s here, where the shipped rules use 20 s). A VIP jumps ahead
 * to the senior agent; an escalation step widens the pool after its time; a Spanish caller reaches only a Spanish
 * speaker until the last step; a rules file published through the API takes effect on the next decision while a
 * caller waits, and a broken one is refused with its line while calls keep being routed. Each test has its own
 * queue, so agents of one never take another's calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingRulesOverSipIT {

    private static final TestDatabase DB = TestDatabase.create(RoutingRulesOverSipIT.class);
    private static final String PASSWORD = "agent-password-1";
    private static final String RULES = """
            package routing;
            import io.switchboard.routing.facts.*;

            rule "plan"
            when
            then
                insert(new EscalationPlan(EscalationPlan.EVERY_QUEUE, 6, 12));
            end

            rule "topic-to-skill"
            when
                $c : WaitingCall(topic != null, step < steps)
            then
                insertLogical(new NeedsSkill($c, $c.topic(), 1));
            end

            rule "escalation-step-1-experts"
            when
                $c : WaitingCall(topic != null, step == 1)
            then
                insertLogical(new NeedsSkill($c, $c.topic(), 4));
            end

            rule "escalation-step-2-proficient"
            when
                $c : WaitingCall(topic != null, step == 2)
            then
                insertLogical(new NeedsSkill($c, $c.topic(), 2));
            end

            rule "language-must-match"
            when
                $c : WaitingCall(language != null, step < steps)
            then
                insertLogical(new NeedsLanguage($c, $c.language()));
            end

            rule "vip-goes-ahead"
            when
                $c : WaitingCall(segment == "vip")
            then
                insertLogical(new GoesAhead($c, 1));
            end

            rule "vip-to-senior"
            when
                $c : WaitingCall(segment == "vip", topic != null, step < steps)
            then
                insertLogical(new NeedsSkill($c, $c.topic(), 4));
                insertLogical(new PreferMostProficient($c, $c.topic()));
            end
            """;
    private static final Path SITE = site();

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    CallStore calls;

    private SimulatedCaller callers;
    private SimulatedAgents phones;
    private Login supervisor;
    private Login designer;

    /** Queues {@code vip-line}, {@code es-line}, {@code live-line}; per queue a plain, a VIP and a Spanish flow. */
    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("routing-over-sip");
            Files.createDirectories(dir.resolve("flows"));
            Files.createDirectories(dir.resolve("routing"));
            Files.writeString(dir.resolve("routing/site.drl"), RULES);
            StringBuilder queues = new StringBuilder("queues:\n");
            for (String queue : List.of("vip-line", "es-line", "live-line")) {
                queues.append("""
                          %s:
                            description: routing rules test
                            hold: [hold-music]
                            announce: {position: no, wait: no}
                            join-when-empty: yes
                            ring-timeout: 5s
                            wrap-up: 1s
                        """.formatted(queue));
                for (String kind : List.of("plain", "vip", "es")) {
                    Files.writeString(dir.resolve("flows/" + queue + "-" + kind + ".yaml"), """
                            flow: %s-%s
                            languages: [en, es]
                            start: speak
                            steps:
                              speak: {language: %s, next: wait}
                              wait:
                                queue:
                                  name: %s
                                  attributes: {topic: internet, segment: %s}
                                  max-wait: 2m
                                  connected: bye
                                  timeout: bye
                                  unavailable: bye
                              bye: {hangup: {}}
                            """.formatted(queue, kind, kind.equals("es") ? "es" : "en", queue,
                            kind.equals("vip") ? "vip" : "regular"));
                }
            }
            Files.writeString(dir.resolve("queues.yaml"), queues.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        AcdSite.register(registry, SITE);
        int number = 500;
        for (String queue : List.of("vip-line", "es-line", "live-line")) {
            for (String kind : List.of("plain", "vip", "es")) {
                String flow = queue + "-" + kind;
                registry.add("switchboard.flows.numbers." + number++, () -> flow);
            }
        }
        registry.add("switchboard.flows.default", () -> "vip-line-plain");
        registry.add("switchboard.routing.dir", () -> SITE.resolve("routing").toString());
        registry.add("switchboard.routing.check", () -> "200ms");
    }

    @BeforeEach
    void start() throws Exception {
        PromptLibrary prompts = PromptLibrary.load(properties.prompts().dir());
        callers = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults());
        // agents talk 12 s unless the caller hangs up first: a senior agent on a call stays busy past step 2
        phones = AcdSite.phones(properties, prompts, Duration.ofMillis(300), Duration.ofSeconds(12));
        supervisor = TestServer.createUser(port, "sup-" + System.nanoTime(), "supervisor");
        designer = TestServer.createUser(port, "des-" + System.nanoTime(), "designer");
    }

    @AfterEach
    void stop() {
        phones.close();
        callers.close();
    }

    @Test
    void aVipJumpsAheadToTheSeniorAgentAndTheNextStepWidensThePoolForTheCallerWhoCameFirst() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        agent("7001", "vip-line", 5, "en");
        agent("7002", "vip-line", 2, "en");
        CallSession plain = dial(500, "5557001");
        awaitEvents(from, "ENTERQUEUE", 1);
        CallSession vip = dial(501, "5557002");
        awaitEvents(from, "ENTERQUEUE", 2);
        setState("7002", "available");
        setState("7001", "available");

        vip.awaitPrompt("agent-greeting", Duration.ofSeconds(15));
        JsonNode vipRouted = routedFor(from, "5557002").orElseThrow();
        assertThat(vipRouted.get("agent").stringValue()).as("the senior agent").isEqualTo("7001");
        assertThat(explanation(vipRouted)).contains("vip-goes-ahead", "vip-to-senior").contains("step 1 of 3");

        plain.awaitPrompt("agent-greeting", Duration.ofSeconds(30));
        JsonNode plainRouted = routedFor(from, "5557001").orElseThrow();
        assertThat(plainRouted.get("agent").stringValue()).isEqualTo("7002");
        assertThat(explanation(plainRouted)).as("proficiency 2 only from step 2, after 6 s")
                .contains("escalation-step-2-proficient").contains("step 2 of 3");
        assertThat(waitedSeconds(plainRouted)).isGreaterThanOrEqualTo(6);
        List<String> connectedOrder = events(from, "CONNECT").stream().map(e -> e.get("agent").stringValue())
                .toList();
        assertThat(connectedOrder).containsExactly("7001", "7002");

        String callId = vipRouted.get("callId").stringValue();
        assertThat(vip.awaitEnded(Duration.ofSeconds(15))).isNotEqualTo(CallSession.EndedBy.NONE);
        TestServer.await(() -> calls.find(callId).map(c -> c.endedAt() != null && c.path().stream()
                .anyMatch(p -> p.kind() == PathEntry.Kind.FLOW_END)).orElse(false), Duration.ofSeconds(15));
        assertThat(calls.find(callId).orElseThrow().path()).filteredOn(p -> p.kind() == PathEntry.Kind.ROUTED).singleElement()
                .satisfies(p -> {
                    assertThat(p.name()).isEqualTo("7001");
                    assertThat(p.detail()).isEqualTo(explanation(vipRouted));
                });
    }

    @Test
    void aSpanishCallerReachesOnlyASpanishSpeakerUntilTheLastStep() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        agent("7101", "es-line", 5, "en");
        agent("7102", "es-line", 5, "es");
        setState("7101", "available");
        CallSession first = dial(505, "5557101");
        awaitEvents(from, "ENTERQUEUE", 1);
        setState("7102", "available");
        first.awaitPrompt("agent-greeting", Duration.ofSeconds(15));
        JsonNode firstRouted = routedFor(from, "5557101").orElseThrow();
        assertThat(firstRouted.get("agent").stringValue()).as("the Spanish speaker, though the other was idle longer")
                .isEqualTo("7102");
        assertThat(explanation(firstRouted)).contains("language-must-match").contains("step 1 of 3");
        first.hangup();

        Instant second = Instant.now().minusMillis(500);
        awaitEvents(from, "COMPLETECALLER", 1);
        setState("7102", "not-ready");
        CallSession later = dial(505, "5557102");
        later.awaitPrompt("agent-greeting", Duration.ofSeconds(30));
        JsonNode laterRouted = routedFor(second, "5557102").orElseThrow();
        assertThat(laterRouted.get("agent").stringValue()).as("anyone serving the queue at the last step")
                .isEqualTo("7101");
        assertThat(explanation(laterRouted)).contains("step 3 of 3").doesNotContain("language-must-match");
        assertThat(waitedSeconds(laterRouted)).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aPublishedRulesFileTakesEffectOnTheNextDecisionAndABrokenOneIsRefusedWhileCallsKeepBeingRouted()
            throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        JsonNode before = TestServer.get(port, "/api/routing", supervisor).json();
        assertThat(before.get("strategy").stringValue()).isEqualTo("rules");
        String version = before.get("version").stringValue();
        assertThat(before.get("files").get(0).get("name").stringValue()).isEqualTo("site.drl");

        agent("7201", "live-line", 5, "en");
        setState("7201", "available");
        CallSession waiting = dial(508, "5557201");
        awaitEvents(from, "ENTERQUEUE", 1);
        waiting.awaitPrompt("hold-music", Duration.ofSeconds(10));
        assertThat(routedFor(from, "5557201")).as("a Spanish caller, an English agent: nobody yet").isEmpty();

        String withoutLanguage = RULES.replace("language != null, step < steps", "language == \"none\"");
        var published = TestServer.send(port, "PUT", "/api/routing/files/site.drl", "text/plain", withoutLanguage,
                designer);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("version").stringValue()).isNotEqualTo(version);
        waiting.awaitPrompt("agent-greeting", Duration.ofSeconds(15));
        JsonNode routed = routedFor(from, "5557201").orElseThrow();
        assertThat(routed.get("agent").stringValue()).isEqualTo("7201");
        assertThat(explanation(routed)).as("the new rules decided, before the last step").doesNotContain(
                "step 3 of 3").doesNotContain("language-must-match");
        assertThat(events(from, "ABANDON")).isEmpty();
        waiting.hangup();
        awaitEvents(from, "COMPLETECALLER", 1);

        String current = TestServer.get(port, "/api/routing", supervisor).json().get("version").stringValue();
        var refused = TestServer.send(port, "PUT", "/api/routing/files/site.drl", "text/plain",
                RULES.replace("$c : WaitingCall(segment == \"vip\")", "$c : WaitingCall(colour == \"red\")"),
                designer);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("diagnostics").valueStream().map(d -> d.get("text").stringValue()))
                .anySatisfy(d -> assertThat(d).startsWith("site.drl:40"));
        assertThat(Files.readString(SITE.resolve("routing/site.drl"))).isEqualTo(withoutLanguage);
        var byAgent = TestServer.send(port, "PUT", "/api/routing/files/site.drl", "text/plain", RULES, supervisor);
        assertThat(byAgent.status()).as("publishing needs the designer role").isEqualTo(403);

        Files.writeString(SITE.resolve("routing/site.drl"), "package routing;\nrule \"x\" when then oops end\n");
        TestServer.await(() -> !TestServer.get(port, "/api/routing", designer).json().get("lastRefusal").isNull(),
                Duration.ofSeconds(15));
        JsonNode after = TestServer.get(port, "/api/routing", designer).json();
        assertThat(after.get("version").stringValue()).as("the rules in force keep routing").isEqualTo(current);
        assertThat(after.get("lastRefusal").get("diagnostics").get(0).get("text").stringValue())
                .startsWith("site.drl:2");

        Instant again = Instant.now().minusMillis(500);
        CallSession next = dial(508, "5557202");
        next.awaitPrompt("agent-greeting", Duration.ofSeconds(15));
        assertThat(routedFor(again, "5557202")).hasValueSatisfying(r -> assertThat(r.get("agent").stringValue())
                .isEqualTo("7201"));
        next.hangup();

        var restored = TestServer.send(port, "PUT", "/api/routing/files/site.drl", "text/plain", RULES, designer);
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(TestServer.get(port, "/api/audit?limit=100", Login.ADMIN).json().valueStream()
                .filter(e -> e.get("action").stringValue().equals("routing.publish")).count())
                .isGreaterThanOrEqualTo(2);
    }

    private CallSession dial(int number, String caller) throws IOException {
        return callers.dial("sip:" + number + "@127.0.0.1:" + properties.sip().port(), caller);
    }

    private void agent(String id, String queue, int internet, String language) throws Exception {
        var reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                {"id": "%s", "name": "Agent %s", "password": "%s", "queues": {"%s": 1},
                 "skills": {"internet": %d}, "languages": ["%s"]}"""
                .formatted(id, id, PASSWORD, queue, internet, language), supervisor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        SimulatedAgent phone = phones.add(id, PASSWORD);
        assertThat(phone.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))).isTrue();
        setState(id, "not-ready");
    }

    private void setState(String id, String state) {
        String json = state.equals("not-ready") ? "{\"state\": \"not-ready\", \"reason\": \"break\"}"
                : "{\"state\": \"" + state + "\"}";
        TestServer.setAgentState(port, supervisor, id, json);
    }

    /** The ROUTED event of the call whose caller is {@code caller}, if it was routed since {@code from}. */
    private Optional<JsonNode> routedFor(Instant from, String caller) {
        Optional<String> callId = events(from, "ENTERQUEUE").stream()
                .filter(e -> e.get("data").get(1).stringValue().equals(caller))
                .map(e -> e.get("callId").stringValue()).findFirst();
        return callId.flatMap(id -> events(from, "ROUTED").stream()
                .filter(e -> e.get("callId").stringValue().equals(id)).findFirst());
    }

    private static String explanation(JsonNode routed) {
        return routed.get("data").get(0).stringValue();
    }

    /** The wait the explanation states ({@code …, after 25 s}). */
    private static long waitedSeconds(JsonNode routed) {
        String text = explanation(routed);
        return Long.parseLong(text.substring(text.lastIndexOf("after ") + 6, text.lastIndexOf(" s")));
    }

    private void awaitEvents(Instant from, String event, int count) throws InterruptedException {
        TestServer.await(() -> events(from, event).size() >= count, Duration.ofSeconds(15));
    }

    private List<JsonNode> events(Instant from, String event) {
        return TestServer.queueEvents(port, supervisor, from, event);
    }
}
