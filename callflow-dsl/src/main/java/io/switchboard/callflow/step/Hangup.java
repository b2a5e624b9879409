package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code hangup}: ends the call from our side.
 * <pre>
 * bye:
 *   hangup: {}
 * </pre>
 */
public final class Hangup implements StepKind<HangupStep> {

    @Override
    public String name() {
        return "hangup";
    }

    @Override
    public Class<HangupStep> type() {
        return HangupStep.class;
    }

    @Override
    public HangupStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("hangup");
        boolean empty = (value instanceof MappingNode m && m.getValue().isEmpty())
                || (value instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null")));
        if (!empty) {
            ctx.problems().error(value, "step '" + id + "': hangup takes no settings", "write hangup: {}");
        }
        return new HangupStep(id, step.pos());
    }

    @Override
    public Next execute(HangupStep step, Execution run) {
        run.call().hangup();
        return new Next.End(Outcomes.HANGUP);
    }
}
