package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.queue.QueueRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The checks beyond compiling: what would hurt callers although the flow runs. One registry line per rule.
 */
public final class FlowLinter {

    private static final List<LintRule> RULES = List.of(
            new UnreachableSteps(),
            new LoopsWithoutInput(),
            new MissingPrompts(),
            new MenuDepth(),
            new MenusWithoutAgent(),
            new UndefinedVariables());

    private FlowLinter() {}

    public static List<Diagnostic> lint(CompiledFlow flow, PromptCatalog prompts) {
        return lint(flow, prompts, null);
    }

    /** @param queues the site's queues; null to not check queue names */
    public static List<Diagnostic> lint(CompiledFlow flow, PromptCatalog prompts, QueueRegistry queues) {
        FlowGraph graph = new FlowGraph(flow);
        List<Diagnostic> out = new ArrayList<>();
        for (LintRule rule : RULES) {
            out.addAll(rule.check(flow, graph, prompts));
        }
        if (queues != null) {
            out.addAll(UndefinedQueues.check(flow, queues));
        }
        for (CompiledFlow sub : flow.subflows().values()) {
            FlowGraph subGraph = new FlowGraph(sub);
            for (LintRule rule : RULES) {
                out.addAll(rule.check(sub, subGraph, prompts));
            }
            if (queues != null) {
                out.addAll(UndefinedQueues.check(sub, queues));
            }
        }
        out.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        return out.stream().distinct().toList();
    }
}
