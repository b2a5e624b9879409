package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends a sub-flow: back to the call step, with an outcome and values.
 *
 * @param outcome what the caller's {@code on:} maps (default {@code done})
 * @param values  name → value handed back, evaluated in the sub-flow's variables
 */
public record ReturnStep(String id, SourcePos pos, String outcome, Map<String, Template> values) implements Step {

    public ReturnStep {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
