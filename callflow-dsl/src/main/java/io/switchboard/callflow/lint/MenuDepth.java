package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.step.MenuStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Callers get lost below three menu levels; a fourth level is a warning at the menu that reaches it. */
public final class MenuDepth implements LintRule {

    /** The deepest menu level callers cope with. */
    public static final int MAX_DEPTH = 3;

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        // the shallowest menu depth at which each step can be reached (BFS-like relaxation, cycles settle)
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        depth.put(flow.start(), level(flow, flow.start(), 0));
        todo.add(flow.start());
        while (!todo.isEmpty()) {
            String s = todo.poll();
            for (String t : graph.next(s)) {
                int d = level(flow, t, depth.get(s));
                if (!depth.containsKey(t) || d < depth.get(t)) {
                    depth.put(t, d);
                    todo.add(t);
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        depth.forEach((id, d) -> {
            if (d > MAX_DEPTH && flow.steps().get(id) instanceof MenuStep m) {
                out.add(Diagnostic.warning(m.pos(), "menu '" + id + "' is " + d + " levels deep; callers get lost"
                        + " below " + MAX_DEPTH, "flatten the menus or offer the choice earlier"));
            }
        });
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    private static int level(CompiledFlow flow, String stepId, int parentLevel) {
        return flow.steps().get(stepId) instanceof MenuStep ? parentLevel + 1 : parentLevel;
    }
}
