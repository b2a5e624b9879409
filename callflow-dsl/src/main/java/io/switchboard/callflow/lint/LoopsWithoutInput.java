package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.step.CallStep;
import io.switchboard.callflow.step.CallbackStep;
import io.switchboard.callflow.step.GatherStep;
import io.switchboard.callflow.step.GotoStep;
import io.switchboard.callflow.step.MenuStep;
import io.switchboard.callflow.step.RecordStep;
import io.switchboard.callflow.step.SurveyStep;
import io.switchboard.callflow.step.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop that never waits for the caller and has no bounded goto spins until the engine's step limit: the caller
 * hears the same prompts forever (error).
 */
public final class LoopsWithoutInput implements LintRule {

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        List<Diagnostic> out = new ArrayList<>();
        for (List<String> cycle : graph.cycles()) {
            boolean bounded = cycle.stream().map(id -> flow.steps().get(id))
                    .anyMatch(s -> waitsForCaller(flow, s) || s instanceof GotoStep);
            if (!bounded) {
                Step first = flow.steps().get(cycle.get(0));
                out.add(Diagnostic.error(first.pos(), "steps " + String.join(" -> ", cycle) + " -> " + cycle.get(0)
                        + " loop with no input and no bound", "add a menu to the loop, or go round it with"
                        + " 'goto: " + cycle.get(0) + "' and a 'max'"));
            }
        }
        return out;
    }

    /** A step that waits for the caller: an input step, or a call of a sub-flow that has one. */
    static boolean waitsForCaller(CompiledFlow flow, Step s) {
        if (s instanceof CallStep c) {
            return flow.subflow(c.subflow()).map(sub -> sub.steps().values().stream()
                    .anyMatch(inner -> waitsForCaller(sub, inner))).orElse(false);
        }
        return s instanceof MenuStep || s instanceof GatherStep || s instanceof CallbackStep || s instanceof RecordStep
                || s instanceof SurveyStep;
    }
}
