package io.switchboard.ivr.acd;

import java.time.Instant;

/**
 * One agent's state.
 *
 * @param reason    why the agent is not ready (NOT_READY), else null
 * @param callId    the call ringing or connected (RINGING, ON_CALL), else null
 * @param queue     the queue of that call (RINGING, ON_CALL, WRAP_UP), else null
 * @param since     when this state began
 * @param wrapUntil when wrap-up ends (WRAP_UP), else null
 * @param idleSince when the agent last became free; the longest idle is offered first
 */
public record AgentState(String agentId, AgentActivity activity, String reason, String callId, String queue,
        Instant since, Instant wrapUntil, Instant idleSince) {

    public boolean loggedIn() {
        return activity != AgentActivity.LOGGED_OUT;
    }
}
