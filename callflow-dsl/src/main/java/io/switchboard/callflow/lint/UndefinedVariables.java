package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.step.BranchStep;
import io.switchboard.callflow.step.CallbackStep;
import io.switchboard.callflow.step.GatherStep;
import io.switchboard.callflow.step.HandoffStep;
import io.switchboard.callflow.step.LookupStep;
import io.switchboard.callflow.step.PlayStep;
import io.switchboard.callflow.step.Queue;
import io.switchboard.callflow.step.QueueStep;
import io.switchboard.callflow.step.RecordStep;
import io.switchboard.callflow.step.SetStep;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.SurveyStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An expression that reads a variable no step of the flow sets (and that is not a call fact) fails on every call
 * that gets there (error).
 */
public final class UndefinedVariables implements LintRule {

    /** Call facts every flow can read. */
    public static final Set<String> FACTS = Set.of("caller", "dialed", "language", "call.id");

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        Set<String> written = new LinkedHashSet<>(FACTS);
        written.addAll(flow.params());
        Set<String> prefixes = new LinkedHashSet<>();
        for (Step s : flow.steps().values()) {
            switch (s) {
                case SetStep set -> written.addAll(set.values().keySet());
                case GatherStep g -> written.add(g.into());
                case LookupStep l -> prefixes.add(l.into() + ".");
                case HandoffStep h -> {
                    if (h.into() != null) {
                        written.add(h.into());
                    }
                }
                case CallbackStep c -> {
                    if (c.into() != null) {
                        written.add(c.into());
                    }
                }
                case QueueStep q -> written.addAll(java.util.List.of(Queue.NAME, Queue.OUTCOME));
                case io.switchboard.callflow.step.CallStep c -> {
                    if (c.into() != null) {
                        prefixes.add(c.into() + ".");
                    }
                }
                case RecordStep r -> {
                    written.add(r.into());
                    prefixes.add(r.into() + ".");
                }
                case SurveyStep v -> {
                    written.add(v.into());
                    if (v.comment() != null) {
                        written.add(v.comment().into());
                        prefixes.add(v.comment().into() + ".");
                    }
                }
                default -> {
                    // writes nothing
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Step s : flow.steps().values()) {
            Set<String> read = new LinkedHashSet<>();
            switch (s) {
                case SetStep set -> set.values().values().forEach(t -> read.addAll(t.variables()));
                case BranchStep b -> b.cases().forEach(c -> c.condition().variables(read));
                case LookupStep l -> l.arguments().values().forEach(t -> read.addAll(t.variables()));
                case HandoffStep h -> h.context().values().forEach(t -> read.addAll(t.variables()));
                case PlayStep p -> p.spoken().forEach(v -> read.addAll(v.value().variables()));
                case io.switchboard.callflow.step.CallStep c -> c.with().values().forEach(t -> read.addAll(t.variables()));
                case io.switchboard.callflow.step.ReturnStep r -> r.values().values()
                        .forEach(t -> read.addAll(t.variables()));
                case io.switchboard.callflow.step.QueueStep q -> q.attributes().values()
                        .forEach(t -> read.addAll(t.variables()));
                case CallbackStep c -> {
                    read.addAll(c.number().variables());
                    read.addAll(c.queue().variables());
                    if (c.at() != null) {
                        read.addAll(c.at().variables());
                    }
                }
                default -> {
                    // reads nothing
                }
            }
            for (String name : read) {
                if (!written.contains(name) && prefixes.stream().noneMatch(name::startsWith)) {
                    out.add(Diagnostic.error(s.pos(), "step '" + s.id() + "' reads variable '" + name + "', which no"
                            + " step sets", "set it first (set:, gather into: or lookup into:), or use a call fact: "
                            + String.join(", ", new java.util.TreeSet<>(FACTS))));
                }
            }
        }
        return out;
    }
}
