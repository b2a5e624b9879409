package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.parse.Fields;
import java.math.BigDecimal;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code record}: a voicemail message.
 * <pre>
 * voicemail:
 *   record:
 *     prompt: [leave-message]
 *     beep: true              # default true
 *     max-length: 60s         # default 60s, at most 10m
 *     silence-end: 3s         # default 3s
 *     finish-keys: "#"        # default "#"; "" for none
 *     min-length: 1s          # shorter is nothing (default 1s)
 *     into: message           # the recording's reference; message.seconds its length
 *     nothing: no-message     # nothing recorded, or too short
 *   next: open-ticket
 * </pre>
 * A caller who hangs up mid-message still leaves it: the flow goes on to {@code next}, where steps that need no
 * caller (handoff, set, branch) still run.
 */
public final class Record implements StepKind<RecordStep> {

    @Override
    public String name() {
        return "record";
    }

    @Override
    public Class<RecordStep> type() {
        return RecordStep.class;
    }

    @Override
    public RecordStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("record");
        String what = "step '" + id + "' record";
        Fields r = Fields.of(value, what, ctx.problems());
        var prompts = r.prompts("prompt");
        RecordSettings settings = RecordSettings.read(r, what, ctx);
        String into = r.string("into", "name the variable for the recording: into: message");
        String nothing = Steps.required(r, "nothing", what, ctx);
        r.rejectUnknown();
        return new RecordStep(id, step.pos(), prompts, settings, into, Steps.next(id, step, ctx), nothing);
    }

    @Override
    public Next execute(RecordStep step, Execution run) {
        CallControl call = run.call();
        if (!step.prompts().isEmpty() && call.play(step.prompts(), false) == PlayOutcome.HUNG_UP) {
            return Next.CALLER_HUNG_UP;
        }
        RecordOutcome outcome = step.settings().record(call);
        if (step.settings().kept(outcome)) {
            keep(run, step.into(), outcome);
            return Steps.then(step.next());
        }
        return outcome.ending() == RecordOutcome.Ending.HUNG_UP ? Next.CALLER_HUNG_UP : Next.go(step.nothing());
    }

    /** Puts a kept recording's reference in {@code into} and its length in seconds in {@code into.seconds}. */
    static void keep(Execution run, String into, RecordOutcome outcome) {
        run.setVariable(into, outcome.recording());
        BigDecimal seconds = BigDecimal.valueOf(outcome.length().toMillis(), 3).stripTrailingZeros();
        run.setVariable(into + ".seconds", seconds.scale() < 0 ? seconds.setScale(0) : seconds);
    }
}
