package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ask-again loop of input steps (gather, survey): play the prompt, listen, and on no input or no match play that
 * event's re-prompt for the attempt ({@link Retry}) and ask again, until a valid answer, a hang-up, or one event more
 * than its {@code max}.
 */
final class AskAgain {

    /** What one attempt heard. */
    sealed interface Heard<T> {
        record Valid<T>(T value) implements Heard<T> {}

        record NoInput<T>() implements Heard<T> {}

        record NoMatch<T>() implements Heard<T> {}

        record HungUp<T>() implements Heard<T> {}
    }

    /** How the asking ended. */
    sealed interface Result<T> {
        record Answered<T>(T value) implements Result<T> {}

        /** No input or no match happened more often than allowed. */
        record GaveUp<T>() implements Result<T> {}

        record HungUp<T>() implements Result<T> {}
    }

    private AskAgain() {}

    /**
     * @param prompts asked before each attempt (may be empty)
     * @param bargeIn a key stops the prompt
     * @param listen  one attempt at hearing an answer, after the prompt
     */
    static <T> Result<T> ask(CallControl call, List<PromptRef> prompts, boolean bargeIn, Retry noInput,
            Retry noMatch, Supplier<Heard<T>> listen) {
        int noInputs = 0;
        int noMatches = 0;
        while (true) {
            if (!prompts.isEmpty() && call.play(prompts, bargeIn) == PlayOutcome.HUNG_UP) {
                return new Result.HungUp<>();
            }
            List<PromptRef> reprompt;
            switch (listen.get()) {
                case Heard.Valid<T> v -> {
                    return new Result.Answered<>(v.value());
                }
                case Heard.HungUp<T> h -> {
                    return new Result.HungUp<>();
                }
                case Heard.NoInput<T> n -> {
                    if (++noInputs > noInput.max()) {
                        return new Result.GaveUp<>();
                    }
                    reprompt = noInput.reprompt(noInputs);
                }
                case Heard.NoMatch<T> n -> {
                    if (++noMatches > noMatch.max()) {
                        return new Result.GaveUp<>();
                    }
                    reprompt = noMatch.reprompt(noMatches);
                }
            }
            call.clearKeys();
            if (!reprompt.isEmpty() && call.play(reprompt, false) == PlayOutcome.HUNG_UP) {
                return new Result.HungUp<>();
            }
        }
    }
}
