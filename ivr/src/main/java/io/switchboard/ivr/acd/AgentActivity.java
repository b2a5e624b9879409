package io.switchboard.ivr.acd;

/** What an agent is doing, as the ACD tracks it (one row per agent in {@code acd_agent_state}). */
public enum AgentActivity {
    LOGGED_OUT,
    /** Free to take a call: offered one when the phone's registration is current too. */
    AVAILABLE,
    /** Logged in but paused, with a reason (break, lunch, … or missed after a ring not answered). */
    NOT_READY,
    /** The agent's phone rings for a call. */
    RINGING,
    ON_CALL,
    /** After-call work until a time (the queue's wrap-up); the agent may end it early. */
    WRAP_UP
}
