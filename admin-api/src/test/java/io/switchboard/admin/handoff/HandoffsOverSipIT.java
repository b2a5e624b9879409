package io.switchboard.admin.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.testing.FakeServiceDesk;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The flow's {@code handoff} step on the real server: a SIP call opens a ticket that the Camel route delivers to a
 * real HTTP server standing in for Zendesk; the ticket's id shows with the call, and with the next call from the
 * same number. A refused ticket is a dead letter in {@code GET /api/handoffs?state=dead} with its reason, and
 * {@code POST /api/handoffs/{id}/retry} delivers it once the service takes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandoffsOverSipIT {

    private static final TestDatabase DB = TestDatabase.create(HandoffsOverSipIT.class);
    private static final FakeServiceDesk ZENDESK = FakeServiceDesk.start();
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    CallStore store;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.flows.dir", () -> System.getProperty("user.dir")
                + "/src/test/resources/handoff-flows");
        registry.add("switchboard.handoff.targets.ticket", () -> "helpdesk");
        registry.add("switchboard.handoff.integrations.helpdesk.type", () -> "zendesk");
        registry.add("switchboard.handoff.integrations.helpdesk.base-url", () -> ZENDESK.baseUrl().toString());
        registry.add("switchboard.handoff.integrations.helpdesk.credential-env", () -> "HELPDESK_TOKEN");
        registry.add("switchboard.handoff.integrations.helpdesk.subject", () -> "Call from {caller} about {topic}");
        registry.add("switchboard.handoff.integrations.helpdesk.fields.360001", () -> "account");
        registry.add("HELPDESK_TOKEN", () -> "agent@example.com/token:zendesk-test-token");
        registry.add("switchboard.handoff.on.follow-up", () -> "helpdesk");
        registry.add("switchboard.handoff.on.abandon", () -> "helpdesk");
        registry.add("switchboard.handoff.poll", () -> "100ms");
        registry.add("switchboard.handoff.retry-after", () -> "200ms");
        registry.add("switchboard.handoff.max-retry-after", () -> "400ms");
        registry.add("switchboard.handoff.redelivery-delay", () -> "10ms");
    }

    @AfterAll
    static void stop() {
        ZENDESK.close();
    }

    private CallRecord call(String number) throws Exception {
        try (SimulatedCaller caller = new SimulatedCaller(PromptLibrary.load(properties.prompts().dir()),
                SimulatedCaller.Options.defaults().withCaller(number))) {
            CallSession call = caller.dial("sip:100@127.0.0.1:" + properties.sip().port());
            assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
            call.awaitPrompt("goodbye", PROMPT_WAIT);
            call.awaitEnded(Duration.ofSeconds(15));
            assertThat(call.heardNames()).as("the ticket was taken").containsExactly("welcome", "goodbye");
        }
        return TestServer.awaitEnded(store, number);
    }

    private JsonNode callView(String id) {
        TestServer.Reply reply = TestServer.get(port, "/api/calls/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aCallsTicketIsDeliveredShownWithTheCallAndWithTheNextCallFromTheSameNumber() throws Exception {
        CallRecord first = call("5550181");
        TestServer.await(() -> "delivered".equals(callView(first.id()).path("handoffs").path(0).path("state")
                .asString("")), Duration.ofSeconds(20));
        JsonNode handoff = callView(first.id()).path("handoffs").get(0);
        assertThat(handoff.path("integration").asString()).isEqualTo("helpdesk");
        assertThat(handoff.path("target").asString()).isEqualTo("ticket");
        assertThat(handoff.path("caller").asString()).isEqualTo("5550181");
        assertThat(handoff.path("payload").path("account").asString()).isEqualTo("ACME-42");
        String ticketId = handoff.path("externalId").asString();
        JsonNode sent = ZENDESK.created("/api/v2/tickets.json").getLast().body().path("ticket");
        assertThat(sent.path("subject").asString()).isEqualTo("Call from 5550181 about billing");
        assertThat(handoff.path("payload").path("call.id").asString()).isEqualTo(first.id());
        assertThat(ticketId).matches("\\d+");
        assertThat(ZENDESK.createdPerKey()).containsEntry(sent.path("external_id").asString(), 1);
        assertThat(sent.path("external_id").asString()).startsWith(first.id() + ":ticket:");
        assertThat(ZENDESK.received().getLast().headers().get("authorization")).startsWith("Basic ");

        CallRecord second = call("5550181");
        JsonNode view = callView(second.id());
        assertThat(view.path("previousHandoffs").valueStream().map(h -> h.path("externalId").asString(""))
                .toList()).contains(ticketId);
        assertThat(view.path("previousHandoffs").valueStream().map(h -> h.path("callId").asString()).toList())
                .doesNotContain(second.id());
    }

    @Test
    void aRefusedTicketIsADeadLetterWithItsReasonAndIsRetriedThroughTheApi() throws Exception {
        ZENDESK.mode(FakeServiceDesk.Mode.REFUSE);
        CallRecord refused;
        try {
            refused = call("5550182");
            TestServer.await(() -> deadFor(refused.id()) != null, Duration.ofSeconds(20));
        } finally {
            ZENDESK.mode(FakeServiceDesk.Mode.UP);
        }
        JsonNode dead = deadFor(refused.id());
        assertThat(dead.path("lastError").asString()).contains("refused by helpdesk")
                .contains("422").contains("Group is invalid").doesNotContain("zendesk-test-token");
        long id = dead.path("id").asLong();

        TestServer.Reply retried = TestServer.send(port, "POST", "/api/handoffs/" + id + "/retry", null, null,
                TestServer.Login.ADMIN);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("state").asString()).isEqualTo("pending");
        TestServer.await(() -> "delivered".equals(callView(refused.id()).path("handoffs").path(0).path("state")
                .asString("")), Duration.ofSeconds(20));
        TestServer.Reply again = TestServer.send(port, "POST", "/api/handoffs/" + id + "/retry", null, null,
                TestServer.Login.ADMIN);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).isEqualTo("Hand-off " + id + " is delivered; only a"
                + " dead one is retried.");
        List<JsonNode> audit = TestServer.get(port, "/api/audit").json().valueStream()
                .filter(e -> e.path("action").asString().equals("handoff.retry")).toList();
        assertThat(audit).extracting(e -> e.path("target").asString()).contains(Long.toString(id));
    }

    @Test
    void aCallMarkedForFollowUpBecomesOneTicketWithTheNote() throws Exception {
        CallRecord marked = call("5550183");
        String path = "/api/calls/" + marked.id() + "/follow-up";
        TestServer.Reply reply = TestServer.send(port, "POST", path, "application/json",
                "{\"note\": \"Promised a refund by Friday\"}", TestServer.Login.ADMIN);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode handoff = reply.json();
        assertThat(handoff.path("target").asString()).isEqualTo("follow-up");
        assertThat(handoff.path("caller").asString()).isEqualTo("5550183");
        assertThat(handoff.path("payload").path("note").asString()).isEqualTo("Promised a refund by Friday");
        assertThat(handoff.path("payload").path("marked-by").asString()).isEqualTo("admin");
        TestServer.Reply again = TestServer.send(port, "POST", path, "application/json", "{}",
                TestServer.Login.ADMIN);
        assertThat(again.json().path("id").asLong()).as("marked once").isEqualTo(handoff.path("id").asLong());
        TestServer.await(() -> callView(marked.id()).path("handoffs").valueStream()
                .filter(h -> h.path("target").asString().equals("follow-up"))
                .anyMatch(h -> h.path("state").asString().equals("delivered")), Duration.ofSeconds(20));
        assertThat(ZENDESK.created("/api/v2/tickets.json")).map(r -> r.body().path("ticket"))
                .filteredOn(t -> t.path("external_id").asString().equals("follow-up:" + marked.id()))
                .singleElement().satisfies(t -> assertThat(t.path("comment").path("body").asString())
                        .contains("note: Promised a refund by Friday\n"));

        TestServer.Login agent = TestServer.createUser(port, "followup-agent", "agent");
        TestServer.Reply notTheirs = TestServer.send(port, "POST", path, "application/json", "{}", agent);
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.json().path("title").asString()).isEqualTo("Not your call");
        TestServer.Reply tooLong = TestServer.send(port, "POST", path, "application/json",
                "{\"note\": \"" + "x".repeat(2001) + "\"}", TestServer.Login.ADMIN);
        assertThat(tooLong.status()).isEqualTo(400);
        TestServer.Reply unknown = TestServer.send(port, "POST", "/api/calls/no-such-call/follow-up",
                "application/json", "{}", TestServer.Login.ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void badRequestsGetProblemsSayingWhatToSend() {
        TestServer.Reply state = TestServer.get(port, "/api/handoffs?state=lost");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.contentType()).startsWith("application/problem+json");
        assertThat(state.json().path("detail").asString()).isEqualTo("'state' must be one of pending, sending,"
                + " delivered or dead, e.g. ?state=dead; got 'lost'.");
        TestServer.Reply id = TestServer.send(port, "POST", "/api/handoffs/x1/retry", null, null,
                TestServer.Login.ADMIN);
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.json().path("title").asString()).isEqualTo("Invalid id");
        TestServer.Reply limit = TestServer.get(port, "/api/handoffs?limit=-1");
        assertThat(limit.status()).isEqualTo(400);
    }

    private JsonNode deadFor(String callId) {
        TestServer.Reply reply = TestServer.get(port, "/api/handoffs?state=dead");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().valueStream().filter(h -> h.path("callId").asString().equals(callId)).findFirst()
                .orElse(null);
    }
}
