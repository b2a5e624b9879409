package io.switchboard.ivr.handoff;

import java.util.Map;
import java.util.TreeMap;

/**
 * A ticket or chat service a hand-off is delivered to. Delivery is idempotent: a service that takes an idempotency
 * key gets the hand-off's; the others are first searched for what an earlier attempt created under it.
 */
public interface TicketService {

    /**
     * Creates the ticket or conversation for {@code handoff}, or finds the one an earlier attempt created.
     *
     * @return the service's id for it
     * @throws ServiceOutage  when the service cannot be reached or failed (tried again later)
     * @throws ServiceRefusal when the service refuses this hand-off (dead letters)
     */
    String deliver(Handoff handoff);

    /** Every payload entry as {@code name: value} lines, sorted, and the hand-off's key last (searchable). */
    static String body(Handoff handoff) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(handoff.payload()).forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        out.append("switchboard-handoff: ").append(handoff.idempotencyKey()).append('\n');
        return out.toString();
    }

    /** The mapped fields: service field → the payload's value (empty when the payload has none). */
    static Map<String, String> mapped(IntegrationSettings settings, Handoff handoff) {
        Map<String, String> out = new TreeMap<>();
        settings.fields().forEach((field, from) -> out.put(field, handoff.field(from)));
        return out;
    }
}
