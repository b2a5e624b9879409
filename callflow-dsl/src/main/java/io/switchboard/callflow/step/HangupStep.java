package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.List;

/** Ends the call. */
public record HangupStep(String id, SourcePos pos) implements Step {

    @Override
    public List<String> targets() {
        return List.of();
    }
}
