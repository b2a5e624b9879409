package io.switchboard.routing;

import java.util.List;

/** The rules directory could not be put in force at start; the diagnostics say why. */
public final class RulesRefusedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<RuleDiagnostic> diagnostics;

    public RulesRefusedException(List<RuleDiagnostic> diagnostics) {
        super("routing rules refused: " + String.join("; ", diagnostics.stream().map(Object::toString).toList()));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<RuleDiagnostic> diagnostics() {
        return diagnostics;
    }
}
