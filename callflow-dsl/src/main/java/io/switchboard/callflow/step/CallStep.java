package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sub-flow and continues by the outcome it returns.
 *
 * @param subflow  the sub-flow's id
 * @param with     parameter → value, evaluated in the caller's variables
 * @param into     returned values arrive as {@code <into>.<name>} (null: dropped)
 * @param outcomes returned outcome → step
 * @param next     for any other outcome (null: the call ends)
 */
public record CallStep(String id, SourcePos pos, String subflow, Map<String, Template> with, String into,
        Map<String, String> outcomes, String next) implements Step {

    public CallStep {
        with = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        outcomes.values().forEach(t -> {
            if (!out.contains(t)) {
                out.add(t);
            }
        });
        if (next != null && !out.contains(next)) {
            out.add(next);
        }
        return out;
    }
}
