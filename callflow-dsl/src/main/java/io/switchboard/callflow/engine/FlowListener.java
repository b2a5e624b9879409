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

    /**
     * A caller answered a post-call survey: {@code rating} from 1 to 5 and the reference of their recorded comment,
     * or null when they left none. Stored with the call.
     */
    default void surveyAnswered(int rating, String commentRecording) {}

    FlowListener NONE = new FlowListener() {};
}
