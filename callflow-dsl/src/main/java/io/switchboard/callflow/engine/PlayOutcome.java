package io.switchboard.callflow.engine;

/** How a playback ended. */
public enum PlayOutcome {
    /** Every prompt played to its end. */
    COMPLETED,
    /** A key stopped the playback (barge-in); the key is in the type-ahead buffer. */
    INTERRUPTED,
    /** The call ended during (or before) the playback. */
    HUNG_UP,
    /** The platform stopped it: the wait it filled is over (an agent answered, an announcement is due). */
    STOPPED
}
