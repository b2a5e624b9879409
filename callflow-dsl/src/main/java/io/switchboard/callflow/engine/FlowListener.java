package io.switchboard.callflow.engine;

/**
 * Hears what the interpreter does with a call, for the call's recorded path. Prompts played and keys pressed are
 * reported by the carrier (it knows what the caller really heard); steps are reported here.
 */
public interface FlowListener {

    /** The interpreter entered step {@code stepId} of kind {@code kind} (for example {@code menu}). */
    default void stepEntered(String stepId, String kind) {}

    /** The flow ended; {@code outcome} says how (for example {@code hangup}, {@code caller-hung-up}). */
    default void flowEnded(String outcome) {}

    FlowListener NONE = new FlowListener() {};
}
