package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import java.util.List;

/** One check a designer wants before a flow goes live; each rule has its own class and its own tests. */
public interface LintRule {

    List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts);
}
