package io.switchboard.ivr.handoff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Zammad: {@code POST /api/v1/tickets} with a first article ({@code type: phone}), authenticated with
 * {@code Authorization: Token token=…}. Zammad takes no idempotency key, so the key is written into the article and
 * a search ({@code GET /api/v1/tickets/search?query="key"&expand=true}) for it comes first.
 */
public final class ZammadTickets implements TicketService {

    private final IntegrationSettings settings;
    private final ServiceClient client;

    public ZammadTickets(IntegrationSettings settings, ServiceClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String deliver(Handoff handoff) {
        Map<String, String> auth = Map.of("Authorization", "Token token=" + settings.credential());
        String query = URLEncoder.encode("\"" + handoff.idempotencyKey() + "\"", StandardCharsets.UTF_8);
        JsonNode found = client.send("GET", settings.at("/api/v1/tickets/search?query=" + query
                + "&expand=true&limit=1"), auth, null);
        if (found.isArray() && !found.isEmpty() && found.get(0).has("id")) {
            return found.get(0).get("id").asString();
        }
        JsonNode created = client.send("POST", settings.at("/api/v1/tickets"), auth,
                ServiceClient.json(ticket(handoff)));
        if (!created.has("id")) {
            throw new ServiceOutage("POST /api/v1/tickets answered without a ticket id");
        }
        return created.get("id").asString();
    }

    /** The ticket as Zammad's API takes it. */
    Map<String, Object> ticket(Handoff handoff) {
        String subject = settings.subjectOf(handoff);
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("subject", subject);
        article.put("body", TicketService.body(handoff));
        article.put("type", "phone");
        article.put("internal", false);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("title", subject);
        ticket.put("group", settings.option("group", "Users"));
        ticket.put("customer", settings.option("customer", "guess:" + customer(handoff)));
        ticket.put("article", article);
        ticket.putAll(TicketService.mapped(settings, handoff));
        return ticket;
    }

    private String customer(Handoff handoff) {
        String caller = handoff.caller().replaceAll("[^0-9+]", "");
        return (caller.isEmpty() ? "unknown" : caller) + "@" + settings.option("customer-domain",
                "phone.invalid");
    }
}
