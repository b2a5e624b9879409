package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.List;

/** Switches the language the rest of the call's prompts play in. */
public record LanguageStep(String id, SourcePos pos, String language, String next) implements Step {

    @Override
    public List<String> targets() {
        return next == null ? List.of() : List.of(next);
    }
}
