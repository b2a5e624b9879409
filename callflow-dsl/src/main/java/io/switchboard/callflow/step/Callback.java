package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.CallbackPort;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code callback}: the caller is called back instead of waiting, keeping their place in line, or at a time.
 * <pre>
 * offer-callback:
 *   callback:
 *     queue: support                    # whose line the caller keeps their place in ("${queue.name}": the last)
 *     skills: {english: 3}              # optional, as for queue; priority likewise
 *     offer: [callback-offer]           # optional: "press 1 to be called back"; silence or another key declines
 *     accept-key: "1"                   # default 1
 *     number: "${caller}"               # the number proposed (default the caller's)
 *     confirm: [callback-confirm]       # "1 for this number, 2 for another" (default callback-confirm)
 *     noinput: {prompts: [[no-input]], max: 2}   # retries of the confirmation
 *     capture: {prompt: [callback-number], min: 7, max: 15}   # entering another number, as gather
 *     at: "${time}"                     # optional: HH:MM / HHMM today or tomorrow, or an ISO time; default: keep place
 *     timezone: Europe/Madrid           # how 'at' is read (default UTC)
 *     into: booking                     # the reference, as a variable (optional)
 *     declined: support-queue           # required with offer
 *     failed: sorry                     # the platform could not book it
 *     on-failure: support-queue         # no usable answer too often (default: declined)
 *   next: callback-thanks
 * </pre>
 */
public final class Callback implements StepKind<CallbackStep> {

    private static final Template CALLER = Template.parse("${caller}");

    @Override
    public String name() {
        return "callback";
    }

    @Override
    public Class<CallbackStep> type() {
        return CallbackStep.class;
    }

    @Override
    public CallbackStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("callback");
        String what = "step '" + id + "' callback";
        Fields c = Fields.of(value, what, ctx.problems());
        c.string("queue", "name the queue whose line the caller keeps: queue: support");
        Template queue = c.node("queue").flatMap(n -> Expressions.template(n, what + " queue", ctx))
                .orElse(Template.parse(""));
        var skills = Queue.skills(c, what, ctx);
        int priority = c.integer("priority", 0, 100).orElse(0);
        List<PromptRef> offer = c.prompts("offer");
        char accept = key(c, "accept-key", '1', what, ctx);
        Duration offerTimeout = c.duration("offer-timeout").orElse(Duration.ofSeconds(5));
        Template number = c.node("number").flatMap(n -> Expressions.template(n, what + " number", ctx))
                .orElse(CALLER);
        List<PromptRef> confirm = c.node("confirm").isPresent() ? c.prompts("confirm")
                : List.of(new PromptRef("callback-confirm"));
        Duration confirmWait = c.duration("timeout").orElse(Duration.ofSeconds(5));
        Retry noInput = Retry.read(c, "noinput", new Retry(List.of(), 2), ctx);
        Retry noMatch = Retry.read(c, "nomatch", new Retry(List.of(), 2), ctx);
        DigitEntry capture = c.node("capture").map(n -> {
            Fields g = Fields.of(n, what + " capture", ctx.problems());
            DigitEntry e = DigitEntry.read(g, what + " capture", 7, 15, ctx);
            g.rejectUnknown();
            return e;
        }).orElseGet(() -> new DigitEntry(List.of(new PromptRef("callback-number")), 7, 15, '#',
                Duration.ofSeconds(5), Duration.ofSeconds(3), null, true, new Retry(List.of(), 2),
                new Retry(List.of(), 2)));
        Template at = c.node("at").flatMap(n -> Expressions.template(n, what + " at", ctx)).orElse(null);
        ZoneId zone = zone(c, what, ctx);
        String into = c.optionalString("into").orElse(null);
        String declined = Steps.optional(c, "declined", ctx);
        if (!offer.isEmpty() && declined == null) {
            ctx.problems().error(c.keyPos("offer"), what + ": an offer can be declined: say where the call goes then",
                    "write declined: support-queue");
        }
        String failed = Steps.required(c, "failed", what, ctx);
        String onFailure = Steps.optional(c, "on-failure", ctx);
        c.rejectUnknown();
        return new CallbackStep(id, step.pos(), queue, skills, priority, offer, accept, offerTimeout, number,
                confirm, confirmWait, noInput, noMatch, capture, at, zone, into, Steps.next(id, step, ctx), declined,
                failed, onFailure);
    }

    private static char key(Fields c, String name, char fallback, String what, CompileContext ctx) {
        Optional<String> k = c.optionalString(name);
        if (k.isPresent() && !k.get().matches("[0-9*#]")) {
            ctx.problems().error(c.node(name).orElseThrow(), what + ": " + name + " must be one phone key", "");
        }
        return k.filter(v -> v.length() == 1).map(v -> v.charAt(0)).orElse(fallback);
    }

    private static ZoneId zone(Fields c, String what, CompileContext ctx) {
        Optional<String> tz = c.optionalString("timezone");
        try {
            return tz.map(ZoneId::of).orElse(ZoneId.of("UTC"));
        } catch (DateTimeException e) {
            ctx.problems().error(c.node("timezone").orElseThrow(), what + ": unknown time zone '" + tz.get() + "'",
                    "write a zone such as Europe/Madrid or America/New_York");
            return ZoneId.of("UTC");
        }
    }


    @Override
    public Next execute(CallbackStep step, Execution run) {
        CallControl call = run.call();
        if (!step.offer().isEmpty()) {
            if (call.play(step.offer(), true) == PlayOutcome.HUNG_UP) {
                return Next.CALLER_HUNG_UP;
            }
            KeyOutcome answer = call.nextKey(step.offerTimeout());
            if (answer instanceof KeyOutcome.HungUp) {
                return Next.CALLER_HUNG_UP;
            }
            if (!(answer instanceof KeyOutcome.Key k && k.key() == step.acceptKey())) {
                call.clearKeys();
                return Steps.then(step.declined());
            }
        }
        String number = Evaluator.text(step.number().evaluate(run::variable)).replaceAll("[^0-9*#+]", "");
        Number chosen = number.isEmpty() ? capture(step, call) : confirm(step, call, number);
        return switch (chosen) {
            case Number.HungUp h -> Next.CALLER_HUNG_UP;
            case Number.GaveUp g -> Steps.then(step.onFailure() != null ? step.onFailure() : step.declined());
            case Number.Chosen n -> book(step, run, n.digits());
        };
    }

    private sealed interface Number {
        record Chosen(String digits) implements Number {}

        record GaveUp() implements Number {}

        record HungUp() implements Number {}
    }

    /** "1 for this number, 2 for another", with retries. */
    private static Number confirm(CallbackStep step, CallControl call, String number) {
        AskAgain.Result<Character> answer = AskAgain.ask(call, step.confirm(), true, step.noInput(), step.noMatch(),
                () -> switch (call.nextKey(step.confirmWait())) {
                    case KeyOutcome.HungUp h -> new AskAgain.Heard.HungUp<>();
                    case KeyOutcome.Key k when k.key() == '1' || k.key() == '2' -> new AskAgain.Heard.Valid<>(k.key());
                    case KeyOutcome.Key k -> new AskAgain.Heard.NoMatch<>();
                    case KeyOutcome.Speech s -> new AskAgain.Heard.NoMatch<>();
                    case KeyOutcome.Timeout t -> new AskAgain.Heard.NoInput<>();
                });
        return switch (answer) {
            case AskAgain.Result.Answered<Character> a -> a.value() == '1' ? new Number.Chosen(number)
                    : capture(step, call);
            case AskAgain.Result.GaveUp<Character> g -> new Number.GaveUp();
            case AskAgain.Result.HungUp<Character> h -> new Number.HungUp();
        };
    }

    private static Number capture(CallbackStep step, CallControl call) {
        return switch (step.capture().run(call)) {
            case DigitEntry.Result.Entered e -> new Number.Chosen(e.digits());
            case DigitEntry.Result.GaveUp g -> new Number.GaveUp();
            case DigitEntry.Result.HungUp h -> new Number.HungUp();
        };
    }

    private static Next book(CallbackStep step, Execution run, String number) {
        Instant at = null;
        if (step.at() != null) {
            Optional<Instant> when = time(Evaluator.text(step.at().evaluate(run::variable)).strip(), step.zone(),
                    run.clock().instant());
            if (when.isEmpty()) {
                return Next.go(step.failed());
            }
            at = when.get();
        }
        String queue = Evaluator.text(step.queue().evaluate(run::variable));
        var request = new CallbackPort.CallbackRequest(queue, number, step.skills(), step.priority(), at);
        return switch (run.services().callbacks().callback(request)) {
            case CallbackPort.CallbackResult.Scheduled s -> {
                if (step.into() != null) {
                    run.setVariable(step.into(), s.reference());
                }
                yield Steps.then(step.next());
            }
            case CallbackPort.CallbackResult.Failed f -> Next.go(step.failed());
        };
    }

    /**
     * A callback time: an ISO date-time with offset, or a wall-clock time ({@code 15:30}, {@code 1530}) meaning its
     * next occurrence in {@code zone} after {@code now}.
     */
    static Optional<Instant> time(String text, ZoneId zone, Instant now) {
        try {
            if (text.contains("T")) {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            }
            String hhmm = text.replace(":", "");
            if (!hhmm.matches("\\d{3,4}")) {
                return Optional.empty();
            }
            int value = Integer.parseInt(hhmm);
            LocalTime time = LocalTime.of(value / 100, value % 100);
            ZonedDateTime local = now.atZone(zone);
            ZonedDateTime candidate = local.with(time);
            if (!candidate.isAfter(local)) {
                candidate = candidate.plusDays(1).with(time);
            }
            return Optional.of(candidate.toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
