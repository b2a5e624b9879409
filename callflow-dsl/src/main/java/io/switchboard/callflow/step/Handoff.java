package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.HandoffPort;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code handoff}: the call's context to the ticket or chat service, delivered even while that service is down.
 * <pre>
 * open-ticket:
 *   handoff:
 *     to: ticket                               # a hand-off route the server knows
 *     context: {caller: "${caller}", topic: billing, account: "${account}"}
 *     into: ticket                             # the reference, as a variable (optional)
 *     failed: sorry
 *   next: thank-you
 * </pre>
 */
public final class Handoff implements StepKind<HandoffStep> {

    @Override
    public String name() {
        return "handoff";
    }

    @Override
    public Class<HandoffStep> type() {
        return HandoffStep.class;
    }

    @Override
    public HandoffStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("handoff");
        String what = "step '" + id + "' handoff";
        Fields h = Fields.of(value, what, ctx.problems());
        String target = h.string("to", "name the hand-off route: to: ticket");
        Map<String, Template> context = new LinkedHashMap<>();
        h.node("context").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                    Expressions.template(t.getValueNode(), what + " context " + name, ctx)
                            .ifPresent(tpl -> context.put(name, tpl));
                }
            } else {
                ctx.problems().error(n, what + ": context must map names to values", "");
            }
        });
        String into = h.optionalString("into").orElse(null);
        String failed = Steps.required(h, "failed", what, ctx);
        h.rejectUnknown();
        return new HandoffStep(id, step.pos(), target, context, into, Steps.next(id, step, ctx), failed);
    }

    @Override
    public Next execute(HandoffStep step, Execution run) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("call.id", run.call().facts().callId());
        step.context().forEach((k, t) -> context.put(k, Evaluator.text(t.evaluate(run::variable))));
        return switch (run.services().handoffs().handoff(step.target(), context)) {
            case HandoffPort.HandoffResult.Accepted a -> {
                if (step.into() != null) {
                    run.setVariable(step.into(), a.reference());
                }
                yield Steps.then(step.next());
            }
            case HandoffPort.HandoffResult.Failed f -> Next.go(step.failed());
        };
    }
}
