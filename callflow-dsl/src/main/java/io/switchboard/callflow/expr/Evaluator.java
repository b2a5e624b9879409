package io.switchboard.callflow.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates expressions over a call's variables. Values are strings, numbers (BigDecimal) and booleans; nothing else
 * is reachable (no Java objects, no reflection). Errors (unknown variable, a type that does not fit) are
 * {@link ExprException}s with a message a designer can act on.
 */
public final class Evaluator {

    /** The built-in functions. */
    public static final Set<String> FUNCTIONS = Set.of("len", "startsWith", "endsWith", "contains", "matches",
            "upper", "lower", "number");

    private static final int MAX_REGEX = 200;
    private static final int MAX_MATCH_INPUT = 1000;

    private Evaluator() {}

    /** Evaluates {@code expr}; {@code variables} maps names to String, BigDecimal or Boolean values. */
    public static Object evaluate(Expr expr, Function<String, Object> variables) {
        return switch (expr) {
            case Expr.Literal l -> l.value();
            case Expr.Var v -> {
                Object value = variables.apply(v.name());
                if (value == null) {
                    throw new ExprException("unknown variable '" + v.name() + "'", -1);
                }
                yield value;
            }
            case Expr.Unary u -> u.op().equals("!") ? !truthy(evaluate(u.operand(), variables))
                    : number(evaluate(u.operand(), variables)).negate();
            case Expr.Binary b -> binary(b, variables);
            case Expr.Call c -> call(c, variables);
        };
    }

    public static Object evaluate(Expr expr, Map<String, Object> variables) {
        return evaluate(expr, variables::get);
    }

    private static Object binary(Expr.Binary b, Function<String, Object> vars) {
        if (b.op().equals("&&")) {
            return truthy(evaluate(b.left(), vars)) && truthy(evaluate(b.right(), vars));
        }
        if (b.op().equals("||")) {
            return truthy(evaluate(b.left(), vars)) || truthy(evaluate(b.right(), vars));
        }
        Object l = evaluate(b.left(), vars);
        Object r = evaluate(b.right(), vars);
        return switch (b.op()) {
            case "==" -> same(l, r);
            case "!=" -> !same(l, r);
            case "<", "<=", ">", ">=" -> {
                int cmp = compare(l, r);
                yield switch (b.op()) {
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
            case "+" -> l instanceof BigDecimal x && r instanceof BigDecimal y ? x.add(y) : text(l) + text(r);
            case "-" -> number(l).subtract(number(r));
            case "*" -> number(l).multiply(number(r));
            case "/" -> {
                BigDecimal divisor = number(r);
                if (divisor.signum() == 0) {
                    throw new ExprException("division by zero", -1);
                }
                yield number(l).divide(divisor, MathContext.DECIMAL64);
            }
            default -> throw new ExprException("unknown operator " + b.op(), -1);
        };
    }

    private static Object call(Expr.Call c, Function<String, Object> vars) {
        List<Object> a = c.args().stream().map(e -> evaluate(e, vars)).toList();
        return switch (c.function()) {
            case "len" -> new BigDecimal(text(arg(c, a, 1, 0)).length());
            case "startsWith" -> text(arg(c, a, 2, 0)).startsWith(text(a.get(1)));
            case "endsWith" -> text(arg(c, a, 2, 0)).endsWith(text(a.get(1)));
            case "contains" -> text(arg(c, a, 2, 0)).contains(text(a.get(1)));
            case "upper" -> text(arg(c, a, 1, 0)).toUpperCase(Locale.ROOT);
            case "lower" -> text(arg(c, a, 1, 0)).toLowerCase(Locale.ROOT);
            case "number" -> number(arg(c, a, 1, 0));
            case "matches" -> matches(text(arg(c, a, 2, 0)), text(a.get(1)));
            default -> throw new ExprException("unknown function " + c.function(), -1);
        };
    }

    private static Object arg(Expr.Call c, List<Object> args, int count, int index) {
        if (args.size() != count) {
            throw new ExprException(c.function() + "() takes " + count + " argument(s), got " + args.size(), -1);
        }
        return args.get(index);
    }

    private static boolean matches(String input, String regex) {
        if (regex.length() > MAX_REGEX || input.length() > MAX_MATCH_INPUT) {
            throw new ExprException("matches(): pattern or input too long", -1);
        }
        try {
            return Pattern.compile(regex).matcher(input).matches();
        } catch (PatternSyntaxException e) {
            throw new ExprException("matches(): bad pattern: " + e.getDescription(), -1);
        }
    }

    /** Equality across types: a number equals a string that reads as the same number. */
    private static boolean same(Object l, Object r) {
        if (l instanceof BigDecimal || r instanceof BigDecimal) {
            BigDecimal x = asNumber(l);
            BigDecimal y = asNumber(r);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        return text(l).equals(text(r));
    }

    private static int compare(Object l, Object r) {
        BigDecimal x = asNumber(l);
        BigDecimal y = asNumber(r);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return text(l).compareTo(text(r));
    }

    public static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case BigDecimal n -> n.signum() != 0;
            case String s -> !s.isEmpty() && !s.equals("false");
            default -> false;
        };
    }

    public static String text(Object v) {
        return v instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    private static BigDecimal number(Object v) {
        BigDecimal n = asNumber(v);
        if (n == null) {
            throw new ExprException("'" + text(v) + "' is not a number", -1);
        }
        return n;
    }

    private static BigDecimal asNumber(Object v) {
        if (v instanceof BigDecimal n) {
            return n;
        }
        if (v instanceof String s && s.length() <= 40) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
