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

    public List<Reference> references() {
        return List.copyOf(references);
    }

    /** A step named by another step. */
    public record Reference(String target, SourcePos at) {}
}
