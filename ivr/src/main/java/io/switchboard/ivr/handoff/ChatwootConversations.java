package io.switchboard.ivr.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot: the caller as a contact of the inbox (found by its identifier {@code phone:<number>}, else created with
 * {@code POST /api/v1/accounts/{account}/contacts}), then {@code POST /api/v1/accounts/{account}/conversations} for
 * that contact in the inbox, the hand-off's key in its {@code custom_attributes}. The contact's conversations are
 * searched for the key first. Authenticated with the {@code api_access_token} header. A caller who left a phone queue
 * for chat (target {@value #CHAT}) gets the queue, the priority and the seconds waited as custom attributes and in the
 * first message, so the agent who picks the conversation up knows where the caller stood.
 */
public final class ChatwootConversations implements TicketService {

    /** The custom attribute that carries the hand-off's key. */
    static final String KEY_ATTRIBUTE = "switchboard_handoff";
    /** The target of a chat overflow's hand-off (the queue log's CHATOVERFLOW). */
    public static final String CHAT = "chat";

    private final IntegrationSettings settings;
    private final ServiceClient client;

    public ChatwootConversations(IntegrationSettings settings, ServiceClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String deliver(Handoff handoff) {
        Map<String, String> auth = Map.of("api_access_token", settings.credential());
        String account = "/api/v1/accounts/" + settings.option("account-id", "1");
        long inbox = inbox();
        String identifier = "phone:" + (handoff.caller().isEmpty() ? "withheld-" + handoff.callId()
                : handoff.caller());
        JsonNode contact = find(client.send("GET", settings.at(account + "/contacts/search?q="
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8)), auth, null), identifier);
        String sourceId;
        if (contact == null) {
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("inbox_id", inbox);
            create.put("name", handoff.caller().isEmpty() ? "Unknown caller" : "Caller " + handoff.caller());
            if (handoff.caller().matches("\\+[1-9]\\d{1,14}")) {
                create.put("phone_number", handoff.caller());
            }
            create.put("identifier", identifier);
            JsonNode made = client.send("POST", settings.at(account + "/contacts"), auth, ServiceClient.json(create))
                    .path("payload");
            contact = made.path("contact");
            sourceId = made.path("contact_inbox").path("source_id").asString("");
        } else {
            JsonNode conversations = client.send("GET", settings.at(account + "/contacts/" + contact.path("id")
                    .asString() + "/conversations"), auth, null).path("payload");
            for (JsonNode c : conversations) {
                if (handoff.idempotencyKey().equals(c.path("custom_attributes").path(KEY_ATTRIBUTE).asString(""))) {
                    return c.path("id").asString();
                }
            }
            sourceId = sourceIn(contact, inbox);
        }
        if (!contact.has("id") || sourceId.isEmpty()) {
            throw new ServiceOutage("Chatwoot answered a contact without an id or a source id for inbox " + inbox);
        }
        JsonNode conversation = client.send("POST", settings.at(account + "/conversations"), auth,
                ServiceClient.json(conversation(handoff, sourceId, inbox, contact.path("id").asLong())));
        if (!conversation.has("id")) {
            throw new ServiceOutage("POST " + account + "/conversations answered without an id");
        }
        return conversation.get("id").asString();
    }

    /** The conversation as Chatwoot's API takes it. */
    Map<String, Object> conversation(Handoff handoff, String sourceId, long inbox, long contactId) {
        Map<String, Object> attributes = new LinkedHashMap<>(TicketService.mapped(settings, handoff));
        attributes.put(KEY_ATTRIBUTE, handoff.idempotencyKey());
        String first = settings.subjectOf(handoff) + "\n\n" + TicketService.body(handoff);
        if (CHAT.equals(handoff.target())) {
            attributes.put("caller_number", handoff.caller());
            attributes.put("queue", handoff.field("queue"));
            attributes.put("priority", handoff.field("priority"));
            attributes.put("seconds_waited", handoff.field("wait"));
            first = "Caller " + handoff.caller() + " left the phone queue " + handoff.field("queue") + " for chat"
                    + " after waiting " + handoff.field("wait") + " s (priority " + handoff.field("priority")
                    + ", position " + handoff.field("position") + ").\n\n" + TicketService.body(handoff);
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("source_id", sourceId);
        conversation.put("inbox_id", inbox);
        conversation.put("contact_id", contactId);
        conversation.put("status", "open");
        conversation.put("custom_attributes", attributes);
        conversation.put("message", Map.of("content", first));
        return conversation;
    }

    private long inbox() {
        String inbox = settings.option("inbox-id", "");
        if (!inbox.matches("\\d{1,18}")) {
            throw new ServiceRefusal("switchboard.handoff.integrations." + settings.name() + ".options.inbox-id is"
                    + " not set to the Chatwoot inbox's number");
        }
        return Long.parseLong(inbox);
    }

    private static JsonNode find(JsonNode answer, String identifier) {
        for (JsonNode contact : answer.path("payload")) {
            if (identifier.equals(contact.path("identifier").asString(""))) {
                return contact;
            }
        }
        return null;
    }

    private static String sourceIn(JsonNode contact, long inbox) {
        for (JsonNode ci : contact.path("contact_inboxes")) {
            if (ci.path("inbox").path("id").asLong(-1) == inbox) {
                return ci.path("source_id").asString("");
            }
        }
        return "";
    }
}
