package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code gather}: digits into a variable.
 * <pre>
 * account:
 *   gather:
 *     prompt: [enter-account]
 *     into: account
 *     min: 4                      # default 1
 *     max: 10                     # default 20; reaching it ends entry at once
 *     terminator: "#"             # ends entry early and is not stored (default "#"; "" for none)
 *     first-digit-timeout: 5s     # after the prompt, for the first key (default 5s)
 *     inter-digit-timeout: 3s     # for each further key; running out ends entry (default 3s)
 *     pattern: "[0-9]+"           # the digits must match (optional)
 *     barge-in: true              # default true
 *     noinput: {prompts: [[no-input], [no-input, enter-account]], max: 3}
 *     nomatch: {prompts: [[invalid]], max: 3}
 *     on-failure: agent
 *   next: lookup
 * </pre>
 * No key before the first-digit timeout is a no-input; fewer than {@code min} digits or a pattern mismatch is a
 * no-match. Each event plays its re-prompt for that attempt (the last one repeats) and asks again; one event more
 * than its {@code max} goes to {@code on-failure}.
 */
public final class Gather implements StepKind<GatherStep> {

    @Override
    public String name() {
        return "gather";
    }

    @Override
    public Class<GatherStep> type() {
        return GatherStep.class;
    }

    @Override
    public GatherStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("gather");
        String what = "step '" + id + "' gather";
        Fields g = Fields.of(value, what, ctx.problems());
        String into = g.string("into", "name the variable: into: account");
        DigitEntry e = DigitEntry.read(g, what, 1, 20, ctx);
        String onFailure = Steps.optional(g, "on-failure", ctx);
        g.rejectUnknown();
        return new GatherStep(id, step.pos(), e.prompts(), into, e.min(), e.max(), e.terminator(),
                e.firstDigitTimeout(), e.interDigitTimeout(), e.pattern(), e.bargeIn(), e.noInput(), e.noMatch(),
                onFailure, Steps.next(id, step, ctx));
    }

    @Override
    public Next execute(GatherStep step, Execution run) {
        DigitEntry entry = new DigitEntry(step.prompts(), step.min(), step.max(), step.terminator(),
                step.firstDigitTimeout(), step.interDigitTimeout(), step.pattern(), step.bargeIn(), step.noInput(),
                step.noMatch());
        return switch (entry.run(run.call())) {
            case DigitEntry.Result.Entered e -> {
                run.setVariable(step.into(), e.digits());
                yield Steps.then(step.next());
            }
            case DigitEntry.Result.GaveUp g -> Steps.then(step.onFailure());
            case DigitEntry.Result.HungUp h -> Next.CALLER_HUNG_UP;
        };
    }
}
