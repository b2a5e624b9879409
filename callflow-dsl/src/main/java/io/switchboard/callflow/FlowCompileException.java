package io.switchboard.callflow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow file that cannot run; carries every diagnostic found, not just the first. */
public final class FlowCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public FlowCompileException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
