package io.switchboard.ivr.handoff;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SMS that sends a caller who left a phone queue for chat the link to their conversation: once the chat service
 * has created the conversation for a {@link ChatwootConversations#CHAT} hand-off, the text is itself a hand-off, to
 * the SMS integration ({@value #INTEGRATION}), stored in the transaction that records the conversation (so it is
 * owed exactly when the conversation exists) and delivered by the outbox like any other.
 *
 * @param link    the conversation's link: {@code {conversation}} becomes the conversation's id and {@code {caller}}
 *                the caller's number (e.g. {@code https://chat.example.com/conversations/{conversation}})
 * @param message the text: {@code {link}} becomes the link (at most {@value #MAX_MESSAGE} characters once filled)
 */
public record ChatLinkTexts(String link, String message) {

    /** The integration SMS hand-offs go to; no other integration may take this name. */
    public static final String INTEGRATION = "sms";
    /** The target of an SMS hand-off. */
    public static final String TARGET = "chat-link";
    /** Longest text sent: an SMS of 160 GSM characters, or a few concatenated ones. */
    public static final int MAX_MESSAGE = 480;

    public ChatLinkTexts {
        Objects.requireNonNull(link, "link");
        message = message == null || message.isBlank() ? "Continue in chat here: {link}" : message;
        if (!message.contains("{link}")) {
            throw new IllegalArgumentException("switchboard.handoff.sms.message must contain {link}, got '" + message
                    + "'");
        }
        URI example;
        try {
            example = URI.create(fill(link, "1", "+15550100"));
        } catch (IllegalArgumentException e) {
            example = URI.create("invalid:x");
        }
        if (!("https".equals(example.getScheme()) || "http".equals(example.getScheme())) || example.getHost() == null
                || !link.contains("{conversation}")) {
            throw new IllegalArgumentException("switchboard.handoff.sms.link must be an http(s) URL with"
                    + " {conversation}, got '" + link + "'");
        }
    }

    /** Whether a delivered {@code handoff} owes the caller a text: a chat overflow with a callable number. */
    public boolean follows(Handoff handoff) {
        return ChatwootConversations.CHAT.equals(handoff.target()) && handoff.caller().matches("\\+?[0-9]{3,20}");
    }

    /** The SMS to store once {@code handoff}'s conversation is {@code conversation}: one per hand-off (its key). */
    public HandoffRequest text(Handoff handoff, String conversation) {
        String url = fill(link, conversation, handoff.caller());
        String text = message.replace("{link}", url);
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE);
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("to", handoff.caller());
        payload.put("message", text);
        payload.put("link", url);
        payload.put("conversation", conversation);
        payload.put("queue", handoff.field("queue"));
        return new HandoffRequest(INTEGRATION, TARGET, handoff.callId(), handoff.caller(),
                "sms:" + handoff.idempotencyKey(), payload);
    }

    private static String fill(String template, String conversation, String caller) {
        return template.replace("{conversation}", encode(conversation)).replace("{caller}", encode(caller));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
