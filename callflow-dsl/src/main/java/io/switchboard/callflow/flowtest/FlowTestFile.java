package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.YamlTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A flow test file:
 * <pre>
 * flow: ../hotline.yaml          # the flow under test, relative to this file
 * cases:
 *   - name: caller presses 2 for support
 *     caller: "5550100"            # optional; dialed likewise
 *     script:
 *       - expect: [welcome, main-menu]
 *       - press: "2"
 *       - expect: [support, goodbye]
 *     outcome: hangup
 *     time: 2026-01-05T10:00:00+01:00  # optional: when the call arrives (business hours)
 *     closed-now: [support]            # optional: calendars switched to "closed now"
 *     mocks: {queue: timeout, transfer: ok}   # optional: how queues and transfers go
 *     requests: ["queue support {english=3}"]  # optional: the requests the flow must make (and the survey
 *                                              # answers it stores: "survey 4 recording-1")
 *     variables: {account: "4711"}             # optional: variables the flow must have set, at the end
 * </pre>
 * Script lines: {@code expect: [prompts]}, {@code press: "keys"} (one key per wait for input),
 * {@code press-during: {prompt: name, keys: "1"}}, {@code say: "words"}, {@code silence: {}}, {@code hangup: {}},
 * {@code hangup-during: prompt}, {@code speak: 12s} (talks into a recording for that long, then falls silent; a
 * {@code press}, {@code silence} or {@code hangup} line after it says how the recording ends).
 */
public record FlowTestFile(Path file, Path flow, List<FlowTestCase> cases) {

    public static FlowTestFile read(Path file) throws FlowCompileException {
        Problems problems = new Problems(file.toString());
        String text = io.switchboard.callflow.parse.SourceFile.read(file);
        Optional<Node> root = YamlTree.compose(text, problems);
        Path flow = null;
        List<FlowTestCase> cases = new ArrayList<>();
        if (root.isPresent()) {
            Fields top = Fields.of(root.get(), "the test file", problems);
            String flowRef = top.string("flow", "name the flow file under test: flow: ../hotline.yaml");
            Path parent = file.toAbsolutePath().getParent();
            flow = parent.resolve(flowRef).normalize();
            Node list = top.node("cases").orElse(null);
            if (list instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
                for (Node c : seq.getValue()) {
                    cases.add(testCase(c, problems));
                }
            } else {
                problems.error(list, "'cases' must be a list of test cases", "");
            }
            top.rejectUnknown();
        }
        if (problems.hasErrors()) {
            throw new FlowCompileException(problems.all());
        }
        return new FlowTestFile(file, flow, cases);
    }

    private static FlowTestCase testCase(Node node, Problems problems) {
        Fields f = Fields.of(node, "test case", problems);
        String name = f.string("name", "say what the case covers: name: caller presses 2");
        String caller = f.optionalString("caller").orElse("5550100");
        String dialed = f.optionalString("dialed").orElse("100");
        String outcome = f.optionalString("outcome").orElse(null);
        java.time.Instant time = java.time.Instant.parse("2026-01-05T10:00:00Z");
        var timeNode = f.node("time");
        if (timeNode.isPresent()) {
            String t = f.optionalString("time").orElse("");
            try {
                time = java.time.OffsetDateTime.parse(t).toInstant();
            } catch (java.time.DateTimeException e) {
                problems.error(timeNode.get(), "test case '" + name + "': 'time' is not a date and time: '" + t
                        + "'", "write time: 2026-01-05T10:00:00+01:00");
            }
        }
        List<String> closedNow = f.node("closed-now").map(n -> f.texts("closed-now")).orElse(List.of());
        java.util.Map<String, String> mocks = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> lookups = new java.util.LinkedHashMap<>();
        f.node("mocks").ifPresent(n -> {
            Fields m = Fields.of(n, "mocks", problems);
            m.node("lookup").ifPresent(l -> lookups.putAll(lookups(l, problems)));
            m.optionalString("queue").ifPresent(q -> mocks.put("queue", check(q, MockServices.QUEUE_OUTCOMES,
                    m.node("queue").orElseThrow(), problems)));
            m.optionalString("transfer").ifPresent(t -> mocks.put("transfer", check(t,
                    MockServices.TRANSFER_OUTCOMES, m.node("transfer").orElseThrow(), problems)));
            m.optionalString("handoff").ifPresent(t -> mocks.put("handoff", check(t,
                    MockServices.HANDOFF_OUTCOMES, m.node("handoff").orElseThrow(), problems)));
            m.duration("queue-wait").ifPresent(w -> mocks.put("queue-wait", Long.toString(w.toMillis())));
            m.optionalString("callback").ifPresent(t -> mocks.put("callback", check(t,
                    MockServices.CALLBACK_OUTCOMES, m.node("callback").orElseThrow(), problems)));
            m.rejectUnknown();
        });
        List<String> requests = f.node("requests").isPresent()
                ? f.texts("requests") : null;
        List<FlowTestCase.Action> script = new ArrayList<>();
        Node s = f.node("script").orElse(null);
        if (s instanceof SequenceNode seq) {
            for (Node line : seq.getValue()) {
                action(line, problems).ifPresent(script::add);
            }
        } else {
            problems.error(s == null ? node : s, "test case '" + name + "': 'script' must be a list", "");
        }
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
        f.node("variables").ifPresent(n -> {
            if (n instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
                for (var t : m.getValue()) {
                    if (t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k
                            && t.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode v) {
                        variables.put(k.getValue(), v.getValue());
                    } else {
                        problems.error(t.getValueNode(), "test case '" + name + "': variables map names to values",
                                "write variables: {account: \"4711\"}");
                    }
                }
            } else {
                problems.error(n, "test case '" + name + "': variables map names to values",
                        "write variables: {account: \"4711\"}");
            }
        });
        f.rejectUnknown();
        return new FlowTestCase(name, f.pos(), caller, dialed, script, outcome, time, closedNow, mocks, lookups,
                requests, variables);
    }

    private static Optional<FlowTestCase.Action> action(Node line, Problems problems) {
        Fields f = Fields.of(line, "script line", problems);
        var pos = f.pos();
        if (f.keys().size() != 1) {
            problems.error(line, "a script line has one of: expect, press, press-during, say, silence,"
                    + " hangup, hangup-during, speak", "");
            return Optional.empty();
        }
        String key = f.keys().iterator().next();
        FlowTestCase.Action action = switch (key) {
            case "expect" -> new FlowTestCase.Expect(pos, f.texts("expect"));
            case "press" -> new FlowTestCase.Press(pos, keys(f, "press", problems));
            case "silence" -> {
                f.node("silence");
                yield new FlowTestCase.Silence(pos);
            }
            case "hangup" -> {
                f.node("hangup");
                yield new FlowTestCase.HangUp(pos);
            }
            case "hangup-during" -> new FlowTestCase.HangUpDuring(pos, f.string("hangup-during", ""));
            case "say" -> new FlowTestCase.Say(pos, f.string("say", "write say: \"technical help\""));
            case "speak" -> new FlowTestCase.Speak(pos, f.duration("speak").orElse(java.time.Duration.ZERO));
            case "press-during" -> {
                Fields d = Fields.of(f.node("press-during").orElseThrow(), "press-during", problems);
                String prompt = d.string("prompt", "write press-during: {prompt: welcome, keys: \"2\"}");
                String keys = keys(d, "keys", problems);
                d.rejectUnknown();
                yield new FlowTestCase.PressDuring(pos, prompt, keys);
            }
            default -> null;
        };
        if (action == null) {
            problems.error(line, "unknown script line '" + key + "'",
                    "use expect, press, press-during, say, silence, hangup, hangup-during or speak");
            return Optional.empty();
        }
        return Optional.of(action);
    }

    /** {@code lookup: {crm: {name: Ada, balance: "12.50"}, billing: not-found, other: error}} */
    private static java.util.Map<String, Object> lookups(Node node, Problems problems) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode m)) {
            problems.error(node, "mocks lookup must map connectors to answers", "");
            return out;
        }
        for (var t : m.getValue()) {
            String connector = t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k ? k.getValue() : "";
            if (t.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.MappingNode values) {
                java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
                for (var v : values.getValue()) {
                    if (v.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode vk
                            && v.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode vv) {
                        found.put(vk.getValue(), vv.getValue());
                    }
                }
                out.put(connector, found);
            } else if (t.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                    && (s.getValue().equals("not-found") || s.getValue().equals("error"))) {
                out.put(connector, s.getValue());
            } else {
                problems.error(t.getValueNode(), "lookup " + connector + ": answer with values, not-found or error",
                        "write lookup: {crm: {name: Ada}}");
            }
        }
        return out;
    }

    private static String check(String value, java.util.Set<String> allowed, Node at, Problems problems) {
        if (!allowed.contains(value)) {
            problems.error(at, "'" + value + "' is not a mocked outcome", "use one of " + String.join(", ",
                    new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    private static String keys(Fields f, String key, Problems problems) {
        String keys = f.string(key, "");
        if (!keys.matches("[0-9*#A-D]+")) {
            problems.error(f.node(key).orElse(null), "'" + key + "' must be phone keys (0-9, *, #), got '" + keys
                    + "'", "quote them: press: \"2\"");
        }
        return keys;
    }
}
