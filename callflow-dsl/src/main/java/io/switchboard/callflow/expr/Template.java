package io.switchboard.callflow.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A value as a designer writes it: plain text with {@code ${expression}} parts. A template that is exactly one
 * {@code ${…}} keeps the expression's type (a number stays a number); otherwise the parts are joined as text.
 */
public record Template(String source, List<Object> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    /** Parses {@code text}; an error's offset is in {@code text}. */
    public static Template parse(String text) {
        List<Object> parts = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf("${", pos);
            if (open < 0) {
                parts.add(text.substring(pos));
                break;
            }
            if (open > pos) {
                parts.add(text.substring(pos, open));
            }
            int close = closing(text, open + 2);
            if (close < 0) {
                throw new ExprException("'${' without a closing '}'", open);
            }
            try {
                parts.add(ExprParser.parse(text.substring(open + 2, close)));
            } catch (ExprException e) {
                throw new ExprException(e.getMessage(), open + 2 + Math.max(0, e.offset()));
            }
            pos = close + 1;
        }
        return new Template(text, parts);
    }

    /** Parses a condition: {@code ${expr}} or a bare expression. */
    public static Expr condition(String text) {
        String t = text.strip();
        if (t.startsWith("${") && t.endsWith("}") && closing(t, 2) == t.length() - 1) {
            int lead = text.indexOf("${") + 2;
            try {
                return ExprParser.parse(t.substring(2, t.length() - 1));
            } catch (ExprException e) {
                throw new ExprException(e.getMessage(), lead + Math.max(0, e.offset()));
            }
        }
        return ExprParser.parse(text);
    }

    private static int closing(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }

    public Object evaluate(Function<String, Object> variables) {
        if (parts.size() == 1 && parts.get(0) instanceof Expr e) {
            return Evaluator.evaluate(e, variables);
        }
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p instanceof Expr e ? Evaluator.text(Evaluator.evaluate(e, variables)) : p);
        }
        return b.toString();
    }

    public Object evaluate(Map<String, Object> variables) {
        return evaluate(variables::get);
    }

    /** The variables the template reads. */
    public Set<String> variables() {
        Set<String> out = new java.util.LinkedHashSet<>();
        parts.stream().filter(p -> p instanceof Expr).forEach(p -> ((Expr) p).variables(out));
        return out;
    }
}
