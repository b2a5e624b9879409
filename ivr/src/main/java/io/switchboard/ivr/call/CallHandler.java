package io.switchboard.ivr.call;

/**
 * What the IVR controller does with calls a carrier brings in. The carrier asks {@link #accepts(String)} before it
 * rings (a refused number gets "not found"), then runs {@link #handle(CallLeg)} on the call's own virtual thread and
 * hangs up the leg if it is still up when {@code handle} returns.
 */
public interface CallHandler {

    /** Whether any flow serves calls to {@code dialed}. */
    boolean accepts(String dialed);

    /** Runs the call to its end. Must not throw for anything the caller does. */
    void handle(CallLeg call);
}
