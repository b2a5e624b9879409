package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.step.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A step no call can reach from the start is dead weight or a forgotten link (warning). */
public final class UnreachableSteps implements LintRule {

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        Set<String> reachable = graph.reachableFrom(flow.start());
        List<Diagnostic> out = new ArrayList<>();
        for (Step s : flow.steps().values()) {
            if (!reachable.contains(s.id())) {
                out.add(Diagnostic.warning(s.pos(), "step '" + s.id() + "' is unreachable from '" + flow.start()
                        + "'", "link it from another step or delete it"));
            }
        }
        return out;
    }
}
