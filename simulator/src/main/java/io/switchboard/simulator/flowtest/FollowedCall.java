package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.SourcePos;
import io.switchboard.simulator.CallSession;
import java.time.Duration;
import java.util.List;

/**
 * How a simulated caller's script went on a real call.
 *
 * @param transcript what the caller heard and did, in time order, in the words of the offline flow tests
 *                   ({@code play welcome}, {@code key 2}, {@code silence}, {@code caller hangs up})
 * @param endedBy    SERVER when the server hung up, CALLER when the script hung up, NONE when the caller stopped
 *                   following the script (it heard something else, or the time limit ran out) and left
 * @param stoppedAt  the script line the caller stopped at, or null when it ran to the end of the script
 * @param timedOut   what the caller was still waiting for when the case's time limit ran out, or null
 * @param timeLimit  the case's time limit
 */
record FollowedCall(List<String> transcript, CallSession.EndedBy endedBy, SourcePos stoppedAt, String timedOut,
        Duration timeLimit) {

    FollowedCall {
        transcript = List.copyOf(transcript);
    }
}
