package io.switchboard.ivr.handoff;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-off as the outbox keeps it.
 *
 * @param target         what asked for it (a flow's {@code handoff} target such as {@code ticket})
 * @param idempotencyKey the same for every attempt; services that take one get it, the others are searched by it
 * @param payload        what the call learned, name → text (caller, account, path, queue, recording, agent, call id…)
 * @param state          {@code pending}, {@code sending} (claimed by a node), {@code delivered} or {@code dead}
 * @param nextAttemptAt  pending: not before this; sending: the claim lapses then and another pass takes it again
 * @param externalId     the ticket's or conversation's id at the service once delivered, else null
 */
public record Handoff(long id, String integration, String target, String callId, String caller,
        String idempotencyKey, Map<String, String> payload, String state, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt, Instant deliveredAt, String externalId) {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    public Handoff {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** The reference a flow gets: {@code handoff-<id>}. */
    public String reference() {
        return "handoff-" + id;
    }

    /** A payload value, or empty. */
    public String field(String name) {
        return payload.getOrDefault(name, "");
    }
}
