package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Expr;
import io.switchboard.callflow.expr.ExprException;
import io.switchboard.callflow.expr.Template;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Templates and conditions read from YAML scalars, with errors placed at the exact column inside the scalar. */
final class Expressions {

    private Expressions() {}

    static Optional<Template> template(Node node, String what, CompileContext ctx) {
        if (!(node instanceof ScalarNode s)) {
            ctx.problems().error(node, what + " must be a single value", "");
            return Optional.empty();
        }
        try {
            return Optional.of(Template.parse(s.getValue()));
        } catch (ExprException e) {
            ctx.problems().error(at(s, e, ctx), what + ": " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    static Optional<Expr> condition(Node node, String what, CompileContext ctx) {
        if (!(node instanceof ScalarNode s)) {
            ctx.problems().error(node, what + " must be a condition such as \"${caller == '5550100'}\"", "");
            return Optional.empty();
        }
        try {
            return Optional.of(Template.condition(s.getValue()));
        } catch (ExprException e) {
            ctx.problems().error(at(s, e, ctx), what + ": " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    /** The position of an error's offset inside a one-line scalar (quotes shift it by one). */
    private static SourcePos at(ScalarNode s, ExprException e, CompileContext ctx) {
        SourcePos start = ctx.problems().at(s);
        boolean quoted = s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
                || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED;
        int offset = Math.max(0, e.offset()) + (quoted ? 1 : 0);
        return new SourcePos(start.file(), start.line(), start.column() + offset);
    }
}
