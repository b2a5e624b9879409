package io.switchboard.callflow.cli;

import io.switchboard.callflow.Diagnostic;
import java.util.List;

/** Diagnostics as a JSON array for editors: {file, line, column, severity, message, hint}. */
final class DiagnosticsJson {

    private DiagnosticsJson() {}

    static String write(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            b.append(i == 0 ? "" : ",").append("\n  {\"file\": ").append(string(d.file())).append(", \"line\": ")
                    .append(d.line()).append(", \"column\": ").append(d.column()).append(", \"severity\": ")
                    .append(string(d.severity().label())).append(", \"message\": ").append(string(d.message()))
                    .append(", \"hint\": ").append(string(d.hint())).append('}');
        }
        return b.append(diagnostics.isEmpty() ? "]" : "\n]").toString();
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
