package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.parse.Fields;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code branch}: ordered conditions, the first that holds chooses the next step.
 * <pre>
 * route:
 *   branch:
 *     - if: "${vip}"
 *       then: priority-menu
 *     - if: "${startsWith(dialed, '800')}"
 *       then: sales
 *     - else: main-menu
 * </pre>
 */
public final class Branch implements StepKind<BranchStep> {

    @Override
    public String name() {
        return "branch";
    }

    @Override
    public Class<BranchStep> type() {
        return BranchStep.class;
    }

    @Override
    public BranchStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("branch");
        String what = "step '" + id + "' branch";
        List<BranchStep.Case> cases = new ArrayList<>();
        String otherwise = null;
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            ctx.problems().error(value, what + " needs a list of conditions",
                    "write branch: [{if: \"${vip}\", then: priority}, {else: main-menu}]");
            return new BranchStep(id, step.pos(), cases, null);
        }
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.of(items.get(i), what, ctx.problems());
            if (item.has("else")) {
                if (i != items.size() - 1) {
                    ctx.problems().error(items.get(i), what + ": 'else' must come last", "");
                }
                String target = item.string("else", "");
                otherwise = ctx.refer(target, item.node("else").orElseThrow());
            } else {
                Node cond = item.node("if").orElse(null);
                String target = item.string("then", "write then: <step>");
                if (cond == null) {
                    ctx.problems().error(items.get(i), what + ": each case needs 'if' and 'then' (or 'else')", "");
                } else {
                    var c = Expressions.condition(cond, what + " if", ctx);
                    if (c.isPresent() && !target.isEmpty()) {
                        cases.add(new BranchStep.Case(c.get(), ctx.refer(target, item.node("then").orElseThrow())));
                    }
                }
            }
            item.rejectUnknown();
        }
        return new BranchStep(id, step.pos(), cases, otherwise);
    }

    @Override
    public Next execute(BranchStep step, Execution run) {
        for (BranchStep.Case c : step.cases()) {
            if (Evaluator.truthy(Evaluator.evaluate(c.condition(), run::variable))) {
                return Next.go(c.target());
            }
        }
        return Steps.then(step.otherwise());
    }
}
