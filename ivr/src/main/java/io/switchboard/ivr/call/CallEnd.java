package io.switchboard.ivr.call;

import java.time.Instant;
import java.util.Objects;

/**
 * How and when a call ended.
 *
 * @param cause    why it ended
 * @param hungUpBy which side ended it
 * @param at       when
 */
public record CallEnd(HangupCause cause, Party hungUpBy, Instant at) {
    public CallEnd {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(hungUpBy, "hungUpBy");
        Objects.requireNonNull(at, "at");
    }

    /** The two sides of a call leg. */
    public enum Party {
        /** The caller (or the network on the caller's behalf). */
        CALLER,
        /** Switchboard: the flow hung up, or the controller ended the call. */
        SYSTEM
    }
}
