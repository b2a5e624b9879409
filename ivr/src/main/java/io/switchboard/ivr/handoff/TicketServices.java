package io.switchboard.ivr.handoff;

import java.time.Clock;
import java.time.Duration;

/** Builds the service an integration's settings describe. */
public final class TicketServices {

    private TicketServices() {}

    public static TicketService of(IntegrationSettings settings, Duration timeout, Clock clock) {
        ServiceClient client = new ServiceClient(timeout);
        return switch (settings.type()) {
            case "zammad" -> new ZammadTickets(settings, client);
            case "zendesk" -> new ZendeskTickets(settings, client);
            case "chatwoot" -> new ChatwootConversations(settings, client);
            case "webhook" -> new SignedWebhook(settings, client, clock);
            default -> throw new IllegalArgumentException("unknown hand-off integration type " + settings.type());
        };
    }
}
