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

    /**
     * Compiles a designer's own text; its imports are relative to the directory of {@code fileName} and stay inside
     * it, and problems in imported files are reported as they are.
     */
    public static CompiledFlow compile(String fileName, String text) throws FlowCompileException {
        Path file = pathOf(fileName);
        Path base = file == null || file.getParent() == null ? Path.of("").toAbsolutePath() : file.getParent();
        return compile(fileName, text, base, new ImportScope(base, true), file == null ? List.of() : List.of(file));
    }

    /**
     * Compiles a text whose imports are relative to {@code importDir} and must stay inside it (a flow published
     * through the API: imports resolve in the flows directory). Problems inside imported files are summarised at
     * the import, never quoted: the text's author may not be the one who may read those files.
     */
    public static CompiledFlow compile(String fileName, String text, Path importDir) throws FlowCompileException {
        Path dir = importDir.toAbsolutePath().normalize();
        return compile(fileName, text, dir, new ImportScope(dir, false), List.of());
    }

    static CompiledFlow compile(String fileName, String text, Path importDir, ImportScope scope, List<Path> chain)
            throws FlowCompileException {
        Problems problems = new Problems(fileName);
        CompiledFlow flow = null;
        try {
            SubflowImports imports = new SubflowImports(importDir, scope, chain);
            flow = YamlTree.compose(text, problems).map(root -> build(root, problems, imports)).orElse(null);
        } catch (RuntimeException | StackOverflowError e) {
            problems.error((Node) null, "internal error while compiling: " + e, "please report this file");
        }
        if (problems.hasErrors() || flow == null) {
            throw new FlowCompileException(problems.all());
        }
        return flow;
    }

    private static Path pathOf(String fileName) {
        try {
            return Path.of(fileName).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static CompiledFlow build(Node root, Problems problems, SubflowImports imports) {
        Fields top = Fields.of(root, "the flow", problems);
        boolean subflow = top.has("subflow");
        String kindKey = subflow ? "subflow" : "flow";
        String id = top.string(kindKey, "start the file with 'flow: <id>', or 'subflow: <id>' for a sub-flow");
        if (subflow && top.has("flow")) {
            problems.error(top.node("flow").orElseThrow(), "a file is a flow or a sub-flow, not both",
                    "keep flow: for a flow callers dial, subflow: for one that flows call");
        }
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.error(top.node(kindKey).orElseThrow(), kindKey + " id '" + id + "' may use letters, digits,"
                    + " '-', '_' and '.', up to 64 characters", "");
        }
        List<String> params = subflow ? params(top, problems) : List.of();
        if (!subflow && top.has("params")) {
            problems.error(top.node("params").orElseThrow(), "only a sub-flow has params",
                    "start the file with 'subflow: " + id + "' to make it one");
        }
        List<String> languages = languages(top, problems);
        String start = top.string("start", "name the entry step: start: welcome");
        CompileContext ctx = new CompileContext(problems);
        Map<String, CompiledFlow> imported = imports.read(top, problems);
        ctx.subflows(imported);
        ctx.importsBroken(imports.broken());
        ctx.inSubflow(subflow);
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
        Map<String, CompiledFlow> reachable = new LinkedHashMap<>(imported);
        imported.values().forEach(sub -> sub.subflows().forEach(reachable::putIfAbsent));
        return new CompiledFlow(id, problems.file(), languages, start, steps, calendars, params, subflow, reachable);
    }

    /** {@code params: [topic, account]}: names a sub-flow's callers must give values for. */
    private static List<String> params(Fields top, Problems problems) {
        List<String> out = new ArrayList<>();
        Node node = top.node("params").orElse(null);
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && s.getValue().matches("[A-Za-z_][A-Za-z0-9_]{0,63}")
                        && !out.contains(s.getValue())) {
                    out.add(s.getValue());
                } else {
                    problems.error(item, "params: " + Fields.describe(item) + " is not a new parameter name",
                            "write params: [topic, account]");
                }
            }
        } else if (node != null) {
            problems.error(node, "params must list parameter names", "write params: [topic]");
        }
        return out;
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
