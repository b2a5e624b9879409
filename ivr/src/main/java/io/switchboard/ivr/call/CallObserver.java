package io.switchboard.ivr.call;

import java.time.Instant;

/**
 * Hears what really happened on a call's leg: what the caller heard and pressed, when it was answered and how it
 * ended. The carrier calls these from its own threads; implementations must be quick and must not throw.
 */
public interface CallObserver {

    default void answered(Instant at) {}

    /** A prompt started playing to the caller. */
    default void promptStarted(String prompt, String language, Instant at) {}

    /** The caller pressed a key; {@code via} says how it came ({@code rfc4733}, {@code sip-info}, {@code agi}). */
    default void keyPressed(char key, String via, Instant at) {}

    /** A recording of the caller was kept (written where {@link CallRecording#file()} says). */
    default void recorded(CallRecording recording) {}

    /** The call ended; called exactly once. */
    default void ended(CallEnd end) {}

    /** The ACD offered the call to {@code agentId}; {@code explanation} says why (the routing rules' words). */
    default void routed(String agentId, String explanation, Instant at) {}
}
