package io.switchboard.callflow.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the expression language: literals ({@code 'text'}, {@code "text"}, {@code 42}, {@code 1.5}, {@code true},
 * {@code false}), variables ({@code caller}, {@code lookup.balance}), {@code ! -}, {@code * /}, {@code + -},
 * {@code < <= > >=}, {@code == !=}, {@code &&}, {@code ||}, parentheses and the functions of {@link Evaluator}.
 * Hand-written recursive descent with a nesting limit; errors carry the offset where they occur.
 */
public final class ExprParser {

    /** Deepest nesting of parentheses and unary operators accepted. */
    public static final int MAX_DEPTH = 64;
    /** Longest expression accepted. */
    public static final int MAX_LENGTH = 2000;

    private static final Set<String> FUNCTIONS = Evaluator.FUNCTIONS;

    private final String text;
    private int pos;
    private int depth;

    private ExprParser(String text) {
        this.text = text;
    }

    public static Expr parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ExprException("expression longer than " + MAX_LENGTH + " characters", 0);
        }
        ExprParser p = new ExprParser(text);
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw new ExprException("empty expression", 0);
        }
        Expr e = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new ExprException("unexpected '" + text.charAt(p.pos) + "'", p.pos);
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (take("||")) {
            left = new Expr.Binary("||", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = equality();
        while (take("&&")) {
            left = new Expr.Binary("&&", left, equality());
        }
        return left;
    }

    private Expr equality() {
        Expr left = comparison();
        while (true) {
            if (take("==")) {
                left = new Expr.Binary("==", left, comparison());
            } else if (take("!=")) {
                left = new Expr.Binary("!=", left, comparison());
            } else {
                return left;
            }
        }
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            String op = take("<=") ? "<=" : take(">=") ? ">=" : take("<") ? "<" : take(">") ? ">" : null;
            if (op == null) {
                return left;
            }
            left = new Expr.Binary(op, left, additive());
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            String op = take("+") ? "+" : take("-") ? "-" : null;
            if (op == null) {
                return left;
            }
            left = new Expr.Binary(op, left, multiplicative());
        }
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (true) {
            String op = take("*") ? "*" : take("/") ? "/" : null;
            if (op == null) {
                return left;
            }
            left = new Expr.Binary(op, left, unary());
        }
    }

    private Expr unary() {
        int at = pos;
        String op = peek("!=") ? null : take("!") ? "!" : take("-") ? "-" : null;
        if (op == null) {
            return primary();
        }
        enter(at);
        Expr operand = unary();
        depth--;
        return new Expr.Unary(op, operand);
    }

    private Expr primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw new ExprException("the expression ends too early", pos);
        }
        char c = text.charAt(pos);
        int start = pos;
        if (c == '(') {
            enter(pos);
            pos++;
            Expr inner = or();
            expect(")", start);
            depth--;
            return inner;
        }
        if (c == '\'' || c == '"') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw new ExprException("unterminated string", start);
            }
            pos = end + 1;
            return new Expr.Literal(text.substring(start + 1, end));
        }
        if (Character.isDigit(c)) {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            try {
                return new Expr.Literal(new BigDecimal(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw new ExprException("not a number: " + text.substring(start, pos), start);
            }
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.equals("true") || name.equals("false")) {
                return new Expr.Literal(Boolean.valueOf(name));
            }
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                if (!FUNCTIONS.contains(name)) {
                    throw new ExprException("unknown function '" + name + "' (there are " + String.join(", ",
                            new java.util.TreeSet<>(FUNCTIONS)) + ")", start);
                }
                enter(pos);
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!take(")")) {
                    do {
                        args.add(or());
                    } while (take(","));
                    expect(")", start);
                }
                depth--;
                return new Expr.Call(name, args);
            }
            return new Expr.Var(name);
        }
        throw new ExprException("unexpected '" + c + "'", pos);
    }

    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw new ExprException("nested more than " + MAX_DEPTH + " levels deep", at);
        }
    }

    private void expect(String token, int openedAt) {
        if (!take(token)) {
            throw new ExprException("missing '" + token + "' for the one at offset " + openedAt, pos);
        }
    }

    private boolean peek(String token) {
        skipSpace();
        return text.startsWith(token, pos);
    }

    private boolean take(String token) {
        if (peek(token)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
