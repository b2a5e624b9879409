package io.switchboard.routing.scenario;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import io.switchboard.routing.facts.WaitingCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A rule test file: {@code rules:} the rules directory (relative to the file; default: the directory above it) and
 * {@code scenarios:}, each with agents, calls and expectations (docs/routing-rules.md). Bounded, and every mistake is
 * a {@link ScenarioException} naming the file, the scenario and the field.
 */
public record ScenarioFile(Path file, Path rules, List<Scenario> scenarios) {

    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_SCENARIOS = 1000;
    public static final int MAX_FACTS = 20_000;
    static final Instant DEFAULT_AT = Instant.parse("2026-01-05T10:00:00Z");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m|h)");
    private static final Set<String> TOP = Set.of("rules", "scenarios");
    private static final Set<String> SCENARIO = Set.of("name", "at", "agents", "calls", "after", "expect");
    private static final Set<String> AGENT = Set.of("id", "state", "idle", "skills", "languages", "region",
            "calls-today", "queues");
    private static final Set<String> CALL = Set.of("id", "queue", "waited", "priority", "language", "segment",
            "value", "region", "topic", "callback");
    private static final Set<String> EXPECT = Set.of("call", "agent", "by", "step");

    public ScenarioFile {
        scenarios = List.copyOf(scenarios);
    }

    public static ScenarioFile read(Path file) throws ScenarioException {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(name + ": larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name + ": cannot read: " + e.getMessage());
        }
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(20).setAllowRecursiveKeys(false).setCodePointLimit(MAX_BYTES)
                    .build();
            root = new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new ScenarioException(name + where + ": YAML: " + e.getProblem());
        } catch (YamlEngineException | StackOverflowError e) {
            throw new ScenarioException(name + ": YAML: " + e.getMessage());
        }
        Fields top = Fields.of(root, name, TOP);
        Path parent = file.toAbsolutePath().getParent();
        Path rules = parent.resolve(top.string("rules", "..")).normalize();
        List<Scenario> scenarios = new ArrayList<>();
        List<Object> list = top.list("scenarios", true);
        if (list.size() > MAX_SCENARIOS) {
            throw new ScenarioException(name + ": " + list.size() + " scenarios; at most " + MAX_SCENARIOS);
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Scenario scenario = scenario(Fields.of(list.get(i), name + ": scenarios[" + i + "]", SCENARIO));
            if (!names.add(scenario.name())) {
                throw new ScenarioException(name + ": two scenarios are named '" + scenario.name() + "'");
            }
            scenarios.add(scenario);
        }
        return new ScenarioFile(file, rules, scenarios);
    }

    private static Scenario scenario(Fields f) throws ScenarioException {
        String name = f.string("name", null);
        if (name == null) {
            throw new ScenarioException(f.where() + ": needs a name");
        }
        Fields named = f.renamed(f.where() + " '" + name + "'");
        Instant at = instant(named, named.string("at", DEFAULT_AT.toString()));
        List<Agent> agents = new ArrayList<>();
        List<Object> agentList = named.list("agents", false);
        List<Object> callList = named.list("calls", false);
        if (agentList.size() + callList.size() > MAX_FACTS) {
            throw new ScenarioException(named.where() + ": more than " + MAX_FACTS + " agents and calls");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < agentList.size(); i++) {
            Agent agent = agent(Fields.of(agentList.get(i), named.where() + ": agents[" + i + "]", AGENT), at);
            if (!ids.add("agent " + agent.id())) {
                throw new ScenarioException(named.where() + ": agent " + agent.id() + " is given twice");
            }
            agents.add(agent);
        }
        List<WaitingCall> calls = new ArrayList<>();
        for (int i = 0; i < callList.size(); i++) {
            WaitingCall call = call(Fields.of(callList.get(i), named.where() + ": calls[" + i + "]", CALL), at);
            if (!ids.add("call " + call.id())) {
                throw new ScenarioException(named.where() + ": call " + call.id() + " is given twice");
            }
            calls.add(call);
        }
        Duration after = duration(named, "after", "0s");
        List<Scenario.Expectation> expectations = new ArrayList<>();
        List<Object> expectList = named.list("expect", true);
        for (int i = 0; i < expectList.size(); i++) {
            Fields e = Fields.of(expectList.get(i), named.where() + ": expect[" + i + "]", EXPECT);
            String call = e.required("call");
            if (!ids.contains("call " + call)) {
                throw new ScenarioException(e.where() + ": no call '" + call + "' in this scenario");
            }
            String agent = e.required("agent");
            if (!agent.equals("nobody") && !ids.contains("agent " + agent)) {
                throw new ScenarioException(e.where() + ": no agent '" + agent + "' in this scenario (or 'nobody')");
            }
            expectations.add(new Scenario.Expectation(call, agent.equals("nobody") ? null : agent, e.strings("by"),
                    e.integer("step", 0, 0, 10)));
        }
        return new Scenario(name, at, agents, calls, after, expectations);
    }

    private static Agent agent(Fields f, Instant at) throws ScenarioException {
        String id = f.required("id");
        AgentState state;
        String stateName = f.string("state", "available");
        try {
            state = AgentState.valueOf(stateName.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(f.where() + ": state '" + stateName + "' is not one of available, "
                    + "not-ready, ringing, on-call, wrap-up, logged-out");
        }
        Map<String, Integer> skills = new HashMap<>();
        for (Map.Entry<String, Object> skill : f.map("skills").entrySet()) {
            skills.put(skill.getKey(), Fields.integer(skill.getValue(), f.where() + ": skills." + skill.getKey(), 1, 5));
        }
        Map<String, Integer> queues = new HashMap<>();
        for (Map.Entry<String, Object> queue : f.map("queues").entrySet()) {
            queues.put(queue.getKey(), Fields.integer(queue.getValue(), f.where() + ": queues." + queue.getKey(), 1,
                    99));
        }
        return new Agent(id, state, at.minus(duration(f, "idle", "0s")), skills, Set.copyOf(f.strings("languages")),
                f.string("region", null), f.integer("calls-today", 0, 0, 100_000), queues);
    }

    private static WaitingCall call(Fields f, Instant at) throws ScenarioException {
        WaitingCall call = new WaitingCall(f.required("id"), f.required("queue"), f.integer("priority", 0, 0, 1000),
                at.minus(duration(f, "waited", "0s")), f.string("language", null), f.string("segment", null),
                f.integer("value", 0, 0, Integer.MAX_VALUE), f.string("region", null), f.string("topic", null),
                f.bool("callback"), 1, 1, null);
        return call;
    }

    private static Instant instant(Fields f, String text) throws ScenarioException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(f.where() + ": at: '" + text + "' is not a time like 2026-01-05T10:00:00Z");
        }
    }

    /** A duration like {@code 25s}, {@code 1m30s}, {@code 500ms} or {@code 2h}. */
    static Duration duration(Fields f, String key, String otherwise) throws ScenarioException {
        String text = f.string(key, otherwise).replace(" ", "");
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new ScenarioException(f.where() + ": " + key + ": '" + text + "' is not a duration like 25s or 1m30s");
        }
        return total;
    }
}
