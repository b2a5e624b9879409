package io.switchboard.callflow.expr;

import java.util.List;

/** A parsed expression: immutable, evaluated against a call's variables by {@link Evaluator}. */
public sealed interface Expr {

    /** A literal: a String, a BigDecimal or a Boolean. */
    record Literal(Object value) implements Expr {}

    /** A variable, possibly dotted ({@code lookup.balance}). */
    record Var(String name) implements Expr {}

    /** {@code !x} or {@code -x}. */
    record Unary(String op, Expr operand) implements Expr {}

    /** {@code a op b}. */
    record Binary(String op, Expr left, Expr right) implements Expr {}

    /** {@code name(args…)}, one of the built-in functions. */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The variables this expression reads. */
    default void variables(java.util.Set<String> into) {
        switch (this) {
            case Var v -> into.add(v.name());
            case Unary u -> u.operand().variables(into);
            case Binary b -> {
                b.left().variables(into);
                b.right().variables(into);
            }
            case Call c -> c.args().forEach(a -> a.variables(into));
            case Literal l -> {
                // no variables
            }
        }
    }
}
