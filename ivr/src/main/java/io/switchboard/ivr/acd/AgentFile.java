package io.switchboard.ivr.acd;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.SourceFile;
import io.switchboard.callflow.parse.YamlTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The one reader of {@code agents.yaml}; every mistake is a {@code file:line:col} diagnostic and a file with any
 * mistake is refused as a whole.
 * <pre>
 * not-ready-reasons: [break, lunch, training, missed, meeting]   # optional; missed is always added
 * agents:
 *   "1001":                              # the id, also the SIP user name of the agent's phone
 *     name: Alice Moreau
 *     password: change-me-1001           # 8-128 characters; hashed on load, never stored plain
 *     queues: {support-internet: 1, general: 2}   # queue: priority, 1 = served first
 *     skills: {internet: 5, english: 4}          # proficiency 1-5
 *     languages: [en, fr]
 *     region: north                              # optional, for the routing rules
 * </pre>
 */
public final class AgentFile {

    /** Agents one file may define. */
    public static final int MAX_AGENTS = 10_000;

    private AgentFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @param knownQueues the queues of {@code queues.yaml}: an agent serving another is a mistake
     * @param hasher      turns an id and a password into the kept secret
     */
    public static AgentRoster read(Path file, Set<String> knownQueues,
            BiFunction<String, String, AgentSecret> hasher) throws FlowCompileException {
        return parse(file, SourceFile.read(file), knownQueues, hasher);
    }

    public static AgentRoster parse(Path file, String text, Set<String> knownQueues,
            BiFunction<String, String, AgentSecret> hasher) throws FlowCompileException {
        Problems problems = new Problems(file.toString());
        List<AgentDefinition> agents = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        YamlTree.compose(text, problems).ifPresent(root -> {
            Fields top = Fields.of(root, "the agents file", problems);
            List<String> listed = top.texts("not-ready-reasons");
            for (String reason : listed) {
                if (!AgentDefinition.WORD.matcher(reason).matches()) {
                    problems.error(top.keyPos("not-ready-reasons"), "not-ready reason '" + reason + "' must be one"
                            + " word", "");
                }
            }
            reasons.addAll(listed.isEmpty() ? AgentRoster.DEFAULT_REASONS : listed);
            reasons.add(AgentRoster.MISSED);
            Node list = top.node("agents").orElse(null);
            if (list instanceof MappingNode m) {
                Fields.of(m, "agents", problems); // duplicate ids
                if (m.getValue().size() > MAX_AGENTS) {
                    problems.error(m, "at most " + MAX_AGENTS + " agents per file", "");
                }
                Set<String> seen = new LinkedHashSet<>();
                for (NodeTuple t : m.getValue()) {
                    AgentDefinition agent = agent(t, problems, knownQueues, hasher);
                    if (agent != null && seen.add(agent.id())) {
                        agents.add(agent);
                    }
                }
            } else {
                problems.error(list == null ? top.pos() : problems.at(list), "'agents' must map agent ids to their"
                        + " settings", "write agents: {\"1001\": {name: Alice, password: ..., queues: {support: 1}}}");
            }
            top.rejectUnknown();
        });
        if (problems.hasErrors()) {
            throw new FlowCompileException(problems.all());
        }
        return new AgentRoster(agents, List.copyOf(reasons));
    }

    private static AgentDefinition agent(NodeTuple t, Problems problems, Set<String> knownQueues,
            BiFunction<String, String, AgentSecret> hasher) {
        String id = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
        if (!AgentDefinition.ID.matcher(id).matches()) {
            problems.error(t.getKeyNode(), "agent id '" + id + "' must be 1 to 32 letters or digits", "");
            return null;
        }
        String what = "agent '" + id + "'";
        int errors = problems.all().size();
        Fields f = Fields.of(t.getValueNode(), what, problems).anchoredAt(t.getKeyNode());
        String name = f.string("name", "write name: Alice Moreau");
        String password = f.string("password", "write password: with 8 to 128 characters");
        if (f.has("password") && (password.length() < AgentSecret.MIN_PASSWORD
                || password.length() > AgentSecret.MAX_PASSWORD)) {
            problems.error(f.node("password").orElseThrow(), what + ": the password must be "
                    + AgentSecret.MIN_PASSWORD + " to " + AgentSecret.MAX_PASSWORD + " characters", "");
        }
        Map<String, Integer> queues = levels(f, "queues", what, 1, 99, problems);
        queues.keySet().stream().filter(q -> !knownQueues.contains(q)).forEach(q -> problems.error(
                f.node("queues").orElseThrow(), what + ": queue '" + q + "' is not in queues.yaml",
                "queues there: " + String.join(", ", new java.util.TreeSet<>(knownQueues))));
        Map<String, Integer> skills = levels(f, "skills", what, 1, 5, problems);
        List<String> languages = f.texts("languages");
        String region = f.optionalString("region").orElse("");
        f.rejectUnknown();
        // a missing name is reported as required above; an empty or overlong one here
        List<String> wrong = AgentDefinition.problems(id, f.has("name") ? name : "?", queues, skills, languages);
        wrong.forEach(w -> problems.error(f.pos(), what + ": " + w, ""));
        if (AgentDefinition.regionProblem(region) != null) {
            problems.error(f.node("region").orElseThrow(), what + ": " + AgentDefinition.regionProblem(region), "");
        }
        if (problems.all().size() > errors) {
            return null;
        }
        return new AgentDefinition(id, name, hasher.apply(id, password), queues, skills, languages, region);
    }

    /** {@code queues: {support: 1}} or {@code skills: {billing: 4}}: names with whole numbers in a range. */
    private static Map<String, Integer> levels(Fields f, String key, String what, int min, int max,
            Problems problems) {
        Map<String, Integer> out = new LinkedHashMap<>();
        f.node(key).ifPresent(n -> {
            if (!(n instanceof MappingNode m)) {
                problems.error(n, what + ": '" + key + "' must map names to numbers from " + min + " to " + max, "");
                return;
            }
            Fields.of(m, what + " " + key, problems); // duplicate names
            for (NodeTuple t : m.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                Integer level = t.getValueNode() instanceof ScalarNode v && v.getValue().strip().matches("\\d{1,2}")
                        ? Integer.valueOf(v.getValue().strip()) : null;
                if (!AgentDefinition.WORD.matcher(name).matches() || level == null || level < min || level > max) {
                    problems.error(t.getValueNode(), what + ": " + key + " '" + name + "' needs a number from " + min
                            + " to " + max, "");
                } else {
                    out.put(name, level);
                }
            }
        });
        return out;
    }
}
