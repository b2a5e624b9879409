package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code return}: ends a sub-flow; the call step goes on by the outcome.
 * <pre>
 * back: {return: back}                                      # the outcome 'back'
 * done:
 *   return: {outcome: chosen, values: {choice: "${choice}"}} # values arrive as &lt;into&gt;.choice
 * </pre>
 * {@code return: {}} returns the outcome {@code done}.
 */
public final class Return implements StepKind<ReturnStep> {

    public static final String DEFAULT_OUTCOME = "done";

    @Override
    public String name() {
        return "return";
    }

    @Override
    public Class<ReturnStep> type() {
        return ReturnStep.class;
    }

    @Override
    public ReturnStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("return");
        String what = "step '" + id + "' return";
        if (!ctx.inSubflow()) {
            ctx.problems().error(value, what + ": only a sub-flow returns; a flow ends with hangup",
                    "write hangup: {} or make the file a sub-flow (subflow: instead of flow:)");
        }
        String outcome = DEFAULT_OUTCOME;
        Map<String, Template> values = new LinkedHashMap<>();
        if (value instanceof ScalarNode s && !s.getValue().isBlank()) {
            outcome = s.getValue().strip();
        } else if (value instanceof MappingNode) {
            Fields r = Fields.of(value, what, ctx.problems());
            outcome = r.optionalString("outcome").orElse(DEFAULT_OUTCOME);
            Node v = r.node("values").orElse(null);
            if (v instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                    Expressions.template(t.getValueNode(), what + " values " + name, ctx)
                            .ifPresent(tpl -> values.put(name, tpl));
                }
            } else if (v != null) {
                ctx.problems().error(v, what + ": values must map names to values", "write values: {choice: \"1\"}");
            }
            r.rejectUnknown();
        } else {
            ctx.problems().error(value, what + ": write the outcome, or {outcome: …, values: {…}}", "write return: back");
        }
        return new ReturnStep(id, step.pos(), outcome, values);
    }

    @Override
    public Next execute(ReturnStep step, Execution run) {
        Map<String, Object> values = new LinkedHashMap<>();
        step.values().forEach((k, t) -> values.put(k, t.evaluate(run::variable)));
        CallStep caller = run.leave().caller();
        if (caller.into() != null) {
            values.forEach((k, v) -> run.setVariable(caller.into() + "." + k, v));
        }
        String target = caller.outcomes().get(step.outcome());
        return Steps.then(target != null ? target : caller.next());
    }
}
