package io.switchboard.routing;

/**
 * A problem with the rule files that a rule author can act on, printed as {@code file:line:col: message} (line and
 * column are 0 when the problem is not at one place in a file, e.g. a rule that fails when it runs).
 */
public record RuleDiagnostic(String file, int line, int column, String message) {

    public static RuleDiagnostic of(String file, String message) {
        return new RuleDiagnostic(file, 0, 0, message);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
