package io.switchboard.routing.facts;

import java.util.Objects;

/** Among the agents who may take the call, the most proficient in {@code skill} first (else the longest idle). */
public final class PreferMostProficient extends Requirement {
    private final String skill;

    public PreferMostProficient(WaitingCall call, String skill) {
        super(call);
        this.skill = Objects.requireNonNull(skill, "skill");
    }

    public String skill() {
        return skill;
    }
}
