package io.switchboard.simulator.flowtest;

import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.HeardPrompt;
import java.util.List;

/**
 * What a caller following a flow test script can see and do on an answered call: the prompts heard so far, the keys
 * sent, pressing keys, hanging up, and who ended the call. Time is the line's own ({@link #nanoTime()},
 * {@link #pause()}), so the script-following logic can run on a virtual clock in tests.
 */
interface CallerLine {

    /** The prompts heard so far, in the order they started. */
    List<HeardPrompt> heard();

    /** The keys sent so far, in order, with when each went out. */
    List<CallSession.SentKey> sentKeys();

    /** Presses {@code keys}, one after another. */
    void press(String keys);

    /** Hangs up (BYE). */
    void hangUp();

    /** Who ended the call; {@link CallSession.EndedBy#NONE} while it is up. */
    CallSession.EndedBy endedBy();

    /** Now, on the clock {@link HeardPrompt#startNanos()} and {@link CallSession.SentKey#nanos()} use. */
    long nanoTime();

    /** Waits a frame (20 ms) before looking again. */
    void pause();
}
