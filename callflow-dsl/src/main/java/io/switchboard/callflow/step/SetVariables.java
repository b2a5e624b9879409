package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code set}: variables from values and expressions, in order.
 * <pre>
 * remember:
 *   set:
 *     vip: "${startsWith(caller, '555')}"
 *     greeting: "Hello ${caller}"
 *   next: main-menu
 * </pre>
 */
public final class SetVariables implements StepKind<SetStep> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,63}");

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Class<SetStep> type() {
        return SetStep.class;
    }

    @Override
    public SetStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("set");
        Map<String, Template> values = new LinkedHashMap<>();
        if (value instanceof MappingNode m && !m.getValue().isEmpty()) {
            for (NodeTuple t : m.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                if (!NAME.matcher(name).matches() || name.equals("caller") || name.equals("dialed")) {
                    ctx.problems().error(t.getKeyNode(), "step '" + id + "': '" + name + "' cannot be a variable name",
                            "use letters, digits, '_' and '.'; caller and dialed are call facts");
                    continue;
                }
                Expressions.template(t.getValueNode(), "step '" + id + "' set " + name, ctx)
                        .ifPresent(tpl -> values.put(name, tpl));
            }
        } else {
            ctx.problems().error(value, "step '" + id + "': set needs variables and values",
                    "write set: {vip: \"${startsWith(caller, '555')}\"}");
        }
        return new SetStep(id, step.pos(), values, Steps.next(id, step, ctx));
    }

    @Override
    public Next execute(SetStep step, Execution run) {
        step.values().forEach((name, template) -> run.setVariable(name, template.evaluate(run::variable)));
        return Steps.then(step.next());
    }
}
