package io.switchboard.callflow.step;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Spelling;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code call}: runs a sub-flow (imported with {@code imports:}) and goes on by the outcome it returns.
 * <pre>
 * billing:
 *   call: account-menu
 *   with: {topic: billing}      # the sub-flow's params, as values or ${…} over this flow's variables
 *   into: acct                  # returned values as acct.&lt;name&gt; (optional)
 *   on: {back: main-menu}       # returned outcome → step
 *   next: goodbye               # any other outcome
 * </pre>
 */
public final class CallSubflow implements StepKind<CallStep> {

    @Override
    public String name() {
        return "call";
    }

    @Override
    public Class<CallStep> type() {
        return CallStep.class;
    }

    @Override
    public CallStep compile(String id, Node value, Fields step, CompileContext ctx) {
        String what = "step '" + id + "' call";
        String name = step.string("call", "name the sub-flow: call: account-menu");
        CompiledFlow sub = ctx.subflows().get(name);
        if (sub == null && !name.isEmpty() && !ctx.importsBroken()) {
            ctx.problems().error(value, what + ": no imported sub-flow '" + name + "'", Spelling.closest(name,
                    ctx.subflows().keySet()).map(s -> "did you mean '" + s + "'?").orElse(ctx.subflows().isEmpty()
                    ? "import its file: imports: [lib/" + name + ".yaml]"
                    : "imported here: " + String.join(", ", new TreeSet<>(ctx.subflows().keySet()))));
        }
        if (sub != null && !sub.languages().containsAll(ctx.languages())) {
            List<String> missing = ctx.languages().stream().filter(l -> !sub.languages().contains(l)).toList();
            ctx.problems().error(value, what + ": sub-flow '" + name + "' does not speak " + String.join(", ", missing)
                    + ", which this flow's callers may have chosen", "add them to its languages: "
                    + sub.languages() + " (and its prompts in them)");
        }
        Map<String, Template> with = new LinkedHashMap<>();
        Node withNode = step.node("with").orElse(null);
        if (withNode instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String param = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                if (sub != null && !sub.params().contains(param)) {
                    ctx.problems().error(t.getKeyNode(), what + ": sub-flow '" + name + "' has no parameter '" + param
                            + "'", "its parameters: " + String.join(", ", sub.params()));
                }
                Expressions.template(t.getValueNode(), what + " with " + param, ctx).ifPresent(v -> with.put(param, v));
            }
        } else if (withNode != null) {
            ctx.problems().error(withNode, what + ": with must map parameters to values", "write with: {topic: billing}");
        }
        if (sub != null) {
            for (String param : sub.params()) {
                if (!with.containsKey(param) && (withNode == null || !mentions(withNode, param))) {
                    ctx.problems().error(ctx.problems().at(value), what + ": sub-flow '" + name + "' needs parameter '"
                            + param + "'", "write with: {" + param + ": …}");
                }
            }
        }
        String into = step.optionalString("into").orElse(null);
        Map<String, String> outcomes = outcomes(step, what, sub, ctx);
        return new CallStep(id, step.pos(), name, with, into, outcomes, Steps.next(id, step, ctx));
    }

    private static boolean mentions(Node with, String param) {
        return with instanceof MappingNode m && m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(param));
    }

    private static Map<String, String> outcomes(Fields step, String what, CompiledFlow sub, CompileContext ctx) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        Node on = step.node("on").orElse(null);
        if (on == null) {
            return outcomes;
        }
        if (!(on instanceof MappingNode m)) {
            ctx.problems().error(on, what + ": on must map returned outcomes to steps", "write on: {back: main-menu}");
            return outcomes;
        }
        Set<String> returned = sub == null ? Set.of() : returnedOutcomes(sub);
        for (NodeTuple t : m.getValue()) {
            String outcome = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            if (sub != null && !returned.contains(outcome)) {
                ctx.problems().error(t.getKeyNode(), what + ": sub-flow '" + sub.id() + "' never returns '" + outcome
                        + "'", "it returns: " + String.join(", ", returned));
            }
            if (t.getValueNode() instanceof ScalarNode target && !target.getValue().isBlank()) {
                outcomes.put(outcome, ctx.refer(target.getValue().strip(), target));
            } else {
                ctx.problems().error(t.getValueNode(), what + ": outcome " + outcome + " must name a step", "");
            }
        }
        return outcomes;
    }

    /** The outcomes a sub-flow's return steps give. */
    public static Set<String> returnedOutcomes(CompiledFlow sub) {
        Set<String> out = new LinkedHashSet<>();
        sub.steps().values().forEach(s -> {
            if (s instanceof ReturnStep r) {
                out.add(r.outcome());
            }
        });
        return out;
    }

    @Override
    public Next execute(CallStep step, Execution run) {
        CompiledFlow sub = run.flow().subflow(step.subflow()).orElseThrow(
                () -> new IllegalStateException("sub-flow " + step.subflow() + " is not part of " + run.flow().id()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        step.with().forEach((k, t) -> parameters.put(k, t.evaluate(run::variable)));
        run.enter(sub, parameters, step);
        return Next.go(sub.start());
    }
}
