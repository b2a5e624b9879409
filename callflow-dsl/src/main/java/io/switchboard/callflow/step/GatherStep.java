package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects digits into a variable.
 *
 * @param into              the variable that gets the digits (without the terminator)
 * @param terminator        the key that ends entry early, or 0 for none
 * @param firstDigitTimeout how long to wait for the first key once the prompt has played
 * @param interDigitTimeout how long to wait for each further key; running out ends the entry
 * @param pattern           what the digits must match, or null
 * @param onFailure         where to go when no input or no match happened more often than allowed
 */
public record GatherStep(String id, SourcePos pos, List<PromptRef> prompts, String into, int min, int max,
        char terminator, Duration firstDigitTimeout, Duration interDigitTimeout, Pattern pattern, boolean bargeIn,
        Retry noInput, Retry noMatch, String onFailure, String next) implements Step {

    public GatherStep {
        prompts = List.copyOf(prompts);
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        if (next != null) {
            out.add(next);
        }
        if (onFailure != null) {
            out.add(onFailure);
        }
        return out;
    }
}
