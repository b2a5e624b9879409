package io.switchboard.routing.facts;

import java.util.Objects;

/** Agents serving {@code queue} may take the call too, beside those serving the call's own queue (overflow). */
public final class AlsoServedBy extends Requirement {
    private final String queue;

    public AlsoServedBy(WaitingCall call, String queue) {
        super(call);
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    public String queue() {
        return queue;
    }
}
