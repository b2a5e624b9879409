package io.switchboard.callflow.step;

/**
 * The steps that still run after the caller hung up, when the step before went on (a message recorded up to the
 * hang-up): they need no caller, so a voicemail can still be handed to the ticket service.
 */
public final class AfterHangUp {

    private AfterHangUp() {}

    /** Whether {@code step} runs once the caller is gone. */
    public static boolean runs(Step step) {
        return step instanceof HandoffStep || step instanceof SetStep || step instanceof BranchStep;
    }
}
