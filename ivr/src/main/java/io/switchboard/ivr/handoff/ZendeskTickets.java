package io.switchboard.ivr.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Zendesk: {@code POST /api/v2/tickets.json} with {@code external_id} set to the hand-off's key and an
 * {@code Idempotency-Key} header; {@code GET /api/v2/tickets.json?external_id=…} first finds what an earlier attempt
 * created. The credential is {@code email/token:api_token}, sent as HTTP Basic.
 */
public final class ZendeskTickets implements TicketService {

    private final IntegrationSettings settings;
    private final ServiceClient client;

    public ZendeskTickets(IntegrationSettings settings, ServiceClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String deliver(Handoff handoff) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(settings.credential()
                .getBytes(StandardCharsets.UTF_8));
        JsonNode found = client.send("GET", settings.at("/api/v2/tickets.json?external_id="
                + URLEncoder.encode(handoff.idempotencyKey(), StandardCharsets.UTF_8)), Map.of("Authorization",
                        basic), null);
        JsonNode tickets = found.path("tickets");
        if (tickets.isArray() && !tickets.isEmpty() && tickets.get(0).has("id")) {
            return tickets.get(0).get("id").asString();
        }
        JsonNode created = client.send("POST", settings.at("/api/v2/tickets.json"), Map.of("Authorization", basic,
                "Idempotency-Key", handoff.idempotencyKey()), ServiceClient.json(Map.of("ticket", ticket(handoff))));
        JsonNode id = created.path("ticket").path("id");
        if (id.isMissingNode() || id.isNull()) {
            throw new ServiceOutage("POST /api/v2/tickets.json answered without a ticket id");
        }
        return id.asString();
    }

    /** The ticket as Zendesk's API takes it (inside {@code {"ticket": …}}). */
    Map<String, Object> ticket(Handoff handoff) {
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("name", handoff.caller().isEmpty() ? "Unknown caller" : "Caller " + handoff.caller());
        requester.put("phone", handoff.caller());
        List<Map<String, Object>> custom = new ArrayList<>();
        TicketService.mapped(settings, handoff).forEach((id, value) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("id", id.matches("\\d{1,18}") ? (Object) Long.parseLong(id) : id);
            field.put("value", value);
            custom.add(field);
        });
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", settings.subjectOf(handoff));
        ticket.put("comment", Map.of("body", TicketService.body(handoff), "public", false));
        ticket.put("requester", requester);
        ticket.put("external_id", handoff.idempotencyKey());
        ticket.put("tags", List.of("switchboard", handoff.target()));
        if (!custom.isEmpty()) {
            ticket.put("custom_fields", custom);
        }
        return ticket;
    }
}
