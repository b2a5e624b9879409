package io.switchboard.routing.facts;

/**
 * What a rule asks of the agent who may take a call. Rules add requirements with {@code insertLogical(...)}, so a
 * requirement lasts exactly as long as the rule's conditions hold: when an escalation step moves on, the requirements of
 * the step before go away by themselves. Requirements compare by identity, so each one remembers the rule that made it
 * (the explanation of a decision names those rules).
 */
public abstract sealed class Requirement
        permits NeedsSkill, NeedsLanguage, NeedsRegion, AlsoServedBy, GoesAhead, PreferMostProficient {

    private final String callId;

    Requirement(WaitingCall call) {
        this.callId = call.id();
    }

    /** The call this requirement is about. */
    public final String callId() {
        return callId;
    }
}
