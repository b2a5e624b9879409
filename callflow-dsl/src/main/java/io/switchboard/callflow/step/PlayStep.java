package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;

/**
 * Plays prompts, then goes on.
 *
 * @param bargeIn whether a key stops the prompts (the key stays for the next input step)
 * @param next    the next step, or null to end the flow
 */
public record PlayStep(String id, SourcePos pos, List<PromptRef> prompts, boolean bargeIn, String next)
        implements Step {

    public PlayStep {
        prompts = List.copyOf(prompts);
    }

    @Override
    public List<String> targets() {
        return next == null ? List.of() : List.of(next);
    }
}
