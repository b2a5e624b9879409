package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.asterisk.FastAgiService;
import io.switchboard.ivr.testing.SimulatedAgiSession;
import io.switchboard.ivr.testing.SimulatedAmi;
import io.switchboard.ivr.testing.SimulatedAmiCalls;
import io.switchboard.ivr.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ACD on Asterisk, on the real server (real PostgreSQL) against a simulated Asterisk 20 at the protocol level:
 * agents are Asterisk devices ({@code SIP/<id>}) offered calls while AMI says they are {@code NOT_INUSE}; a caller in
 * {@code AGI(agi://…/queued)} waits hearing Asterisk's music on hold; an offer is an AMI Originate to the agent's
 * device; the answer bridges them with {@code Bridge(<id>,x)} on the caller's FastAGI session, and the queue log
 * reads as it does on the built-in endpoint: ENTERQUEUE, CONNECT, COMPLETEAGENT or COMPLETECALLER, RINGNOANSWER,
 * RINGCANCELED and ABANDON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AsteriskQueueIT {

    private static final TestDatabase DB = TestDatabase.create(AsteriskQueueIT.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A queue of its own for each test, so no test sees another's agents or queue log. */
    private static final List<String> QUEUES = List.of("answered", "unanswered", "cancelled", "relinked",
            "calledback", "crashed", "unlinked");
    private static final Path SITE = site();
    /** Lives as long as the cached server context that keeps its link. */
    private static final SimulatedAmi AMI = SimulatedAmi.forSwitchboard("ami-queue-secret");

    @Autowired
    FastAgiService agi;

    @LocalServerPort
    int port;

    private Login supervisor;
    /** This test's queue. */
    private String queue;
    private final List<String> agents = new java.util.ArrayList<>();

    /** One queue ringing agents 2 s with 1 s of wrap-up, and a flow that queues and then says goodbye. */
    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("asterisk-queue");
            Files.createDirectories(dir.resolve("flows"));
            StringBuilder queues = new StringBuilder("queues:\n");
            for (String q : QUEUES) {
                queues.append("""
                          %s:
                            description: test %s
                            hold: [hold-music]
                            announce: {position: yes, wait: no, first-after: 1s, every: 30s}
                            join-when-empty: yes
                            ring-timeout: 2s
                            wrap-up: 1s
                        """.formatted(q, q));
                Files.writeString(dir.resolve("flows/queued-" + q + ".yaml"), """
                        flow: queued-%s
                        languages: [en]
                        start: wait
                        steps:
                          wait:
                            queue:
                              name: %s
                              max-wait: 5m
                              connected: thanks
                              timeout: bye
                              unavailable: bye
                          thanks: {play: [goodbye], next: bye}
                          bye: {hangup: {}}
                        """.formatted(q, q));
            }
            Files.writeString(dir.resolve("flows/book-callback.yaml"), """
                    flow: book-callback
                    languages: [en]
                    start: book
                    steps:
                      book: {callback: {queue: calledback, failed: bye}, next: thanks}
                      thanks: {play: [callback-scheduled], next: bye}
                      bye: {hangup: {}}
                    """);
            Files.writeString(dir.resolve("flows/to-agent.yaml"), """
                    flow: to-agent
                    languages: [en]
                    start: hand-over
                    steps:
                      hand-over: {transfer: {to: "5801", failed: sorry}}
                      sorry: {play: [goodbye], next: bye}
                      bye: {hangup: {}}
                    """);
            Files.writeString(dir.resolve("queues.yaml"), queues);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        AcdSite.register(registry, SITE);
        registry.add("switchboard.flows.default", () -> "queued-answered");
        registry.add("switchboard.flows.numbers.100", () -> "queued-answered");
        TestServer.asterisk(registry, AMI, "ami-queue-secret");
        registry.add("switchboard.asterisk.agent-device", () -> "SIP/{agent}");
        registry.add("switchboard.asterisk.outbound-route", () -> "SIP/{number}@trunk");
    }



    @BeforeEach
    void login() throws Exception {
        supervisor = TestServer.createUser(port, "sup-" + System.nanoTime(), "supervisor");
        TestServer.await(() -> AMI.logins() >= 1, WAIT);
    }

    /** Each test's agents log out, so the next test's caller reaches only its own. */
    @org.junit.jupiter.api.AfterEach
    void logOut() {
        for (String id : agents) {
            TestServer.send(port, "PUT", "/api/agents/" + id + "/state", "application/json",
                    "{\"state\": \"logged-out\"}", supervisor);
        }
    }

    @Test
    void aWaitingCallerHearsMusicOnHoldAndIsBridgedToTheAgentsAsteriskPhone() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "answered";
        agentOnAsterisk("5101", "NOT_INUSE", "available");
        try (SimulatedAgiSession caller = call("5550101", "1796060001.1")) {
            String agentChannel = caller.bridgedTo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            SimulatedAmiCalls.Originated offer = AMI.calls().originated().stream()
                    .filter(o -> o.uniqueId().equals(agentChannel)).findFirst().orElseThrow();
            assertThat(offer.device()).isEqualTo("SIP/5101");
            assertThat(offer.callerId()).isEqualTo("5550101");
            assertThat(offer.action()).containsEntry("application", "MusicOnHold").containsEntry("async", "true")
                    .containsKey("variable").containsEntry("otherchannelid", agentChannel.replace("switchboard-",
                            "switchboard2-")); // sent as a header by Asterisk-Java from the getter
            assertThat(caller.commands()).contains("SET MUSIC ON \"default\"")
                    .contains("EXEC \"Bridge\" \"" + agentChannel + ",x\"");
            TestServer.await(() -> events(from, "CONNECT").size() == 1, WAIT);

            AMI.calls().hangUp(agentChannel); // the agent puts the phone down; the caller goes on with the flow
            assertThat(caller.awaitClosed(WAIT)).isTrue();
            assertThat(caller.heard()).endsWith("goodbye");
        }
        TestServer.await(() -> events(from, "COMPLETEAGENT").size() == 1, WAIT);
        JsonNode connect = events(from, "CONNECT").get(0);
        assertThat(connect.get("agent").stringValue()).isEqualTo("5101");
        assertThat(events(from, "ENTERQUEUE")).hasSize(1);
        assertThat(events(from, "ABANDON")).isEmpty();
        TestServer.await(() -> agent("5101").get("phoneRegistered").booleanValue(), WAIT); // free again after
    }

    @Test
    void anAgentWhoDoesNotAnswerIsSkippedAndTheCallerReachesTheNextWhoThenHangsUpFirst() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "unanswered";
        AMI.calls().answers("SIP/5201", SimulatedAmiCalls.Answer.NO_ANSWER);
        agentOnAsterisk("5201", "NOT_INUSE", "available");
        agentOnAsterisk("5202", "NOT_INUSE", "not-ready\", \"reason\": \"break");
        try (SimulatedAgiSession caller = call("5550201", "1796060002.1")) {
            TestServer.await(() -> events(from, "RINGNOANSWER").size() == 1, WAIT);
            assertThat(events(from, "RINGNOANSWER").get(0).get("agent").stringValue()).isEqualTo("5201");
            assertThat(agent("5201").get("state").get("activity").stringValue()).isEqualTo("NOT_READY");
            TestServer.setAgentState(port, supervisor, "5202", "{\"state\": \"available\"}");
            String agentChannel = caller.bridgedTo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(AMI.calls().channel(agentChannel).orElseThrow().device()).isEqualTo("SIP/5202");
            TestServer.await(() -> events(from, "CONNECT").size() == 1, WAIT);

            caller.hangUpInBridge();
            assertThat(caller.awaitClosed(WAIT)).isTrue();
        }
        TestServer.await(() -> events(from, "COMPLETECALLER").size() == 1, WAIT);
        assertThat(events(from, "CONNECT").get(0).get("agent").stringValue()).isEqualTo("5202");
        assertThat(events(from, "ENTERQUEUE")).hasSize(1);
    }

    @Test
    void aCallerWhoHangsUpWhileTheAgentsPhoneRingsHasTheRingHungUp() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "cancelled";
        AMI.calls().answers("SIP/5301", SimulatedAmiCalls.Answer.RING);
        agentOnAsterisk("5301", "NOT_INUSE", "available");
        try (SimulatedAgiSession caller = call("5550301", "1796060003.1")) {
            TestServer.await(() -> AMI.calls().originated().stream().anyMatch(o -> o.device().equals("SIP/5301")),
                    WAIT);
            AMI.hangupRequest("1796060003.1"); // the caller hangs up: AMI's HangupRequest ends the call at once
            assertThat(caller.awaitClosed(WAIT)).isTrue();
        }
        String ring = AMI.calls().originated().stream().filter(o -> o.device().equals("SIP/5301")).findFirst()
                .orElseThrow().uniqueId();
        TestServer.await(() -> AMI.calls().hangups().contains(ring), WAIT);
        TestServer.await(() -> events(from, "ABANDON").size() == 1, WAIT);
        assertThat(events(from, "RINGCANCELED")).hasSize(1);
        assertThat(events(from, "CONNECT")).isEmpty();
        TestServer.await(() -> agent("5301").get("state").get("activity").stringValue().equals("AVAILABLE"), WAIT);
    }

    @Test
    void theAmiLinkDroppingWhileACallerWaitsLosesNothingAndTheOfferFollowsItsReturn() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "relinked";
        agentOnAsterisk("5401", "NOT_INUSE", "not-ready\", \"reason\": \"break");
        try (SimulatedAgiSession caller = call("5550401", "1796060004.1")) {
            TestServer.await(() -> events(from, "ENTERQUEUE").size() == 1, WAIT);
            int logins = AMI.logins();
            AMI.dropLink();
            TestServer.await(() -> AMI.logins() > logins, WAIT); // Asterisk-Java logs in again by itself
            TestServer.setAgentState(port, supervisor, "5401", "{\"state\": \"available\"}");
            String agentChannel = caller.bridgedTo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            AMI.calls().hangUp(agentChannel);
            assertThat(caller.awaitClosed(WAIT)).isTrue();
        }
        TestServer.await(() -> events(from, "COMPLETEAGENT").size() == 1, WAIT);
        assertThat(events(from, "ENTERQUEUE")).hasSize(1);
        assertThat(events(from, "ABANDON")).isEmpty();
        assertThat(AMI.channelLists()).as("the channels were reconciled after the return").isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAgentWhoHangsUpWhileTheAmiLinkIsDownStillEndsTheCallInTheQueueLog() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "unlinked";
        agentOnAsterisk("5601", "NOT_INUSE", "available");
        try (SimulatedAgiSession caller = call("5550601", "1796060006.1")) {
            String agentChannel = caller.bridgedTo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            TestServer.await(() -> events(from, "CONNECT").size() == 1, WAIT);
            AMI.dropLink();
            AMI.calls().hangUp(agentChannel); // no Hangup event reaches Switchboard: Bridge returning tells it
            assertThat(caller.awaitClosed(WAIT)).isTrue();
            assertThat(caller.heard()).endsWith("goodbye");
        }
        TestServer.await(() -> events(from, "COMPLETEAGENT").size() == 1, WAIT);
        assertThat(events(from, "ABANDON")).isEmpty();
    }

    @Test
    void asteriskCrashingDuringTheConversationEndsItAsTheCallersAndFreesTheAgent() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "crashed";
        agentOnAsterisk("5701", "NOT_INUSE", "available");
        try (SimulatedAgiSession caller = call("5550701", "1796060007.1")) {
            caller.bridgedTo().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            TestServer.await(() -> events(from, "CONNECT").size() == 1, WAIT);
            caller.close(); // the FastAGI connection breaks, as when Asterisk dies
        }
        TestServer.await(() -> events(from, "COMPLETECALLER").size() == 1, WAIT);
        TestServer.await(() -> agent("5701").get("state").get("activity").stringValue().equals("AVAILABLE"), WAIT);
        TestServer.await(() -> TestServer.get(port, "/api/calls?limit=50").json().valueStream()
                .anyMatch(c -> c.toString().contains("5550701") && c.toString().contains("carrier-lost")), WAIT);
    }

    @Test
    void aCallBackRingsTheAgentThenTheCustomerThroughTheOutboundRouteAndBridgesThemWithAmi() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        queue = "calledback";
        agentOnAsterisk("5501", "NOT_INUSE", "not-ready\", \"reason\": \"break");
        AMI.newChannel("1796060005.1", "SIP/trunk-1796060005.1");
        try (SimulatedAgiSession caller = SimulatedAgiSession.to(agi.port()).script("book-callback")
                .callerId("5550501").uniqueId("1796060005.1").pressWhenWaited('1').ami(AMI).start()) {
            assertThat(caller.awaitClosed(WAIT)).isTrue();
            assertThat(caller.heard()).contains("callback-confirm", "callback-scheduled");
        }
        TestServer.setAgentState(port, supervisor, "5501", "{\"state\": \"available\"}");
        TestServer.await(() -> AMI.calls().bridged().size() == 1, WAIT);
        List<String> pair = AMI.calls().bridged().get(0);
        String agentSide = pair.get(0);
        String customerSide = pair.get(1);
        assertThat(AMI.calls().channel(agentSide).orElseThrow().device()).isEqualTo("SIP/5501");
        SimulatedAmiCalls.Originated customer = AMI.calls().channel(customerSide).orElseThrow();
        assertThat(customer.device()).isEqualTo("SIP/5550501@trunk");

        AMI.calls().hangUp(customerSide); // the customer hangs up; the ACD hangs the agent's phone up
        TestServer.await(() -> events(from, "CALLBACK_COMPLETED").size() == 1, WAIT);
        TestServer.await(() -> AMI.calls().hangups().contains(agentSide), WAIT);
        assertThat(events(from, "CALLBACK_REQUESTED")).hasSize(1);
        assertThat(events(from, "CALLBACK_CONNECTED").get(0).get("agent").stringValue()).isEqualTo("5501");
    }

    @Test
    void aFlowsTransferIsAsterisksDialToTheAgentsDeviceAndABusyOneTakesTheFailedBranch() throws Exception {
        queue = "answered";
        agentOnAsterisk("5801", "NOT_INUSE", "logged-out");
        try (SimulatedAgiSession caller = SimulatedAgiSession.to(agi.port()).script("to-agent").callerId("5550801")
                .uniqueId("1796060008.1").start()) {
            assertThat(caller.awaitClosed(WAIT)).isTrue();
            assertThat(caller.commands()).contains("EXEC \"Dial\" \"SIP/5801,30\"");
            assertThat(caller.heard()).doesNotContain("goodbye");
        }
        try (SimulatedAgiSession caller = SimulatedAgiSession.to(agi.port()).script("to-agent").callerId("5550802")
                .uniqueId("1796060008.2").dialStatus("BUSY").start()) {
            assertThat(caller.awaitClosed(WAIT)).isTrue();
            assertThat(caller.heard()).containsExactly("goodbye");
        }
        TestServer.await(() -> TestServer.get(port, "/api/calls?limit=50").json().valueStream()
                .anyMatch(c -> c.toString().contains("5550801") && c.toString().contains("transferred")), WAIT);
    }

    /** A caller from {@code number} on the Asterisk channel {@code uniqueId} runs this test's queue flow. */
    private SimulatedAgiSession call(String number, String uniqueId) throws IOException {
        AMI.newChannel(uniqueId, "SIP/trunk-" + uniqueId);
        return SimulatedAgiSession.to(agi.port()).script("queued-" + queue).callerId(number).uniqueId(uniqueId)
                .ami(AMI).start();
    }

    /** An agent serving this test's queue whose phone is Asterisk's {@code SIP/<id>}, in {@code deviceState}. */
    private void agentOnAsterisk(String id, String deviceState, String state) throws InterruptedException {
        var reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                {"id": "%s", "name": "Agent %s", "password": "agent-password-1", "queues": {"%s": 1}}"""
                .formatted(id, id, queue), supervisor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        agents.add(id);
        TestServer.setAgentState(port, supervisor, id, "{\"state\": \"" + state + "\"}");
        AMI.calls().deviceState("SIP/" + id, deviceState);
        TestServer.await(() -> agent(id).get("phoneRegistered").booleanValue(), WAIT);
    }

    private JsonNode agent(String id) {
        return TestServer.get(port, "/api/agents/" + id, supervisor).json();
    }

    private List<JsonNode> events(Instant from, String event) {
        return TestServer.queueEvents(port, supervisor, from, event).stream()
                .filter(e -> e.get("queue").stringValue().equals(queue)).toList();
    }
}
