package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.handoff.Handoff;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.testing.FakeServiceDesk;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Chat overflow over real SIP on the real server: a caller waits in a queue whose only agent is not ready, hears the
 * chat offer, presses 2 and hears that the link is sent; the queue log has CHATOVERFLOW and no ABANDON, the stand-in
 * Chatwoot has one conversation with the caller's priority and wait, and the stand-in SMS webhook one signed text
 * with the conversation's link.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatOverflowOverSipIT {

    private static final TestDatabase DB = TestDatabase.create(ChatOverflowOverSipIT.class);
    private static final Path SITE = site();
    private static final FakeServiceDesk CHATWOOT = FakeServiceDesk.start();
    private static final FakeServiceDesk SMS = FakeServiceDesk.start();
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    HandoffOutbox outbox;

    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("chat-overflow");
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("queues.yaml"), """
                    queues:
                      support:
                        hold: [hold-music]
                        announce: {position: no, wait: no, first-after: 1s, every: 20s}
                        join-when-empty: yes
                    """);
            Files.writeString(dir.resolve("flows/waiting.yaml"), """
                    flow: waiting
                    languages: [en]
                    start: wait
                    steps:
                      wait:
                        queue:
                          name: support
                          priority: 8
                          max-wait: 5m
                          offer-chat: {key: "2", prompt: [chat-offer]}
                          chat: link-sent
                          timeout: bye
                          unavailable: bye
                      link-sent: {play: [chat-link-sent], next: bye}
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
        registry.add("switchboard.flows.numbers.100", () -> "waiting");
        registry.add("switchboard.flows.default", () -> "waiting");
        registry.add("switchboard.handoff.integrations.chat.type", () -> "chatwoot");
        registry.add("switchboard.handoff.integrations.chat.base-url", () -> CHATWOOT.baseUrl().toString());
        registry.add("switchboard.handoff.integrations.chat.credential-env", () -> "CHATWOOT_TOKEN");
        registry.add("switchboard.handoff.integrations.chat.options.account-id", () -> "1");
        registry.add("switchboard.handoff.integrations.chat.options.inbox-id", () -> "4");
        registry.add("CHATWOOT_TOKEN", () -> "chatwoot-test-token");
        registry.add("switchboard.handoff.on.chat", () -> "chat");
        registry.add("switchboard.handoff.sms.url", () -> SMS.baseUrl() + "/sms");
        registry.add("switchboard.handoff.sms.secret-env", () -> "SMS_SECRET");
        registry.add("SMS_SECRET", () -> "sms-test-secret");
        registry.add("switchboard.handoff.sms.link", () -> "https://chat.example.com/c/{conversation}");
        registry.add("switchboard.handoff.sms.message", () -> "Your chat: {link}");
        registry.add("switchboard.handoff.poll", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        CHATWOOT.close();
        SMS.close();
    }

    @Test
    void aCallerWhoPressesTheChatKeyLeavesTheQueueForChatAndGetsTheLinkBySms() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        Login supervisor = TestServer.createUser(port, "sup-chat", "supervisor");
        var reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                {"id": "5001", "name": "Agent 5001", "password": "agent-password-1", "queues": {"support": 1}}""",
                supervisor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        TestServer.setAgentState(port, supervisor, "5001", "{\"state\": \"not-ready\", \"reason\": \"break\"}");

        PromptLibrary prompts = PromptLibrary.load(properties.prompts().dir());
        try (SimulatedCaller callers = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults())) {
            CallSession call = callers.dial("sip:100@127.0.0.1:" + properties.sip().port(), "+15550199");
            call.awaitPrompt("chat-offer", PROMPT_WAIT);
            call.pressKeys("2");
            call.awaitPrompt("chat-link-sent", PROMPT_WAIT);
            call.awaitEnded(PROMPT_WAIT);
            assertThat(call.heardNames()).contains("hold-music", "chat-offer", "chat-link-sent");
        }

        List<JsonNode> chat = TestServer.queueEvents(port, supervisor, from, "CHATOVERFLOW");
        assertThat(chat).hasSize(1);
        assertThat(chat.getFirst().get("data").get(3).stringValue()).as("priority").isEqualTo("8");
        assertThat(TestServer.queueEvents(port, supervisor, from, "ABANDON")).isEmpty();
        String callId = chat.getFirst().get("callId").stringValue();

        TestServer.await(() -> outbox.ofCall(callId).size() == 2 && outbox.ofCall(callId).stream()
                .allMatch(h -> h.state().equals(Handoff.DELIVERED)), Duration.ofSeconds(20));
        Handoff conversation = outbox.ofCall(callId).getFirst();
        assertThat(CHATWOOT.createdPerKey()).containsExactly(java.util.Map.entry(conversation.idempotencyKey(), 1));
        JsonNode created = CHATWOOT.created("/api/v1/accounts/1/conversations").getFirst().body();
        assertThat(created.path("custom_attributes").path("priority").asString()).isEqualTo("8");
        assertThat(created.path("custom_attributes").path("seconds_waited").asString())
                .isEqualTo(chat.getFirst().get("data").get(2).stringValue());
        var texts = SMS.created("/sms");
        assertThat(texts).hasSize(1);
        assertThat(texts.getFirst().body().path("to").asString()).isEqualTo("+15550199");
        assertThat(texts.getFirst().body().path("message").asString())
                .isEqualTo("Your chat: https://chat.example.com/c/" + conversation.externalId());
        assertThat(texts.getFirst().headers()).containsKey("x-switchboard-signature");
    }
}
