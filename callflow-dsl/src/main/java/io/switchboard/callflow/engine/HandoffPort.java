package io.switchboard.callflow.engine;

import java.util.Map;

/**
 * Handing a call's context to the support team's ticket or chat service: the hand-off routes implement it; without
 * them every hand-off fails ({@link #UNAVAILABLE}).
 */
public interface HandoffPort {

    /**
     * Hands the call's context to {@code target}; the platform guarantees delivery once this returns
     * {@link HandoffResult.Accepted} (an outbox, retried while the service is down).
     */
    HandoffResult handoff(String target, Map<String, String> context);

    /** No hand-off routes here. */
    HandoffPort UNAVAILABLE = (target, context) -> new HandoffResult.Failed("no hand-off routes on this server");

    /** Whether a hand-off was taken in. */
    sealed interface HandoffResult {
        /** Stored for delivery; {@code reference} identifies it (a ticket or outbox id). */
        record Accepted(String reference) implements HandoffResult {}

        /** Not taken: no such target, or nothing to deliver it with. */
        record Failed(String reason) implements HandoffResult {}
    }
}
