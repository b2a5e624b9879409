package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;

/**
 * The no-input and no-match events of one run of an input step, counted apart, VoiceXML style: each event plays
 * its re-prompt for that count (the last one repeats) and the step asks again; one event more than its
 * {@link Retry#max()} gives up.
 */
final class InputAttempts {

    /** What to do after an event. */
    enum Verdict {
        /** Ask again. */
        RETRY,
        /** The event came once too often: go to the step's failure target. */
        GIVE_UP,
        /** The caller hung up during the re-prompt. */
        HUNG_UP
    }

    private final Retry noInput;
    private final Retry noMatch;
    private int noInputs;
    private int noMatches;

    InputAttempts(Retry noInput, Retry noMatch) {
        this.noInput = noInput;
        this.noMatch = noMatch;
    }

    /** The caller said nothing in time. */
    Verdict noInput(CallControl call) {
        noInputs++;
        return noInputs > noInput.max() ? Verdict.GIVE_UP : reprompt(call, noInput.reprompt(noInputs));
    }

    /** The caller's input fits nothing. Keys typed after it are discarded so the caller starts afresh. */
    Verdict noMatch(CallControl call) {
        noMatches++;
        call.clearKeys();
        return noMatches > noMatch.max() ? Verdict.GIVE_UP : reprompt(call, noMatch.reprompt(noMatches));
    }

    private static Verdict reprompt(CallControl call, List<PromptRef> prompts) {
        call.clearKeys();
        if (!prompts.isEmpty() && call.play(prompts, false) == PlayOutcome.HUNG_UP) {
            return Verdict.HUNG_UP;
        }
        return Verdict.RETRY;
    }

    /** The next step for a verdict other than {@link Verdict#RETRY}. */
    static Next after(Verdict verdict, String onFailure) {
        return verdict == Verdict.HUNG_UP ? Next.CALLER_HUNG_UP : Steps.then(onFailure);
    }
}
