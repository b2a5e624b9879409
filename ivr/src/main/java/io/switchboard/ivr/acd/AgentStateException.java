package io.switchboard.ivr.acd;

/** A state change the agent's current state does not allow (log out while on a call); the message says why. */
public final class AgentStateException extends RuntimeException {

    public AgentStateException(String message) {
        super(message);
    }
}
