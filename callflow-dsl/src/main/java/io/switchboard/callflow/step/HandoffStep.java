package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hands the call's context to a ticket or chat service.
 *
 * @param into   the variable that gets the reference (ticket or outbox id), or null
 * @param failed where to go when the hand-off was not taken
 */
public record HandoffStep(String id, SourcePos pos, String target, Map<String, Template> context, String into,
        String next, String failed) implements Step {

    public HandoffStep {
        context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        if (next != null) {
            out.add(next);
        }
        if (!out.contains(failed)) {
            out.add(failed);
        }
        return out;
    }
}
