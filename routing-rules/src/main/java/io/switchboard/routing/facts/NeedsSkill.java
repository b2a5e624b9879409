package io.switchboard.routing.facts;

import java.util.Objects;

/** Only agents with {@code skill} at proficiency {@code atLeast} or more may take the call. */
public final class NeedsSkill extends Requirement {
    private final String skill;
    private final int atLeast;

    public NeedsSkill(WaitingCall call, String skill, int atLeast) {
        super(call);
        this.skill = Objects.requireNonNull(skill, "skill");
        if (atLeast < 1 || atLeast > 5) {
            throw new IllegalArgumentException("proficiency " + atLeast + " for " + skill + ": it must be 1 to 5");
        }
        this.atLeast = atLeast;
    }

    public String skill() {
        return skill;
    }

    public int atLeast() {
        return atLeast;
    }
}
