package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Jumps to another step, at most {@code max} times per call; after that it goes to {@code onLimit}.
 *
 * @param onLimit where to go once the bound is reached, or null to end the flow
 */
public record GotoStep(String id, SourcePos pos, String target, int max, String onLimit) implements Step {

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>(List.of(target));
        if (onLimit != null) {
            out.add(onLimit);
        }
        return out;
    }
}
