package io.switchboard.ivr.acd;

import static io.switchboard.ivr.acd.AcdHarness.agent;
import static io.switchboard.ivr.acd.AcdHarness.eventually;
import static io.switchboard.ivr.acd.AcdHarness.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.ivr.handoff.CallSummary;
import io.switchboard.ivr.handoff.ChatLinkTexts;
import io.switchboard.ivr.handoff.DeliveryPolicy;
import io.switchboard.ivr.handoff.Handoff;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.handoff.HandoffRoutes;
import io.switchboard.ivr.handoff.HandoffRules;
import io.switchboard.ivr.handoff.IntegrationSettings;
import io.switchboard.ivr.handoff.ServiceClient;
import io.switchboard.ivr.handoff.SignedWebhook;
import io.switchboard.ivr.handoff.SmsWebhook;
import io.switchboard.ivr.handoff.TicketService;
import io.switchboard.ivr.handoff.TicketServices;
import io.switchboard.ivr.testing.FakeServiceDesk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat overflow in the ACD on a real PostgreSQL: the chat key leaves the phone queue with CHATOVERFLOW (never an
 * abandon) and, with a {@code chat} rule, the hand-off to the chat service is stored with that event; the Camel
 * routes then open the conversation at a stand-in Chatwoot with the priority and the wait, and text its link through a
 * stand-in SMS webhook, once, through an outage of the SMS service.
 */
class ChatOverflowIT {

    @RegisterExtension
    static final AcdDatabase DB = new AcdDatabase(ChatOverflowIT.class);

    @TempDir
    Path dir;
    private Acd acd;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (acd != null) {
            acd.close();
        }
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    /** The hand-off routes delivering to a stand-in Chatwoot ({@code chat}) and SMS webhook, delays compressed. */
    private void deliver(FakeServiceDesk chatwoot, FakeServiceDesk sms) throws Exception {
        var settings = new IntegrationSettings("chat", "chatwoot", chatwoot.baseUrl(), "token-1", null, Map.of(),
                Map.of("account-id", "1", "inbox-id", "7"));
        Clock clock = Clock.systemUTC();
        Map<String, TicketService> services = Map.of("chat", TicketServices.of(settings, Duration.ofSeconds(2), clock),
                ChatLinkTexts.INTEGRATION, new SmsWebhook(sms.baseUrl().resolve("/sms"), "sms-s3cret",
                        new ServiceClient(Duration.ofSeconds(2)), clock));
        var policy = new DeliveryPolicy(Duration.ofMillis(50), 50, Duration.ofMillis(800), 1, Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(300), 1000);
        var routes = new HandoffRoutes(new HandoffOutbox(DB.database().dataSource(), clock), services, policy, clock,
                new CallSummary(DB.database().dataSource()), new ChatLinkTexts(
                        "https://chat.example.com/conversations/{conversation}", "Continue in chat: {link}"));
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(routes.errorPolicy());
        camel.addRoutes(routes);
        camel.start();
        opened.add(camel::stop);
    }

    private static QueuePort.QueueRequest offeringChat(int priority) {
        return offeringChat(priority, Duration.ZERO);
    }

    private static QueuePort.QueueRequest offeringChat(int priority, Duration whenWaitOver) {
        return new QueuePort.QueueRequest("billing", Map.of(), priority, Duration.ofMinutes(5), Set.of('*'),
                List.of(), Duration.ZERO, null).withChat(new QueuePort.ChatOffer(whenWaitOver,
                        Duration.ofMinutes(1), '2', List.of(new PromptRef("chat-offer"))));
    }

    /** A caller waiting in billing with an agent serving it but not free, who takes the chat offer. */
    private void leaveForChat(String node, String callId, String number, int priority) throws Exception {
        acd = AcdHarness.start(dir, node, DB.database(), new ScriptedDialer());
        agent(acd, "a" + node, Map.of("billing", 1), AgentActivity.NOT_READY); // serving, not free: callers wait
        ScriptedLeg caller = new ScriptedLeg(callId, number);
        var waiting = AcdHarness.waitIn(acd, offeringChat(priority), caller);
        eventually("the chat offer is played", () -> caller.heard().contains("chat-offer"));
        caller.press('1'); // not the chat key: ignored
        caller.press('2');
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new QueuePort.QueueResult.ChatChosen());
    }

    @Test
    void theChatKeyLeavesTheQueueWithChatOverflowAndHandsTheCallerToChatInThatTransaction() throws Exception {
        new HandoffRules(DB.database().dataSource()).replace(Map.of("chat", "chatwoot"));
        leaveForChat("n1", "chat-1", "+15550100", 7);

        List<QueueEvent> chat = events(acd, "CHATOVERFLOW");
        assertThat(chat).hasSize(1);
        assertThat(chat.getFirst().callId()).isEqualTo("chat-1");
        assertThat(chat.getFirst().data()).as("position|origposition|wait|priority").hasSize(4)
                .startsWith("1", "1").endsWith("7");
        assertThat(events(acd, "ABANDON")).as("leaving for chat is not an abandon").isEmpty();
        assertThat(events(acd, "EXITWITHKEY")).isEmpty();

        List<Handoff> handoffs = new HandoffOutbox(DB.database().dataSource(), Clock.systemUTC()).ofCall("chat-1");
        assertThat(handoffs).hasSize(1);
        Handoff h = handoffs.getFirst();
        assertThat(List.of(h.integration(), h.target(), h.caller(), h.state()))
                .containsExactly("chatwoot", "chat", "+15550100", Handoff.PENDING);
        assertThat(h.payload()).containsEntry("queue", "billing").containsEntry("priority", "7")
                .containsEntry("event", "CHATOVERFLOW").containsEntry("wait", chat.getFirst().data(3))
                .containsEntry("caller", "+15550100");
    }

    @Test
    void theConversationCarriesThePriorityAndWaitAndItsLinkIsTextedOnceThroughAnSmsOutage() throws Exception {
        FakeServiceDesk chatwoot = FakeServiceDesk.start();
        opened.add(chatwoot);
        FakeServiceDesk sms = FakeServiceDesk.start();
        opened.add(sms);
        sms.mode(FakeServiceDesk.Mode.DOWN);
        chatwoot.loseAnswers(1); // the conversation is made but its answer lost: the next try must find it
        new HandoffRules(DB.database().dataSource()).replace(Map.of("chat", "chat"));
        leaveForChat("n3", "chat-3", "+15550103", 9);
        deliver(chatwoot, sms);
        HandoffOutbox outbox = new HandoffOutbox(DB.database().dataSource(), Clock.systemUTC());

        // the conversation is made while the SMS service is down; the text waits in the outbox, tried again and again
        eventually("the SMS is owed and tried twice", () -> outbox.ofCall("chat-3").size() == 2
                && outbox.ofCall("chat-3").get(1).attempts() >= 2);
        assertThat(outbox.ofCall("chat-3").get(1).state()).matches("pending|sending");
        assertThat(sms.refusedWhileDown()).isGreaterThanOrEqualTo(2);
        sms.loseAnswers(1); // the first text after the outage is sent but its answer lost
        sms.mode(FakeServiceDesk.Mode.UP);
        eventually("both delivered", () -> outbox.ofCall("chat-3").stream().allMatch(h -> h.state().equals(
                Handoff.DELIVERED)));

        List<Handoff> both = outbox.ofCall("chat-3");
        Handoff conversation = both.get(0);
        Handoff text = both.get(1);
        assertThat(chatwoot.createdPerKey()).containsExactly(Map.entry(conversation.idempotencyKey(), 1));
        assertThat(sms.createdPerKey()).as("one text, though its first answer was lost")
                .containsExactly(Map.entry(text.idempotencyKey(), 1));
        var created = chatwoot.created("/api/v1/accounts/1/conversations").getFirst().body();
        QueueEvent event = events(acd, "CHATOVERFLOW").getFirst();
        assertThat(created.path("inbox_id").asLong()).isEqualTo(7);
        assertThat(created.path("custom_attributes").path("priority").asString()).isEqualTo("9");
        assertThat(created.path("custom_attributes").path("seconds_waited").asString()).isEqualTo(event.data(3));
        assertThat(created.path("custom_attributes").path("queue").asString()).isEqualTo("billing");
        assertThat(created.path("custom_attributes").path("caller_number").asString()).isEqualTo("+15550103");
        assertThat(created.path("message").path("content").asString()).startsWith("Caller +15550103 left the phone"
                + " queue billing for chat after waiting " + event.data(3) + " s (priority 9, position 1).");

        var sent = sms.created("/sms");
        // every try (refused while down, the lost answer, its repeat) carried the one key the gateway dedupes by
        assertThat(sent).hasSizeGreaterThanOrEqualTo(sms.refusedWhileDown() + 2)
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("idempotency-key", text.idempotencyKey()));
        var body = sent.getLast().body();
        String link = "https://chat.example.com/conversations/" + conversation.externalId();
        assertThat(body.path("to").asString()).isEqualTo("+15550103");
        assertThat(body.path("message").asString()).isEqualTo("Continue in chat: " + link);
        assertThat(sent.getLast().headers()).containsEntry("idempotency-key", "sms:" + conversation.idempotencyKey());
        String timestamp = sent.getLast().headers().get("x-switchboard-timestamp");
        assertThat(sent.getLast().headers().get("x-switchboard-signature")).isEqualTo("sha256="
                + SignedWebhook.signature("sms-s3cret", timestamp, body.toString()));
        assertThat(text.externalId()).isNotBlank();
        assertThat(text.payload()).containsEntry("link", link);
    }

    @Test
    void noChatIsOfferedWhileNeitherTheEstimateNorTheWaitPassesTheThreshold() throws Exception {
        acd = AcdHarness.start(dir, "n4", DB.database(), new ScriptedDialer());
        agent(acd, "an4", Map.of("billing", 1), AgentActivity.NOT_READY);
        ScriptedLeg caller = new ScriptedLeg("chat-4", "+15550104");
        var waiting = AcdHarness.waitIn(acd, offeringChat(0, Duration.ofMinutes(10)), caller);
        eventually("two announcements", () -> caller.heard().stream().filter("queue-position"::equals).count() >= 2);
        assertThat(caller.heard()).doesNotContain("chat-offer");
        caller.press('2'); // not offered, so not taken: the key is ignored like any other
        caller.press('*');
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new QueuePort.QueueResult.ExitKey('*'));
        assertThat(events(acd, "CHATOVERFLOW")).extracting(QueueEvent::callId).doesNotContain("chat-4");
    }

    @Test
    void withoutAChatRuleTheCallerStillLeavesForChatButNothingIsHandedOff() throws Exception {
        new HandoffRules(DB.database().dataSource()).replace(Map.of());
        leaveForChat("n2", "chat-2", "+15550102", 0);
        assertThat(events(acd, "CHATOVERFLOW")).extracting(QueueEvent::callId).contains("chat-2");
        assertThat(new HandoffOutbox(DB.database().dataSource(), Clock.systemUTC()).ofCall("chat-2")).isEmpty();
    }
}
