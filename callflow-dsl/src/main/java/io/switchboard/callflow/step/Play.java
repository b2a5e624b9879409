package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.SpokenNumbers;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.expr.ExprException;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Timers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code play}: prompts and spoken values, in order.
 * <pre>
 * balance:
 *   play:
 *     - balance-is
 *     - number: "${account.balance}"   # 42.5 → forty two point five
 *     - dollars
 *     - digits: "${account.id}"        # one digit at a time
 *     - duration: "${wait}"            # seconds, or a time like 2m → two minutes
 *   barge-in: true        # optional, default false
 *   next: main-menu
 * </pre>
 * Spoken values are composed from the digit prompts of the caller's language when the step runs
 * ({@link SpokenNumbers}).
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
        step.node("play");
        String what = "step '" + id + "' play";
        List<PlayItem> items = new ArrayList<>();
        List<Node> nodes = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        if (nodes.isEmpty()) {
            ctx.problems().error(value, "step '" + id + "': play needs at least one prompt", "write play: [welcome]");
        }
        for (Node item : nodes) {
            item(item, what, ctx).ifPresent(items::add);
        }
        boolean bargeIn = step.bool("barge-in").orElse(false);
        String next = Steps.next(id, step, ctx);
        return new PlayStep(id, step.pos(), items, bargeIn, next);
    }

    private static Optional<PlayItem> item(Node item, String what, CompileContext ctx) {
        if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
            return Fields.prompt(s, what, ctx.problems()).map(PlayItem.Recorded::new);
        }
        if (item instanceof MappingNode m && m.getValue().size() == 1) {
            NodeTuple t = m.getValue().get(0);
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            for (PlayItem.Reading reading : PlayItem.Reading.values()) {
                if (reading.key().equals(key)) {
                    return Expressions.template(t.getValueNode(), what + " " + key, ctx)
                            .map(tpl -> new PlayItem.Spoken(reading, tpl, ctx.problems().at(t.getValueNode())));
                }
            }
            ctx.problems().error(t.getKeyNode(), what + ": '" + key + "' is not a way to read a value",
                    "use number:, digits: or duration:");
            return Optional.empty();
        }
        ctx.problems().error(item, what + ": expected a prompt name or one of number:, digits:, duration:, got "
                + Fields.describe(item), "write play: [balance-is, {number: \"${balance}\"}, dollars]");
        return Optional.empty();
    }

    @Override
    public Next execute(PlayStep step, Execution run) {
        List<PromptRef> prompts = new ArrayList<>();
        String language = run.call().language();
        for (PlayItem item : step.items()) {
            switch (item) {
                case PlayItem.Recorded r -> prompts.add(r.prompt());
                case PlayItem.Spoken s -> prompts.addAll(spoken(step, s, run, language));
            }
        }
        if (run.call().play(prompts, step.bargeIn()) == PlayOutcome.HUNG_UP) {
            return Next.CALLER_HUNG_UP;
        }
        return Steps.then(step.next());
    }

    private static List<PromptRef> spoken(PlayStep step, PlayItem.Spoken s, Execution run, String language) {
        Object value = s.value().evaluate(run::variable);
        String text = Evaluator.text(value).strip();
        return switch (s.reading()) {
            case DIGITS -> SpokenNumbers.digits(text, language);
            case NUMBER -> SpokenNumbers.number(decimal(step, s, text), language);
            case DURATION -> SpokenNumbers.duration(Timers.parse(text)
                    .orElseGet(() -> seconds(decimal(step, s, text))), language);
        };
    }

    private static Duration seconds(BigDecimal n) {
        return Duration.ofMillis(n.multiply(BigDecimal.valueOf(1000)).longValue());
    }

    private static BigDecimal decimal(PlayStep step, PlayItem.Spoken s, String text) {
        try {
            BigDecimal n = new BigDecimal(text);
            if (n.precision() - n.scale() > 18) {
                throw new ExprException(s.pos() + ": step '" + step.id() + "' " + s.reading().key() + ": '" + text
                        + "' is too large to read out", -1);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ExprException(s.pos() + ": step '" + step.id() + "' " + s.reading().key() + ": '" + text
                    + "' is not a number", -1);
        }
    }
}
