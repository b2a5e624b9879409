package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code play}: one prompt or a list, played in order.
 * <pre>
 * welcome:
 *   play: [welcome, main-menu]
 *   barge-in: true        # optional, default false
 *   next: main-menu
 * </pre>
 */
public final class Play implements StepKind<PlayStep> {

    @Override
    public String name() {
        return "play";
    }

    @Override
    public Class<PlayStep> type() {
        return PlayStep.class;
    }

    @Override
    public PlayStep compile(String id, Node value, Fields step, CompileContext ctx) {
        var prompts = step.prompts("play");
        if (value instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq && seq.getValue().isEmpty()) {
            ctx.problems().error(value, "step '" + id + "': play needs at least one prompt", "write play: [welcome]");
        }
        boolean bargeIn = step.bool("barge-in").orElse(false);
        String next = Steps.next(id, step, ctx);
        return new PlayStep(id, step.pos(), prompts, bargeIn, next);
    }

    @Override
    public Next execute(PlayStep step, Execution run) {
        if (run.call().play(step.prompts(), step.bargeIn()) == PlayOutcome.HUNG_UP) {
            return Next.CALLER_HUNG_UP;
        }
        return Steps.then(step.next());
    }
}
