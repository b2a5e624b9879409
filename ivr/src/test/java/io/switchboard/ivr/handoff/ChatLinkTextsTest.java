package io.switchboard.ivr.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat link's SMS: which delivered hand-offs owe one, what it says, and the settings refused at start. */
class ChatLinkTextsTest {

    private static Handoff delivered(String target, String caller) {
        return new Handoff(12, "chat", target, "call-1", caller, "chatoverflow:12", Map.of("queue", "support"),
                Handoff.SENDING, 1, Instant.EPOCH, null, Instant.EPOCH, null, null);
    }

    @Test
    void aChatOverflowWithACallableNumberOwesOneTextWithTheLink() {
        var texts = new ChatLinkTexts("https://chat.example.com/c/{conversation}?from={caller}", "Chat: {link}");
        assertThat(texts.follows(delivered("chat", "+15550100"))).isTrue();
        assertThat(texts.follows(delivered("ticket", "+15550100"))).as("not a chat overflow").isFalse();
        assertThat(texts.follows(delivered("chat", ""))).as("withheld number").isFalse();
        assertThat(texts.follows(delivered("chat", "anonymous"))).isFalse();

        HandoffRequest sms = texts.text(delivered("chat", "+15550100"), "1002");
        assertThat(sms.integration()).isEqualTo(ChatLinkTexts.INTEGRATION);
        assertThat(sms.target()).isEqualTo(ChatLinkTexts.TARGET);
        assertThat(sms.idempotencyKey()).isEqualTo("sms:chatoverflow:12");
        assertThat(sms.payload()).containsEntry("to", "+15550100")
                .containsEntry("link", "https://chat.example.com/c/1002?from=%2B15550100")
                .containsEntry("message", "Chat: https://chat.example.com/c/1002?from=%2B15550100");
    }

    @Test
    void aLongTemplateIsCutToTheBound() {
        var texts = new ChatLinkTexts("https://chat.example.com/c/{conversation}", "x".repeat(600) + " {link}");
        assertThat(texts.text(delivered("chat", "+15550100"), "7").payload().get("message"))
                .hasSize(ChatLinkTexts.MAX_MESSAGE);
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new ChatLinkTexts("https://chat.example.com/c/{conversation}", "no link here"))
                .hasMessage("switchboard.handoff.sms.message must contain {link}, got 'no link here'");
        assertThatThrownBy(() -> new ChatLinkTexts("https://chat.example.com/c/", null))
                .hasMessage("switchboard.handoff.sms.link must be an http(s) URL with {conversation}, got"
                        + " 'https://chat.example.com/c/'");
        assertThatThrownBy(() -> new ChatLinkTexts("ftp://chat.example.com/{conversation}", null))
                .hasMessageStartingWith("switchboard.handoff.sms.link must be an http(s) URL");
        assertThatThrownBy(() -> new ChatLinkTexts("https://chat example.com/{conversation}/{other}", null))
                .hasMessageStartingWith("switchboard.handoff.sms.link must be an http(s) URL");
        assertThatThrownBy(() -> new SmsWebhook(java.net.URI.create("file:///etc/passwd"), "", null, null))
                .hasMessage("switchboard.handoff.sms.url must be an http(s) URL, got file:///etc/passwd");
        assertThat(new ChatLinkTexts("https://chat.example.com/c/{conversation}", " ").message())
                .isEqualTo("Continue in chat here: {link}");
    }
}
