package io.switchboard.admin.handoff;

import io.switchboard.ivr.handoff.Handoff;
import java.time.Instant;
import java.util.Map;

/**
 * A hand-off as the API shows it.
 *
 * @param externalId the ticket's or conversation's id at the service once delivered, else null
 * @param lastError  why the last attempt failed (a dead letter's reason), else null
 */
public record HandoffView(long id, String integration, String target, String callId, String caller, String state,
        int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt,
        String externalId, Map<String, String> payload) {

    public static HandoffView of(Handoff h) {
        return new HandoffView(h.id(), h.integration(), h.target(), h.callId(), h.caller(), h.state(), h.attempts(),
                h.nextAttemptAt(), h.lastError(), h.createdAt(), h.deliveredAt(), h.externalId(), h.payload());
    }
}
