package io.switchboard.ivr.report;

import java.time.Duration;
import java.time.Instant;

/**
 * One caller's stay in one queue, read back from the queue log: from ENTERQUEUE to how the wait ended, and for an
 * answered call what followed.
 *
 * @param caller      the caller id ENTERQUEUE logged (may be empty)
 * @param exit        how the wait ended, {@link Exit#WAITING} while it has not
 * @param left        when the wait ended (CONNECT, ABANDON, …), or null while waiting
 * @param waited      the time waited, from the exit event's data (Asterisk's hold or wait time), or null
 * @param agent       the agent who answered, or null
 * @param talk        the talk time of an answered call that has ended (COMPLETE… or a transfer), or null
 * @param transferred whether the agent transferred the call (ATTENDEDTRANSFER or BLINDTRANSFER)
 * @param rating      the caller's first survey rating of the call (1-5), or null
 * @param repeated    whether another call came from the same number within the repeat window after this one
 *                    entered the queue; null when the number is unknown
 */
public record QueuedCall(String callId, String queue, String caller, Instant entered, Exit exit, Instant left,
        Duration waited, String agent, Duration talk, boolean transferred, Integer rating, Boolean repeated) {

    /** How a caller's wait ended, by the queue-log event that ended it. */
    public enum Exit {
        ANSWERED("CONNECT"),
        ABANDONED("ABANDON"),
        TIMED_OUT("EXITWITHTIMEOUT"),
        LEFT_WITH_KEY("EXITWITHKEY"),
        QUEUE_EMPTY("EXITEMPTY"),
        LEFT_FOR_CHAT("CHATOVERFLOW"),
        WAITING("");

        private final String event;

        Exit(String event) {
            this.event = event;
        }

        /** The exit for a queue-log event, {@link #WAITING} when none has been logged. */
        static Exit of(String event) {
            for (Exit e : values()) {
                if (e != WAITING && e.event.equals(event)) {
                    return e;
                }
            }
            return WAITING;
        }
    }
}
