package io.switchboard.ivr.handoff;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error policy of every integration's route: a {@link ServiceRefusal} goes to the dead letters at once with
 * the service's reason; any other failure is redelivered by Camel with exponential back-off, and once those
 * redeliveries are spent the hand-off waits in the outbox for its next attempt (or is dead after the last).
 */
public final class HandoffErrorPolicy extends RouteConfigurationBuilder {

    /** The id routes name to take this policy. */
    public static final String ID = "handoff-error-policy";

    private final HandoffOutbox outbox;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final OutagesThisPass outages;

    HandoffErrorPolicy(HandoffOutbox outbox, DeliveryPolicy policy, Clock clock, OutagesThisPass outages) {
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.outages = outages;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ServiceRefusal.class)
                    .handled(true)
                    .process(this::refused)
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries(policy.redeliveries())
                    .redeliveryDelay(policy.redeliveryDelay().toMillis())
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay(policy.maxRedeliveryDelay().toMillis())
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                    .logExhausted(false)
                    .handled(true)
                    .process(this::failed)
                .end();
    }

    private void refused(Exchange exchange) {
        Handoff handoff = exchange.getMessage().getBody(Handoff.class);
        outbox.dead(handoff.id(), "refused by " + handoff.integration() + ": " + cause(exchange).getMessage());
    }

    private void failed(Exchange exchange) {
        Handoff handoff = exchange.getMessage().getBody(Handoff.class);
        Exception cause = cause(exchange);
        String reason = cause instanceof ServiceOutage ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        outages.down(handoff.integration(), reason);
        if (handoff.attempts() >= policy.maxAttempts()) {
            outbox.dead(handoff.id(), "gave up after " + handoff.attempts() + " attempts: " + reason);
        } else {
            outbox.later(handoff.id(), reason, policy.nextAttempt(clock.instant(), handoff.attempts()));
        }
    }

    private static Exception cause(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return e == null ? new IllegalStateException("unknown failure") : e;
    }
}
