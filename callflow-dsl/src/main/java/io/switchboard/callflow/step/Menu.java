package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code menu}: a prompt, then one key (or a spoken phrase) chooses the next step.
 * <pre>
 * main-menu:
 *   menu:
 *     prompt: [main-menu]
 *     options:
 *       "1": sales
 *       "2": {next: support, say: [support, help]}   # phrases a caller may say instead
 *       "0": agent
 *     timeout: 5s            # wait for a key after the prompt; default 5s
 *     noinput: {prompts: [[no-input], [no-input, main-menu-short]], max: 2}
 *     nomatch: {prompts: [[invalid]], max: 2}
 *     barge-in: true         # a key stops the prompt; default true
 *     on-failure: goodbye    # after one event more than its max; without it the flow ends
 * </pre>
 * Short forms: {@code noinput: [no-input]} and {@code invalid: [invalid]} play the same re-prompt every time, and
 * {@code retries: N} sets both maxima (default 2). Keys pressed while the prompt plays count (type-ahead); after a
 * wrong key the buffer is cleared so the caller starts afresh.
 */
public final class Menu implements StepKind<MenuStep> {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 2;
    private static final String KEYS = "0123456789*#";

    @Override
    public String name() {
        return "menu";
    }

    @Override
    public Class<MenuStep> type() {
        return MenuStep.class;
    }

    @Override
    public MenuStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("menu");
        String what = "step '" + id + "' menu";
        Fields menu = Fields.of(value, what, ctx.problems());
        List<PromptRef> prompts = menu.prompts("prompt");
        if (prompts.isEmpty()) {
            ctx.problems().error(menu.keyPos("prompt"), what + ": 'prompt' is required", "write prompt: [main-menu]");
        }
        Map<Character, String> options = new LinkedHashMap<>();
        Map<Character, List<String>> phrases = new LinkedHashMap<>();
        options(what, menu, ctx, options, phrases);
        Duration timeout = menu.duration("timeout").orElse(DEFAULT_TIMEOUT);
        int retries = menu.integer("retries", 0, 10).orElse(DEFAULT_RETRIES);
        Retry noInput = retry(what, menu, "noinput", null, retries, ctx);
        Retry noMatch = retry(what, menu, "nomatch", "invalid", retries, ctx);
        boolean bargeIn = menu.bool("barge-in").orElse(true);
        String onFailure = Steps.optional(menu, "on-failure", ctx);
        menu.rejectUnknown();
        return new MenuStep(id, step.pos(), prompts, options, phrases, timeout, noInput, noMatch, bargeIn, onFailure);
    }

    /**
     * One event's handling: the mapping form ({@code {prompts: [[…], …], max: N}}), or the short form (a prompt list
     * played every time, under {@code key} or its older name {@code alias}) with {@code retries} as the max.
     */
    private static Retry retry(String what, Fields menu, String key, String alias, int retries, CompileContext ctx) {
        Optional<Node> full = menu.node(key);
        Optional<Node> old = alias == null ? Optional.empty() : menu.node(alias);
        if (full.isPresent() && old.isPresent()) {
            ctx.problems().error(old.get(), what + ": '" + alias + "' and '" + key + "' both say what to play after"
                    + " a wrong key", "keep " + key + ": {prompts: [[invalid]], max: 2}");
        }
        if (full.isPresent() && full.get() instanceof MappingNode) {
            if (menu.node("retries").isPresent()) {
                Fields f = Fields.of(full.get(), key, ctx.problems());
                if (f.node("max").isPresent()) {
                    ctx.problems().error(menu.keyPos("retries"), what + ": 'retries' and " + key + " 'max' both"
                            + " limit the " + key + " attempts", "keep one: max inside " + key);
                }
            }
            return Retry.read(menu, key, new Retry(List.of(), retries), ctx);
        }
        Optional<String> shortKey = full.isPresent() ? Optional.of(key) : old.map(n -> alias);
        List<PromptRef> every = shortKey.map(menu::prompts).orElse(List.of());
        return new Retry(every.isEmpty() ? List.of() : List.of(every), retries);
    }

    private static void options(String what, Fields menu, CompileContext ctx, Map<Character, String> options,
            Map<Character, List<String>> phrases) {
        Node node = menu.node("options").orElse(null);
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            ctx.problems().error(node == null ? null : node, what + ": 'options' must map keys to steps",
                    "write options: {\"1\": sales, \"2\": support}");
            return;
        }
        Map<String, Character> spoken = new HashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (key.length() != 1 || KEYS.indexOf(key.charAt(0)) < 0) {
                ctx.problems().error(t.getKeyNode(), what + ": '" + key + "' is not a phone key",
                        "use one of 0-9, * or #");
                continue;
            }
            char k = key.charAt(0);
            Node target = t.getValueNode();
            List<String> says = List.of();
            if (target instanceof MappingNode m) {
                Fields option = Fields.of(m, what + " option " + key, ctx.problems());
                target = option.node("next").orElse(null);
                if (target == null) {
                    ctx.problems().error(m, what + ": option " + key + " needs next:",
                            "write \"" + key + "\": {next: sales, say: [sales]}");
                    continue;
                }
                says = phrases(what, key, option, spoken, k, ctx);
                option.rejectUnknown();
            }
            if (!(target instanceof ScalarNode step) || step.getValue().isBlank()) {
                ctx.problems().error(target, what + ": key " + key + " must name a step", "");
                continue;
            }
            if (options.put(k, ctx.refer(step.getValue().strip(), step)) != null) {
                ctx.problems().error(t.getKeyNode(), what + ": key " + key + " is listed twice", "");
            }
            if (!says.isEmpty()) {
                phrases.put(k, says);
            }
        }
    }

    private static List<String> phrases(String what, String key, Fields option, Map<String, Character> spoken,
            char k, CompileContext ctx) {
        List<String> says = new ArrayList<>();
        for (String said : option.texts("say")) {
            String phrase = normalise(said);
            Character other = spoken.putIfAbsent(phrase, k);
            if (phrase.isEmpty()) {
                ctx.problems().error(option.node("say").orElseThrow(), what + ": option " + key + " has an empty"
                        + " phrase", "");
            } else if (other != null) {
                ctx.problems().error(option.node("say").orElseThrow(), what + ": the phrase '" + phrase + "' is"
                        + " listed for key " + other + " and key " + key, "give each phrase to one option");
            } else {
                says.add(phrase);
            }
        }
        return says;
    }

    /** Lower case, words separated by single spaces, no punctuation. */
    static String normalise(String text) {
        return String.join(" ", text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip()
                .split(" +"));
    }

    /** The variable holding the caller's choices so far. */
    public static final String MENU_PATH = "menu.path";
    static final int MAX_MENU_PATH = 200;

    @Override
    public Next execute(MenuStep step, Execution run) {
        var call = run.call();
        Set<String> vocabulary = new LinkedHashSet<>();
        step.phrases().values().forEach(vocabulary::addAll);
        AskAgain.Result<String> result = AskAgain.ask(call, step.prompts(), step.bargeIn(), step.noInput(),
                step.noMatch(), () -> switch (vocabulary.isEmpty() ? call.nextKey(step.timeout())
                        : call.nextInput(step.timeout(), vocabulary)) {
                    case KeyOutcome.HungUp h -> new AskAgain.Heard.HungUp<>();
                    case KeyOutcome.Timeout t -> new AskAgain.Heard.NoInput<>();
                    case KeyOutcome.Key k -> choice(step.options().get(k.key()));
                    case KeyOutcome.Speech s -> choice(chosen(step, s.text()));
                });
        return switch (result) {
            case AskAgain.Result.Answered<String> a -> {
                chose(run, step, a.value());
                yield Next.go(a.value());
            }
            case AskAgain.Result.GaveUp<String> g -> Steps.then(step.onFailure());
            case AskAgain.Result.HungUp<String> h -> Next.CALLER_HUNG_UP;
        };
    }

    /**
     * Adds {@code <menu step>:<key>} to {@code ${menu.path}}, the caller's way through the menus (e.g.
     * {@code main-menu:2 support-menu:1}), which a queue step passes to the agent; bounded, the oldest choices go.
     */
    private static void chose(Execution run, MenuStep step, String target) {
        char key = step.options().entrySet().stream().filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey)
                .findFirst().orElse('?');
        Object before = run.variable(MENU_PATH);
        String path = (before == null || before.toString().isEmpty() ? "" : before + " ") + step.id() + ":" + key;
        if (path.length() > MAX_MENU_PATH) {
            path = path.substring(path.indexOf(' ', path.length() - MAX_MENU_PATH) + 1);
        }
        run.setVariable(MENU_PATH, path);
    }

    private static AskAgain.Heard<String> choice(String target) {
        return target == null ? new AskAgain.Heard.NoMatch<>() : new AskAgain.Heard.Valid<>(target);
    }

    /** The first option (in file order) one of whose phrases occurs, as whole words, in what the caller said. */
    static String chosen(MenuStep step, String said) {
        String heard = " " + normalise(said) + " ";
        for (Map.Entry<Character, List<String>> e : step.phrases().entrySet()) {
            for (String phrase : e.getValue()) {
                if (heard.contains(" " + phrase + " ")) {
                    return step.options().get(e.getKey());
                }
            }
        }
        return null;
    }
}
