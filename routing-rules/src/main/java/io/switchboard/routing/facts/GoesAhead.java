package io.switchboard.routing.facts;

/**
 * The call goes ahead of calls with a lower level (0 when no rule says so), before priority and entry time are
 * compared.
 */
public final class GoesAhead extends Requirement {
    private final int level;

    public GoesAhead(WaitingCall call, int level) {
        super(call);
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("level " + level + ": it must be 1 to 100");
        }
        this.level = level;
    }

    public int level() {
        return level;
    }
}
