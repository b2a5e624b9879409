package io.switchboard.callflow.queue;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.YamlTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The site's queues ({@code queues.yaml}): the names flows may queue callers in, so a misspelt queue is caught
 * before a caller waits in a queue no agent serves.
 * <pre>
 * queues:
 *   support:
 *     description: Technical support, all topics
 *     service-level: 20s     # answered within this counts as served in time (default 20s)
 *   sales: {}
 * </pre>
 * The ACD reads the same file for how it runs each queue ({@link QueueSettings}: hold audio, announcements, limits,
 * ring timeout, wrap-up, call backs); the linter needs only the names.
 */
public record QueueRegistry(Path file, Map<String, Queue> queues) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** One queue: its name, what it is for, its service-level threshold and how the ACD runs it. */
    public record Queue(String name, String description, Duration serviceLevel, QueueSettings settings) {

        /** A queue with every ACD setting at its default. */
        public Queue(String name, String description, Duration serviceLevel) {
            this(name, description, serviceLevel, QueueSettings.DEFAULTS);
        }
    }

    public QueueRegistry {
        queues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    public Optional<Queue> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /** Reads a registry file; every mistake is a {@code file:line:col} diagnostic. */
    public static QueueRegistry read(Path file) throws FlowCompileException {
        return parse(file, io.switchboard.callflow.parse.SourceFile.read(file));
    }

    public static QueueRegistry parse(Path file, String text) throws FlowCompileException {
        Problems problems = new Problems(file.toString());
        Map<String, Queue> queues = new LinkedHashMap<>();
        YamlTree.compose(text, problems).ifPresent(root -> {
            Fields top = Fields.of(root, "the queue registry", problems);
            Node list = top.node("queues").orElse(null);
            if (list instanceof MappingNode m) {
                Fields.of(m, "queues", problems); // duplicate names
                for (NodeTuple t : m.getValue()) {
                    queue(t, problems).ifPresent(q -> queues.putIfAbsent(q.name(), q));
                }
            } else {
                problems.error(list == null ? top.pos() : problems.at(list), "'queues' must map queue names to"
                        + " their settings", "write queues: {support: {description: Technical support}}");
            }
            top.rejectUnknown();
        });
        if (problems.hasErrors()) {
            throw new FlowCompileException(problems.all());
        }
        return new QueueRegistry(file, queues);
    }

    private static Optional<Queue> queue(NodeTuple t, Problems problems) {
        String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
        if (!NAME.matcher(name).matches()) {
            problems.error(t.getKeyNode(), "queue name '" + name + "' may use letters, digits, '-', '_' and '.'", "");
            return Optional.empty();
        }
        String what = "queue '" + name + "'";
        Fields f = Fields.of(t.getValueNode(), what, problems);
        String description = f.optionalString("description").orElse("");
        Duration serviceLevel = f.duration("service-level").orElse(Duration.ofSeconds(20));
        QueueSettings settings = QueueSettings.read(f, what);
        f.rejectUnknown();
        return Optional.of(new Queue(name, description, serviceLevel, settings));
    }
}
