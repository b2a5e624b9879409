package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.LookupPort;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code lookup}: asks a named data connector, with a time limit and a filler prompt while waiting.
 * <pre>
 * find-account:
 *   lookup:
 *     connector: crm
 *     args: {phone: "${caller}"}
 *     into: account                # results as account.name, account.balance, …
 *     time-limit: 3s               # default 3s; longer is an error
 *     filler: [please-hold]        # played if no answer came within filler-after (optional)
 *     filler-after: 500ms          # default 500ms
 *     not-found: new-caller        # optional, default: error
 *     error: main-menu
 *   next: greet
 * </pre>
 */
public final class Lookup implements StepKind<LookupStep> {

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public Class<LookupStep> type() {
        return LookupStep.class;
    }

    @Override
    public LookupStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("lookup");
        String what = "step '" + id + "' lookup";
        Fields l = Fields.of(value, what, ctx.problems());
        String connector = l.string("connector", "name the data connector: connector: crm");
        Map<String, Template> args = new LinkedHashMap<>();
        l.node("args").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                    Expressions.template(t.getValueNode(), what + " args " + name, ctx)
                            .ifPresent(tpl -> args.put(name, tpl));
                }
            } else {
                ctx.problems().error(n, what + ": args must map names to values", "write args: {phone: \"${caller}\"}");
            }
        });
        String into = l.string("into", "name the result: into: account");
        Duration limit = l.duration("time-limit").orElse(Duration.ofSeconds(3));
        var filler = l.prompts("filler");
        Duration fillerAfter = l.duration("filler-after").orElse(Duration.ofMillis(500));
        String notFound = Steps.optional(l, "not-found", ctx);
        String error = Steps.required(l, "error", what, ctx);
        l.rejectUnknown();
        return new LookupStep(id, step.pos(), connector, args, into, limit, filler, fillerAfter,
                Steps.next(id, step, ctx), notFound, error);
    }

    @Override
    public Next execute(LookupStep step, Execution run) {
        Map<String, String> args = new LinkedHashMap<>();
        step.arguments().forEach((k, t) -> args.put(k, Evaluator.text(t.evaluate(run::variable))));
        CompletableFuture<LookupPort.LookupResult> pending = new CompletableFuture<>();
        Thread.ofVirtual().name("lookup-" + step.connector()).start(() -> {
            try {
                pending.complete(run.services().lookups().lookup(step.connector(), args));
            } catch (RuntimeException e) {
                pending.complete(new LookupPort.LookupResult.Failed(e.toString()));
            }
        });
        long deadline = System.nanoTime() + step.timeLimit().toNanos();
        LookupPort.LookupResult result = await(pending, step.fillerAfter().toNanos());
        if (result == null && !step.filler().isEmpty()) {
            if (run.call().play(step.filler(), false) == PlayOutcome.HUNG_UP) {
                return Next.CALLER_HUNG_UP;
            }
        }
        if (result == null) {
            result = await(pending, deadline - System.nanoTime());
        }
        if (run.call().isGone()) {
            return Next.CALLER_HUNG_UP;
        }
        return switch (result) {
            case null -> Next.go(step.error());
            case LookupPort.LookupResult.Found f -> {
                f.values().forEach((k, v) -> run.setVariable(step.into() + "." + k, v));
                yield Steps.then(step.next());
            }
            case LookupPort.LookupResult.NotFound n -> Next.go(step.notFound() != null ? step.notFound()
                    : step.error());
            case LookupPort.LookupResult.Failed f -> Next.go(step.error());
        };
    }

    private static LookupPort.LookupResult await(CompletableFuture<LookupPort.LookupResult> pending, long nanos) {
        try {
            return pending.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return new LookupPort.LookupResult.Failed(e.getCause().toString());
        }
    }
}
