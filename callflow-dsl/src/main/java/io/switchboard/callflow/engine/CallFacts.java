package io.switchboard.callflow.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * Facts about a call that never change while it lasts.
 *
 * @param callId  the call's id in Switchboard
 * @param caller  the caller's number or SIP user part (may be empty when withheld)
 * @param dialed  the number the caller dialed
 * @param started when the call arrived
 */
public record CallFacts(String callId, String caller, String dialed, Instant started) {
    public CallFacts {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(dialed, "dialed");
        Objects.requireNonNull(started, "started");
    }
}
