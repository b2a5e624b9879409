package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.time.Duration;
import java.util.List;

/**
 * A post-call survey: a rating from 1 to 5 by key, an optional recorded comment, thanks.
 *
 * @param prompts   asks for the rating
 * @param timeout   the wait for the rating key after the prompt
 * @param into      the variable that gets the rating (a number)
 * @param comment   the optional comment recording, or null
 * @param thanks    played once the survey is answered
 * @param onFailure where to go when the caller gave no valid rating often enough; null: {@code next}
 */
public record SurveyStep(String id, SourcePos pos, List<PromptRef> prompts, Duration timeout, boolean bargeIn,
        Retry noInput, Retry noMatch, String into, Comment comment, List<PromptRef> thanks, String onFailure,
        String next) implements Step {

    /** The lowest and highest rating. */
    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    public SurveyStep {
        prompts = List.copyOf(prompts);
        thanks = List.copyOf(thanks);
    }

    /**
     * The comment after the rating.
     *
     * @param into the variable that gets the comment's recording reference (when one is kept)
     */
    public record Comment(List<PromptRef> prompts, RecordSettings settings, String into) {
        public Comment {
            prompts = List.copyOf(prompts);
        }
    }

    @Override
    public List<String> targets() {
        return Steps.targets(next, onFailure);
    }
}
