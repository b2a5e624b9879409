package io.switchboard.callflow.engine;

import java.util.Map;

/**
 * How a flow run ended.
 *
 * @param outcome   see {@link io.switchboard.callflow.step.Outcomes}
 * @param lastStep  the last step entered
 * @param steps     how many steps ran
 * @param variables the flow's variables at the end (not the call facts)
 */
public record FlowResult(String outcome, String lastStep, int steps, Map<String, Object> variables) {

    public FlowResult {
        variables = Map.copyOf(variables);
    }

    public FlowResult(String outcome, String lastStep, int steps) {
        this(outcome, lastStep, steps, Map.of());
    }
}
