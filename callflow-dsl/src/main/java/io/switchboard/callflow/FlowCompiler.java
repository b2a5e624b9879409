package io.switchboard.callflow;

import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.callflow.calendar.CalendarReader;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.YamlTree;
import io.switchboard.callflow.step.CompileContext;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.StepKind;
import io.switchboard.callflow.step.StepKinds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Flow file text → {@link CompiledFlow}, or a {@link FlowCompileException} with every diagnostic found. Never throws
 * anything else, whatever the input.
 *
 * <pre>
 * flow: hotline          # the flow's id
 * languages: [en]        # first = default
 * start: welcome         # the entry step
 * steps:
 *   welcome: {play: [welcome], next: menu}
 *   ...
 * </pre>
 */
public final class FlowCompiler {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private FlowCompiler() {}

    public static CompiledFlow compile(Path file) throws FlowCompileException {
        return compile(file.toString(), io.switchboard.callflow.parse.SourceFile.read(file));
    }

    public static CompiledFlow compile(String fileName, String text) throws FlowCompileException {
        Problems problems = new Problems(fileName);
        CompiledFlow flow = null;
        try {
            flow = YamlTree.compose(text, problems).map(root -> build(root, problems)).orElse(null);
        } catch (RuntimeException | StackOverflowError e) {
            problems.error((Node) null, "internal error while compiling: " + e, "please report this file");
        }
        if (problems.hasErrors() || flow == null) {
            throw new FlowCompileException(problems.all());
        }
        return flow;
    }

    private static CompiledFlow build(Node root, Problems problems) {
        Fields top = Fields.of(root, "the flow", problems);
        String id = top.string("flow", "start the file with 'flow: <id>'");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.error(top.node("flow").orElseThrow(), "flow id '" + id + "' may use letters, digits, '-', '_'"
                    + " and '.', up to 64 characters", "");
        }
        List<String> languages = languages(top, problems);
        String start = top.string("start", "name the entry step: start: welcome");
        CompileContext ctx = new CompileContext(problems);
        Map<String, BusinessCalendar> calendars = top.node("calendars").map(n -> CalendarReader.read(n, problems))
                .orElse(Map.of());
        ctx.calendars(calendars.keySet());
        ctx.languages(languages);
        java.util.Set<String> declared = new java.util.HashSet<>();
        Map<String, Step> steps = steps(top, ctx, declared);
        top.rejectUnknown();
        if (!start.isEmpty()) {
            ctx.refer(start, top.node("start").orElseThrow());
        }
        for (CompileContext.Reference ref : ctx.references()) {
            if (!declared.contains(ref.target())) {
                problems.error(ref.at(), "unknown step '" + ref.target() + "'", suggestion(ref.target(), declared));
            }
        }
        if (problems.hasErrors() || steps.isEmpty()) {
            return null;
        }
        return new CompiledFlow(id, problems.file(), languages, start, steps, calendars);
    }

    private static List<String> languages(Fields top, Problems problems) {
        Optional<Node> node = top.node("languages");
        if (node.isEmpty()) {
            return List.of("en");
        }
        List<String> out = new ArrayList<>();
        if (node.get() instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && s.getValue().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
                    out.add(s.getValue());
                } else {
                    problems.error(item, "languages: " + Fields.describe(item) + " is not a language code",
                            "write codes like en, fr or pt-BR");
                }
            }
        } else {
            problems.error(node.get(), "languages must be a list of language codes", "write languages: [en]");
        }
        return out;
    }

    private static Map<String, Step> steps(Fields top, CompileContext ctx, java.util.Set<String> declared) {
        Problems problems = ctx.problems();
        Map<String, Step> steps = new LinkedHashMap<>();
        Optional<Node> node = top.node("steps");
        if (node.isEmpty()) {
            problems.error(top.pos(), "the flow has no steps", "add 'steps:' with at least one step");
            return steps;
        }
        if (!(node.get() instanceof MappingNode mapping)) {
            problems.error(node.get(), "steps must map step ids to steps", "");
            return steps;
        }
        Fields.of(mapping, "steps", problems); // reports duplicate step ids
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            String id = key.getValue();
            if (!ID.matcher(id).matches()) {
                problems.error(key, "step id '" + id + "' may use letters, digits, '-', '_' and '.'", "");
                continue;
            }
            declared.add(id);
            step(id, key, tuple.getValueNode(), ctx).ifPresent(s -> steps.putIfAbsent(id, s));
        }
        return steps;
    }

    private static Optional<Step> step(String id, Node key, Node body, CompileContext ctx) {
        Problems problems = ctx.problems();
        Fields fields = Fields.of(body, "step '" + id + "'", problems).anchoredAt(key);
        List<String> kinds = fields.keys().stream().filter(k -> StepKinds.byName(k).isPresent()).toList();
        if (kinds.size() != 1) {
            problems.error(fields.pos(), kinds.isEmpty()
                    ? "step '" + id + "' has no kind"
                    : "step '" + id + "' has several kinds: " + String.join(", ", kinds),
                    "give it exactly one of: " + String.join(", ", StepKinds.names()));
            return Optional.empty();
        }
        StepKind<?> kind = StepKinds.byName(kinds.get(0)).orElseThrow();
        Node value = fields.node(kind.name()).orElseThrow();
        Step step = kind.compile(id, value, fields, ctx);
        fields.rejectUnknown();
        return Optional.ofNullable(step);
    }

    private static String suggestion(String target, java.util.Set<String> steps) {
        return io.switchboard.callflow.parse.Spelling.closest(target, steps).map(s -> "did you mean '" + s + "'?")
                .orElse("steps here: " + String.join(", ", new java.util.TreeSet<>(steps)));
    }
}
