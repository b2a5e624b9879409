package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code goto}: jump to a step, with a bound on repeats so a loop always ends.
 * <pre>
 * again:
 *   goto: main-menu
 *   max: 3                # default 3
 *   on-limit: goodbye     # optional; without it the flow ends
 * </pre>
 */
public final class Goto implements StepKind<GotoStep> {

    /** Repeats allowed when a goto does not say. */
    public static final int DEFAULT_MAX = 3;

    @Override
    public String name() {
        return "goto";
    }

    @Override
    public Class<GotoStep> type() {
        return GotoStep.class;
    }

    @Override
    public GotoStep compile(String id, Node value, Fields step, CompileContext ctx) {
        String target = "";
        if (value instanceof ScalarNode s && !s.getValue().isBlank()) {
            target = ctx.refer(s.getValue().strip(), s);
        } else {
            ctx.problems().error(value, "step '" + id + "': goto needs a step id", "write goto: main-menu");
        }
        step.node("goto");
        int max = step.integer("max", 1, 1000).orElse(DEFAULT_MAX);
        String onLimit = step.optionalString("on-limit").map(t -> ctx.refer(t, step.node("on-limit").orElseThrow()))
                .orElse(null);
        return new GotoStep(id, step.pos(), target, max, onLimit);
    }

    @Override
    public Next execute(GotoStep step, Execution run) {
        if (run.countVisit(step.id()) <= step.max()) {
            return Next.go(step.target());
        }
        return Steps.then(step.onLimit());
    }
}
