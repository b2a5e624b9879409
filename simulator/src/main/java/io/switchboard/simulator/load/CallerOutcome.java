package io.switchboard.simulator.load;

/** How one simulated caller's call went, as the load run counts it. */
public enum CallerOutcome {
    /** An agent came on the line. */
    SERVED,
    /** The caller gave up waiting and hung up (their patience ran out). */
    ABANDONED,
    /** The caller chose a call back instead of waiting. */
    CALLBACK,
    /** The server ended the wait without an agent (timeout, voicemail, queue full or unavailable). */
    NOT_SERVED,
    /** The call failed: not answered, or the server went silent. */
    FAILED
}
