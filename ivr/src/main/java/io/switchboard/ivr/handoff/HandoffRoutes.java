package io.switchboard.ivr.handoff;

import io.switchboard.ivr.store.CallStoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Camel routes: {@code handoff-outbox} claims due hand-offs on a timer and sends each to its integration's
 * route, {@code direct:handoff-<integration>}, one per configured service, all under {@link HandoffErrorPolicy}. A
 * hand-off whose integration is no longer configured is dead at once, with that reason. A chat overflow's
 * conversation, once created, owes the caller the link by SMS ({@link ChatLinkTexts}): stored with the delivery.
 */
public final class HandoffRoutes extends RouteBuilder {

    static final String INTEGRATION = "SwitchboardHandoffIntegration";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HandoffRoutes.class);

    private final HandoffOutbox outbox;
    private final Map<String, TicketService> services;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final CallSummary calls;
    private final ChatLinkTexts chatLinks;
    private final OutagesThisPass outages = new OutagesThisPass();
    private volatile Instant lastWarned;

    /**
     * @param services integration name → its service
     * @param calls    adds what the server knows of each hand-off's call before it is delivered
     */
    public HandoffRoutes(HandoffOutbox outbox, Map<String, TicketService> services, DeliveryPolicy policy,
            Clock clock, CallSummary calls) {
        this(outbox, services, policy, clock, calls, null);
    }

    /** @param chatLinks the SMS a chat overflow's conversation owes the caller, or null to send none */
    public HandoffRoutes(HandoffOutbox outbox, Map<String, TicketService> services, DeliveryPolicy policy,
            Clock clock, CallSummary calls, ChatLinkTexts chatLinks) {
        this.chatLinks = chatLinks;
        this.outbox = outbox;
        this.services = Map.copyOf(services);
        this.policy = policy;
        this.clock = clock;
        this.calls = calls;
    }

    /** The error policy these routes name; add it to the same Camel context. */
    public HandoffErrorPolicy errorPolicy() {
        return new HandoffErrorPolicy(outbox, policy, clock, outages);
    }

    @Override
    public void configure() {
        from("timer:handoff-outbox?period=" + policy.poll().toMillis() + "&delay=" + policy.poll().toMillis())
                .routeId("handoff-outbox")
                .process(this::claim)
                .split(body())
                    .process(e -> e.getMessage().setHeader(INTEGRATION, e.getMessage().getBody(Handoff.class)
                            .integration()))
                    .toD("direct:handoff-${header." + INTEGRATION + "}")
                .end();
        services.forEach((name, service) -> from("direct:handoff-" + name)
                .routeId("handoff-" + name)
                .routeConfigurationId(HandoffErrorPolicy.ID)
                .process(e -> deliver(e, service)));
    }

    private void claim(Exchange exchange) {
        outages.newPass();
        List<Handoff> due;
        try {
            due = outbox.claim(policy.batch(), policy.lease());
        } catch (CallStoreException e) {
            // the database is down: nothing can be claimed, and nothing is lost; say so once a minute at most
            Instant now = clock.instant();
            if (lastWarned == null || now.isAfter(lastWarned.plusSeconds(60))) {
                lastWarned = now;
                log.warn("hand-offs wait: the outbox cannot be read ({})", e.getMessage());
            }
            exchange.getMessage().setBody(List.of());
            return;
        }
        List<Handoff> deliverable = due.stream().filter(h -> {
            if (services.containsKey(h.integration())) {
                return true;
            }
            outbox.dead(h.id(), "no integration '" + h.integration() + "' is configured on this server");
            return false;
        }).toList();
        exchange.getMessage().setBody(deliverable);
    }

    private void deliver(Exchange exchange, TicketService service) {
        Handoff handoff = exchange.getMessage().getBody(Handoff.class);
        String down = outages.whyDown(handoff.integration());
        if (down != null) {
            outbox.later(handoff.id(), "not tried, " + handoff.integration() + " was down in this pass: " + down,
                    policy.nextAttempt(clock.instant(), handoff.attempts()));
            return;
        }
        String externalId = service.deliver(calls.enrich(handoff));
        if (chatLinks != null && chatLinks.follows(handoff)) {
            outbox.delivered(handoff.id(), externalId, chatLinks.text(handoff, externalId));
        } else {
            outbox.delivered(handoff.id(), externalId);
        }
    }
}
