package io.switchboard.callflow.engine;

import java.util.Map;

/** Booking call backs: the ACD implements it; a server without one refuses ({@link #UNAVAILABLE}). */
public interface CallbackPort {

    /**
     * Books a call back: the platform calls {@code request.number()} when the caller's turn in the queue comes (their
     * place kept), or at the time asked for.
     */
    CallbackResult callback(CallbackRequest request);

    /** No call backs here. */
    CallbackPort UNAVAILABLE = request -> new CallbackResult.Failed("no callbacks on this server");

    /**
     * A call back to book.
     *
     * @param queue    the queue the caller was waiting for (or would wait for)
     * @param number   the number to call
     * @param skills   skill → minimum level the agent needs
     * @param priority higher is served first (0-100)
     * @param at       when to call, or null to keep the caller's place in line
     */
    record CallbackRequest(String queue, String number, Map<String, Integer> skills, int priority,
            java.time.Instant at) {
        public CallbackRequest {
            skills = Map.copyOf(skills);
        }
    }

    /** Whether a call back was booked. */
    sealed interface CallbackResult {
        /** Booked; {@code reference} identifies it. */
        record Scheduled(String reference) implements CallbackResult {}

        /** Not booked (no callbacks here, the queue does not take them, the time is not possible). */
        record Failed(String reason) implements CallbackResult {}
    }
}
