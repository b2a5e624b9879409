package io.switchboard.callflow.step;

/** The names of the ways a flow ends, as they are recorded with the call. */
public final class Outcomes {

    /** The flow reached a hangup step. */
    public static final String HANGUP = "hangup";
    /** The caller hung up while the flow ran. */
    public static final String CALLER_HUNG_UP = "caller-hung-up";
    /** The flow ran out of steps without hanging up (the carrier hangs up). */
    public static final String FELL_THROUGH = "end-of-flow";
    /** The flow went round more steps than any call should take. */
    public static final String STEP_LIMIT = "step-limit";

    private Outcomes() {}
}
