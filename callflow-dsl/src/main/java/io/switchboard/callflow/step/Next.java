package io.switchboard.callflow.step;

/** Where the flow goes after a step. */
public sealed interface Next {

    /** Continue with step {@code stepId}. */
    record Go(String stepId) implements Next {}

    /** The flow is over; {@code outcome} says how ({@code hangup}, {@code caller-hung-up}, …). */
    record End(String outcome) implements Next {}

    static Next go(String stepId) {
        return new Go(stepId);
    }

    Next CALLER_HUNG_UP = new End(Outcomes.CALLER_HUNG_UP);
}
