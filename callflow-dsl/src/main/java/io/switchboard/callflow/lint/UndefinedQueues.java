package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.parse.Spelling;
import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.callflow.step.CallbackStep;
import io.switchboard.callflow.step.QueueStep;
import io.switchboard.callflow.step.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A queue (or callback) step naming a queue the site's registry does not have would leave callers waiting where
 * no agent serves (error). A callback's queue written as an expression is checked where it comes from instead.
 */
public final class UndefinedQueues {

    private UndefinedQueues() {}

    public static List<Diagnostic> check(CompiledFlow flow, QueueRegistry registry) {
        List<Diagnostic> out = new ArrayList<>();
        for (Step s : flow.steps().values()) {
            String name = switch (s) {
                case QueueStep q -> q.request().queue();
                case CallbackStep c when c.queue().variables().isEmpty() -> c.queue().source();
                default -> null;
            };
            if (name != null && registry.queue(name).isEmpty()) {
                out.add(Diagnostic.error(s.pos(), "step '" + s.id() + "' names queue '" + name + "', which "
                        + registry.file() + " does not define", Spelling.closest(name, registry.queues().keySet())
                        .map(q -> "did you mean '" + q + "'?").orElse("queues there: "
                                + String.join(", ", new TreeSet<>(registry.queues().keySet())))));
            }
        }
        return out;
    }
}
