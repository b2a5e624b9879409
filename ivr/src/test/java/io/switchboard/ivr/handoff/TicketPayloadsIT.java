package io.switchboard.ivr.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.FakeServiceDesk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What each connector sends, checked against the shape of that service's API: the requests a real HTTP server
 * received, their headers and JSON, for one voicemail hand-off.
 */
class TicketPayloadsIT {

    private static final Map<String, String> PAYLOAD = new LinkedHashMap<>();

    static {
        PAYLOAD.put("caller", "+34910000000");
        PAYLOAD.put("account", "ACME-42");
        PAYLOAD.put("topic", "billing");
        PAYLOAD.put("recording", "data/recordings/call-1-1.wav");
        PAYLOAD.put("call.id", "call-1");
    }

    private static final Handoff HANDOFF = new Handoff(1, "x", "ticket", "call-1", "+34910000000", "call-1:ticket:ab",
            PAYLOAD, "sending", 1, Instant.EPOCH, null, Instant.parse("2026-11-30T15:00:00Z"), null, null);

    private FakeServiceDesk desk;

    @BeforeEach
    void start() {
        desk = FakeServiceDesk.start();
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private String deliver(String type, Map<String, String> fields, Map<String, String> options) {
        IntegrationSettings settings = new IntegrationSettings("desk", type, type.equals("webhook")
                ? desk.baseUrl().resolve("/hook") : desk.baseUrl(), "secret-token", "Voicemail from {caller}",
                fields, options);
        return TicketServices.of(settings, Duration.ofSeconds(2), Clock.systemUTC()).deliver(HANDOFF);
    }

    @Test
    void zammadGetsATicketWithAPhoneArticleAndTokenAuth() {
        String id = deliver("zammad", Map.of("account_number", "account"), Map.of("group", "Support"));
        List<FakeServiceDesk.Received> posts = desk.created("/api/v1/tickets");
        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().headers()).containsEntry("authorization", "Token token=secret-token");
        JsonNode t = posts.getFirst().body();
        assertThat(t.path("title").asString()).isEqualTo("Voicemail from +34910000000");
        assertThat(t.path("group").asString()).isEqualTo("Support");
        assertThat(t.path("customer").asString()).isEqualTo("guess:+34910000000@phone.invalid");
        assertThat(t.path("account_number").asString()).isEqualTo("ACME-42");
        JsonNode article = t.path("article");
        assertThat(article.path("type").asString()).isEqualTo("phone");
        assertThat(article.path("internal").asBoolean(true)).isFalse();
        assertThat(article.path("subject").asString()).isEqualTo("Voicemail from +34910000000");
        assertThat(article.path("body").asString()).isEqualTo("""
                account: ACME-42
                call.id: call-1
                caller: +34910000000
                recording: data/recordings/call-1-1.wav
                topic: billing
                switchboard-handoff: call-1:ticket:ab
                """);
        assertThat(id).isEqualTo("1001");
        assertThat(desk.received().getFirst().path()).isEqualTo("/api/v1/tickets/search");
        assertThat(deliver("zammad", Map.of(), Map.of())).as("found by its key, not created again").isEqualTo(id);
        assertThat(desk.createdPerKey()).containsExactly(Map.entry("call-1:ticket:ab", 1));
    }

    @Test
    void zendeskGetsATicketWithItsExternalIdRequesterCustomFieldsAndAnIdempotencyKey() {
        String id = deliver("zendesk", Map.of("360001", "account"), Map.of());
        assertThat(desk.received().getFirst().method()).isEqualTo("GET");
        List<FakeServiceDesk.Received> posts = desk.created("/api/v2/tickets.json");
        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().headers()).containsEntry("idempotency-key", "call-1:ticket:ab")
                .containsEntry("authorization", "Basic c2VjcmV0LXRva2Vu");
        JsonNode t = posts.getFirst().body().path("ticket");
        assertThat(t.path("subject").asString()).isEqualTo("Voicemail from +34910000000");
        assertThat(t.path("external_id").asString()).isEqualTo("call-1:ticket:ab");
        assertThat(t.path("comment").path("body").asString()).contains("account: ACME-42\n");
        assertThat(t.path("comment").path("public").asBoolean(true)).isFalse();
        assertThat(t.path("requester").path("phone").asString()).isEqualTo("+34910000000");
        assertThat(t.path("requester").path("name").asString()).isEqualTo("Caller +34910000000");
        assertThat(t.path("custom_fields").get(0).path("id").asLong()).isEqualTo(360001L);
        assertThat(t.path("custom_fields").get(0).path("value").asString()).isEqualTo("ACME-42");
        assertThat(t.path("tags").get(1).asString()).isEqualTo("ticket");
        assertThat(id).isEqualTo(Integer.toString(1001));
        // delivered again (an answer lost earlier): found by external_id, not created twice
        assertThat(deliver("zendesk", Map.of("360001", "account"), Map.of())).isEqualTo(id);
        assertThat(desk.createdPerKey()).containsExactly(Map.entry("call-1:ticket:ab", 1));
    }

    @Test
    void chatwootGetsAContactThenAConversationInTheInbox() {
        String id = deliver("chatwoot", Map.of("account", "account"), Map.of("account-id", "1", "inbox-id", "7"));
        assertThat(desk.received()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/v1/accounts/1/contacts/search", "POST /api/v1/accounts/1/contacts",
                "POST /api/v1/accounts/1/conversations");
        assertThat(desk.received()).allMatch(r -> "secret-token".equals(r.headers().get("api_access_token")));
        JsonNode contact = desk.created("/api/v1/accounts/1/contacts").getFirst().body();
        assertThat(contact.path("inbox_id").asLong()).isEqualTo(7);
        assertThat(contact.path("phone_number").asString()).isEqualTo("+34910000000");
        assertThat(contact.path("identifier").asString()).isEqualTo("phone:+34910000000");
        JsonNode c = desk.created("/api/v1/accounts/1/conversations").getFirst().body();
        assertThat(c.path("inbox_id").asLong()).isEqualTo(7);
        assertThat(c.path("source_id").asString()).startsWith("src-");
        assertThat(c.path("contact_id").asLong()).isPositive();
        assertThat(c.path("status").asString()).isEqualTo("open");
        assertThat(c.path("custom_attributes").path("account").asString()).isEqualTo("ACME-42");
        assertThat(c.path("custom_attributes").path("switchboard_handoff").asString()).isEqualTo("call-1:ticket:ab");
        assertThat(c.path("message").path("content").asString()).startsWith("Voicemail from +34910000000\n\n")
                .contains("recording: data/recordings/call-1-1.wav");
        assertThat(deliver("chatwoot", Map.of(), Map.of("account-id", "1", "inbox-id", "7"))).isEqualTo(id);
        assertThat(desk.createdPerKey()).containsExactly(Map.entry("call-1:ticket:ab", 1));
    }

    @Test
    void theWebhookGetsTheHandoffSignedOverTimestampAndBody() {
        String id = deliver("webhook", Map.of(), Map.of());
        FakeServiceDesk.Received post = desk.created("/hook").getFirst();
        String timestamp = post.headers().get("x-switchboard-timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        String body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(post.body());
        assertThat(post.headers().get("x-switchboard-signature"))
                .isEqualTo("sha256=" + SignedWebhook.signature("secret-token", timestamp, body))
                .isNotEqualTo("sha256=" + SignedWebhook.signature("another-secret", timestamp, body));
        assertThat(post.headers()).containsEntry("idempotency-key", "call-1:ticket:ab");
        assertThat(post.body().path("callId").asString()).isEqualTo("call-1");
        assertThat(post.body().path("caller").asString()).isEqualTo("+34910000000");
        assertThat(post.body().path("target").asString()).isEqualTo("ticket");
        assertThat(post.body().path("subject").asString()).isEqualTo("Voicemail from +34910000000");
        assertThat(post.body().path("payload").path("account").asString()).isEqualTo("ACME-42");
        assertThat(id).startsWith("wh-");
    }
}
