package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.List;

/** Hands the call to a number, agent or SIP URI; {@code failed} is where to go when that does not work. */
public record TransferStep(String id, SourcePos pos, String to, String failed) implements Step {

    @Override
    public List<String> targets() {
        return List.of(failed);
    }
}
