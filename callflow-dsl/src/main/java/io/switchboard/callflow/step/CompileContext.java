package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.parse.Problems;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** What step kinds need while compiling: where to report problems and a note of every step they refer to. */
public final class CompileContext {

    private final Problems problems;
    private final List<Reference> references = new ArrayList<>();
    private java.util.Set<String> calendars = java.util.Set.of();
    private List<String> languages = List.of("en");
    private java.util.Map<String, io.switchboard.callflow.CompiledFlow> subflows = java.util.Map.of();
    private boolean inSubflow;
    private boolean importsBroken;

    public CompileContext(Problems problems) {
        this.problems = problems;
    }

    public Problems problems() {
        return problems;
    }

    /** Notes that the step being compiled goes to {@code target}, written at {@code at}. */
    public String refer(String target, Node at) {
        references.add(new Reference(target, problems.at(at)));
        return target;
    }

    /** Notes a reference at a known position. */
    public String refer(String target, SourcePos at) {
        references.add(new Reference(target, at));
        return target;
    }

    /** The calendars the flow declares, for steps that name one. */
    public java.util.Set<String> calendars() {
        return calendars;
    }

    public void calendars(java.util.Set<String> names) {
        this.calendars = java.util.Set.copyOf(names);
    }

    /** The languages the flow declares. */
    public List<String> languages() {
        return languages;
    }

    public void languages(List<String> declared) {
        this.languages = List.copyOf(declared);
    }

    /** The sub-flows this file imports, by id, for call steps. */
    public java.util.Map<String, io.switchboard.callflow.CompiledFlow> subflows() {
        return subflows;
    }

    public void subflows(java.util.Map<String, io.switchboard.callflow.CompiledFlow> imported) {
        this.subflows = java.util.Map.copyOf(imported);
    }

    /** Whether an import failed to compile: calls to unknown sub-flows are then follow-on noise. */
    public boolean importsBroken() {
        return importsBroken;
    }

    public void importsBroken(boolean broken) {
        this.importsBroken = broken;
    }

    /** Whether the file being compiled is a sub-flow (return steps are allowed). */
    public boolean inSubflow() {
        return inSubflow;
    }

    public void inSubflow(boolean subflow) {
        this.inSubflow = subflow;
    }

    public List<Reference> references() {
        return List.copyOf(references);
    }

    /** A step named by another step. */
    public record Reference(String target, SourcePos at) {}
}
