package io.switchboard.routing.facts;

/** Where an agent is in their working day; only {@link #AVAILABLE} agents are offered calls. */
public enum AgentState {
    LOGGED_OUT, AVAILABLE, NOT_READY, RINGING, ON_CALL, WRAP_UP
}
