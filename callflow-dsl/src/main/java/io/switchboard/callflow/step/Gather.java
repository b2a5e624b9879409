package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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

    private static final Retry DEFAULT_RETRY = new Retry(List.of(), 3);

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
        List<PromptRef> prompts = g.prompts("prompt");
        String into = g.string("into", "name the variable: into: account");
        int min = g.integer("min", 1, 64).orElse(1);
        int max = g.integer("max", 1, 64).orElse(20);
        if (min > max) {
            ctx.problems().error(g.keyPos("min"), what + ": min (" + min + ") is above max (" + max + ")", "");
        }
        String term = g.optionalString("terminator").orElse("#");
        if (!term.isEmpty() && !(term.length() == 1 && "0123456789*#".indexOf(term.charAt(0)) >= 0)) {
            ctx.problems().error(g.keyPos("terminator"), what + ": terminator must be one key or \"\"", "");
        }
        Duration first = g.duration("first-digit-timeout").orElse(Duration.ofSeconds(5));
        Duration inter = g.duration("inter-digit-timeout").orElse(Duration.ofSeconds(3));
        Pattern pattern = g.optionalString("pattern").map(p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                ctx.problems().error(g.keyPos("pattern"), what + ": bad pattern: " + e.getDescription(), "");
                return null;
            }
        }).orElse(null);
        boolean bargeIn = g.bool("barge-in").orElse(true);
        Retry noInput = Retry.read(g, "noinput", DEFAULT_RETRY, ctx);
        Retry noMatch = Retry.read(g, "nomatch", DEFAULT_RETRY, ctx);
        String onFailure = g.optionalString("on-failure").map(t -> ctx.refer(t, g.node("on-failure").orElseThrow()))
                .orElse(null);
        g.rejectUnknown();
        return new GatherStep(id, step.pos(), prompts, into, min, max, term.isEmpty() ? 0 : term.charAt(0), first,
                inter, pattern, bargeIn, noInput, noMatch, onFailure, Steps.next(id, step, ctx));
    }

    @Override
    public Next execute(GatherStep step, Execution run) {
        CallControl call = run.call();
        return switch (AskAgain.ask(call, step.prompts(), step.bargeIn(), step.noInput(), step.noMatch(),
                () -> listen(step, call))) {
            case AskAgain.Result.Answered<String> a -> {
                run.setVariable(step.into(), a.value());
                yield Steps.then(step.next());
            }
            case AskAgain.Result.GaveUp<String> g -> Steps.then(step.onFailure());
            case AskAgain.Result.HungUp<String> h -> Next.CALLER_HUNG_UP;
        };
    }

    /** One attempt: digits up to max, the terminator or the timeout; classified. */
    private static AskAgain.Heard<String> listen(GatherStep step, CallControl call) {
        StringBuilder digits = new StringBuilder();
        Duration wait = step.firstDigitTimeout();
        boolean terminated = false;
        while (digits.length() < step.max()) {
            KeyOutcome k = call.nextKey(wait);
            if (k instanceof KeyOutcome.HungUp) {
                return new AskAgain.Heard.HungUp<>();
            }
            if (!(k instanceof KeyOutcome.Key key)) {
                break;
            }
            if (step.terminator() != 0 && key.key() == step.terminator()) {
                terminated = true;
                break;
            }
            digits.append(key.key());
            wait = step.interDigitTimeout();
        }
        if (digits.isEmpty() && !terminated) {
            return new AskAgain.Heard.NoInput<>();
        }
        if (digits.length() < step.min() || (step.pattern() != null && !step.pattern().matcher(digits).matches())) {
            return new AskAgain.Heard.NoMatch<>();
        }
        return new AskAgain.Heard.Valid<>(digits.toString());
    }
}
