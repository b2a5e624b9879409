package io.switchboard.callflow.engine;

/**
 * How a flow run ended.
 *
 * @param outcome  see {@link io.switchboard.callflow.step.Outcomes}
 * @param lastStep the last step entered
 * @param steps    how many steps ran
 */
public record FlowResult(String outcome, String lastStep, int steps) {}
