package io.switchboard.callflow.parse;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The keys of one YAML mapping, read with positions: each getter reports a diagnostic at the value (or the mapping)
 * when the value is missing or of the wrong type, and {@link #rejectUnknown()} reports keys nobody asked for.
 */
public final class Fields {

    private final Node node;
    private final String what;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();
    private SourcePos anchor;

    private Fields(Node node, String what, Problems problems) {
        this.node = node;
        this.what = what;
        this.problems = problems;
    }

    /** Reads {@code node} as a mapping; reports a diagnostic and returns an empty reader when it is not one. */
    public static Fields of(Node node, String what, Problems problems) {
        Fields fields = new Fields(node, what, problems);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    problems.error(tuple.getKeyNode(), what + ": keys must be plain names", "");
                    continue;
                }
                if (fields.entries.putIfAbsent(key.getValue(), tuple) != null) {
                    problems.error(key, what + ": duplicate key '" + key.getValue() + "'",
                            "each key may appear once; merge the two entries");
                }
            }
        } else if (node != null) {
            problems.error(node, what + " must be a mapping of keys to values", "");
        }
        return fields;
    }

    public Problems problems() {
        return problems;
    }

    /** Where this mapping is named (its key, when {@link #anchoredAt} was given), else where it starts. */
    public SourcePos pos() {
        return anchor != null ? anchor : problems.at(node);
    }

    /** Reports "required" problems and positions at {@code key}, the name this mapping stands under. */
    public Fields anchoredAt(Node key) {
        this.anchor = problems.at(key);
        return this;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    /** The value node of {@code key}, marking it read. */
    public Optional<Node> node(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        return t == null ? Optional.empty() : Optional.of(t.getValueNode());
    }

    /** The position of {@code key} itself, or of the mapping when absent. */
    public SourcePos keyPos(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? pos() : problems.at(t.getKeyNode());
    }

    public Optional<String> optionalString(String key) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.error(value.get(), what + ": '" + key + "' must be a single value", "");
        return Optional.empty();
    }

    public String string(String key, String hint) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty() && !entries.containsKey(key)) {
            problems.error(pos(), what + ": '" + key + "' is required", hint);
        }
        return value.orElse("");
    }

    public Optional<Duration> duration(String key) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> parsed = value.get() instanceof ScalarNode s ? Timers.parse(s.getValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            problems.error(value.get(), what + ": '" + key + "' is not a duration: " + describe(value.get()),
                    "write a time like 500ms, 5s or 2m");
        } else if (parsed.get().isZero() || parsed.get().compareTo(Timers.MAX) > 0) {
            problems.error(value.get(), what + ": '" + key + "' must be more than 0 and at most "
                    + Timers.format(Timers.MAX) + ", got " + describe(value.get()), "");
            return Optional.empty();
        }
        return parsed;
    }

    public Optional<Integer> integer(String key, int min, int max) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof ScalarNode s) {
            try {
                int v = Integer.parseInt(s.getValue().strip());
                if (v >= min && v <= max) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.error(value.get(), what + ": '" + key + "' must be a whole number from " + min + " to " + max
                + ", got " + describe(value.get()), "");
        return Optional.empty();
    }

    public Optional<Boolean> bool(String key) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get()) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                problems.error(node(key).orElse(node), what + ": '" + key + "' must be true or false, got '"
                        + value.get() + "'", "");
                yield Optional.empty();
            }
        };
    }

    /** A prompt list: a single name or a sequence of names, each a valid prompt name. */
    public List<PromptRef> prompts(String key) {
        List<PromptRef> out = new ArrayList<>();
        for (ScalarNode s : scalars(key, "write [welcome] or [main-menu, digits/1]", "prompt names")) {
            prompt(s, what, problems).ifPresent(out::add);
        }
        return out;
    }

    /** A list of words or phrases (spoken choices, expected transcripts): a single one or a sequence. */
    public List<String> texts(String key) {
        return scalars(key, "write [one] or [one, two]", "words").stream().map(s -> s.getValue().strip()).toList();
    }

    private List<ScalarNode> scalars(String key, String hint, String kind) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        List<ScalarNode> out = new ArrayList<>();
        List<Node> items = value.get() instanceof SequenceNode seq ? seq.getValue() : List.of(value.get());
        for (Node item : items) {
            if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                out.add(s);
            } else {
                problems.error(item, what + ": '" + key + "' must list " + kind + ", got " + describe(item), hint);
            }
        }
        return out;
    }

    /** A prompt name written in {@code item}; a name that is no prompt name (a path, say) is an error. */
    public static Optional<PromptRef> prompt(ScalarNode item, String what, Problems problems) {
        String name = item.getValue().strip();
        if (PromptRef.isValid(name)) {
            return Optional.of(new PromptRef(name));
        }
        problems.error(item, what + ": " + describe(item) + " is not a prompt name", "prompt names are words"
                + " joined by '/', like welcome or digits/7: letters, digits and _ . + -, no leading '.' or '/'");
        return Optional.empty();
    }

    /** Reports every key nobody read. */
    public void rejectUnknown() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                problems.error(e.getValue().getKeyNode(), what + ": unknown key '" + e.getKey() + "'",
                        "known here: " + String.join(", ", read));
            }
        }
    }

    public static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
