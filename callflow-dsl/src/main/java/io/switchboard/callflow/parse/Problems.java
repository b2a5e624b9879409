package io.switchboard.callflow.parse;

import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.SourcePos;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** The diagnostics found while reading one flow file. */
public final class Problems {

    private final String file;
    private final List<Diagnostic> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public SourcePos at(Node node) {
        return node == null ? new SourcePos(file, 1, 1) : at(node.getStartMark().orElse(null));
    }

    public SourcePos at(Mark mark) {
        return mark == null ? new SourcePos(file, 1, 1) : new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    public void error(Node node, String message, String hint) {
        found.add(Diagnostic.error(at(node), message, hint));
    }

    public void error(SourcePos at, String message, String hint) {
        found.add(Diagnostic.error(at, message, hint));
    }

    public void warning(SourcePos at, String message, String hint) {
        found.add(Diagnostic.warning(at, message, hint));
    }

    /** Takes in what compiling another file (an import) found. */
    public void addAll(List<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    public List<Diagnostic> all() {
        return List.copyOf(found);
    }
}
