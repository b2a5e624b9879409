package io.switchboard.callflow;

import java.util.Objects;

/**
 * One thing a designer should know about a flow file, compiler style: {@code file:line:col: error: message}.
 *
 * @param file     the file as the designer named it
 * @param line     1-based
 * @param column   1-based
 * @param severity error (the flow cannot run) or warning
 * @param message  what is wrong
 * @param hint     what to do about it, or empty
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    public static Diagnostic error(SourcePos at, String message, String hint) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.ERROR, message, hint);
    }

    public static Diagnostic warning(SourcePos at, String message, String hint) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.WARNING, message, hint);
    }

    /** {@code file:line:col: error: message} (the hint, if any, follows in parentheses). */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message
                + (hint.isEmpty() ? "" : " (hint: " + hint + ")");
    }

    /** How bad a diagnostic is. */
    public enum Severity {
        ERROR("error"),
        WARNING("warning");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
