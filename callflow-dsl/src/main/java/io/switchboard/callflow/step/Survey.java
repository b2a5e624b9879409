package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.parse.Fields;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code survey}: a post-call rating from 1 to 5 by key, an optional recorded comment, and thanks; the answer is
 * stored with the call (reported through {@link io.switchboard.callflow.engine.FlowListener#surveyAnswered}).
 * <pre>
 * rate-us:
 *   survey:
 *     prompt: [survey-rating]      # "press 1 to 5"
 *     timeout: 5s                  # the wait for the key (default 5s)
 *     noinput: {prompts: [[no-input]], max: 2}
 *     nomatch: {prompts: [[invalid]], max: 2}   # a key other than 1-5
 *     into: rating
 *     comment:                     # optional; the record settings apply (beep, max-length, ...)
 *       prompt: [leave-message]
 *       max-length: 30s
 *       into: comment
 *     thanks: [survey-thanks]
 *     on-failure: goodbye          # no valid rating (default: next)
 *   next: goodbye
 * </pre>
 */
public final class Survey implements StepKind<SurveyStep> {

    private static final Retry DEFAULT_RETRY = new Retry(List.of(), 2);

    @Override
    public String name() {
        return "survey";
    }

    @Override
    public Class<SurveyStep> type() {
        return SurveyStep.class;
    }

    @Override
    public SurveyStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("survey");
        String what = "step '" + id + "' survey";
        Fields s = Fields.of(value, what, ctx.problems());
        var prompts = s.prompts("prompt");
        if (prompts.isEmpty()) {
            ctx.problems().error(s.keyPos("prompt"), what + ": 'prompt' is required",
                    "ask for the rating: prompt: [survey-rating]");
        }
        Duration timeout = s.duration("timeout").orElse(Duration.ofSeconds(5));
        boolean bargeIn = s.bool("barge-in").orElse(true);
        Retry noInput = Retry.read(s, "noinput", DEFAULT_RETRY, ctx);
        Retry noMatch = Retry.read(s, "nomatch", DEFAULT_RETRY, ctx);
        String into = s.string("into", "name the variable for the rating: into: rating");
        SurveyStep.Comment comment = s.node("comment").map(n -> comment(n, what + " comment", ctx)).orElse(null);
        var thanks = s.prompts("thanks");
        String onFailure = Steps.optional(s, "on-failure", ctx);
        s.rejectUnknown();
        return new SurveyStep(id, step.pos(), prompts, timeout, bargeIn, noInput, noMatch, into, comment, thanks,
                onFailure, Steps.next(id, step, ctx));
    }

    private static SurveyStep.Comment comment(Node node, String what, CompileContext ctx) {
        Fields c = Fields.of(node, what, ctx.problems());
        var prompts = c.prompts("prompt");
        RecordSettings settings = RecordSettings.read(c, what, ctx);
        String into = c.string("into", "name the variable for the comment: into: comment");
        c.rejectUnknown();
        return new SurveyStep.Comment(prompts, settings, into);
    }

    @Override
    public Next execute(SurveyStep step, Execution run) {
        CallControl call = run.call();
        var asked = AskAgain.ask(call, step.prompts(), step.bargeIn(), step.noInput(), step.noMatch(),
                () -> rating(call, step.timeout()));
        int rating;
        switch (asked) {
            case AskAgain.Result.Answered<Integer> a -> rating = a.value();
            case AskAgain.Result.GaveUp<Integer> g -> {
                return Steps.then(step.onFailure() != null ? step.onFailure() : step.next());
            }
            case AskAgain.Result.HungUp<Integer> h -> {
                return Next.CALLER_HUNG_UP;
            }
        }
        run.setVariable(step.into(), BigDecimal.valueOf(rating));
        String comment = step.comment() == null ? null : comment(step.comment(), run);
        run.listener().surveyAnswered(rating, comment);
        if (call.isGone()) {
            return comment != null ? Steps.then(step.next()) : Next.CALLER_HUNG_UP;
        }
        if (!step.thanks().isEmpty() && call.play(step.thanks(), false) == PlayOutcome.HUNG_UP) {
            return Next.CALLER_HUNG_UP;
        }
        return Steps.then(step.next());
    }

    /** One attempt at the rating key. */
    private static AskAgain.Heard<Integer> rating(CallControl call, Duration timeout) {
        return switch (call.nextKey(timeout)) {
            case KeyOutcome.Key k when k.key() >= '0' + SurveyStep.LOWEST && k.key() <= '0' + SurveyStep.HIGHEST ->
                    new AskAgain.Heard.Valid<>(k.key() - '0');
            case KeyOutcome.Key k -> new AskAgain.Heard.NoMatch<>();
            case KeyOutcome.Speech s -> new AskAgain.Heard.NoMatch<>();
            case KeyOutcome.Timeout t -> new AskAgain.Heard.NoInput<>();
            case KeyOutcome.HungUp h -> new AskAgain.Heard.HungUp<>();
        };
    }

    /** Records the comment; its reference, or null when none was kept. */
    private static String comment(SurveyStep.Comment comment, Execution run) {
        CallControl call = run.call();
        if (call.isGone()
                || (!comment.prompts().isEmpty() && call.play(comment.prompts(), false) == PlayOutcome.HUNG_UP)) {
            return null;
        }
        RecordOutcome outcome = comment.settings().record(call);
        if (!comment.settings().kept(outcome)) {
            return null;
        }
        Record.keep(run, comment.into(), outcome);
        return outcome.recording();
    }
}
