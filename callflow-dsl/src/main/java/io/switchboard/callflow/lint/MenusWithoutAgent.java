package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.step.MenuStep;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.StepKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every menu should leave a way to a person (warning). A step counts as reaching an agent when it is a queue or
 * transfer step, or its id names an agent (contains "agent" or "operator").
 */
public final class MenusWithoutAgent implements LintRule {

    private static final Set<String> AGENT_KINDS = Set.of("queue", "transfer", "callback");

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        List<Diagnostic> out = new ArrayList<>();
        for (Step s : flow.steps().values()) {
            if (s instanceof MenuStep menu) {
                boolean reaches = graph.reachableFrom(menu.id()).stream().map(id -> flow.steps().get(id))
                        .anyMatch(step -> isAgent(flow, step));
                if (!reaches) {
                    out.add(Diagnostic.warning(menu.pos(), "menu '" + menu.id() + "' has no way to an agent",
                            "add an option such as \"0\": agent that queues or transfers the caller"));
                }
            }
        }
        return out;
    }

    /**
     * A step that gets the caller to a person: a queue, transfer or callback; a step named for an agent; a sub-flow's
     * return (the calling flow goes on from there); a call of a sub-flow that has such a step.
     */
    static boolean isAgent(CompiledFlow flow, Step step) {
        if (step instanceof io.switchboard.callflow.step.ReturnStep) {
            return true;
        }
        if (step instanceof io.switchboard.callflow.step.CallStep c) {
            return flow.subflow(c.subflow()).map(sub -> sub.steps().values().stream()
                    .anyMatch(s -> !(s instanceof io.switchboard.callflow.step.ReturnStep) && isAgent(sub, s)))
                    .orElse(false);
        }
        String id = step.id().toLowerCase(Locale.ROOT);
        return AGENT_KINDS.contains(StepKinds.nameOf(step)) || id.contains("agent") || id.contains("operator");
    }
}
