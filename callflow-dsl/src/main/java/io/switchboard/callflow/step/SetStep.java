package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Template;
import java.util.List;
import java.util.Map;

/** Sets variables from templates, in order, then goes on. */
public record SetStep(String id, SourcePos pos, Map<String, Template> values, String next) implements Step {

    public SetStep {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    @Override
    public List<String> targets() {
        return next == null ? List.of() : List.of(next);
    }
}
