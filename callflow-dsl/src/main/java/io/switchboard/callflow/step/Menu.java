package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code menu}: a prompt, then one key chooses the next step.
 * <pre>
 * main-menu:
 *   menu:
 *     prompt: [main-menu]
 *     options: {"1": sales, "2": support, "0": agent}
 *     timeout: 5s            # wait for a key after the prompt; default 5s
 *     retries: 2             # asked again after a wrong or missing key; default 2
 *     invalid: [invalid]     # after a key that is not an option
 *     noinput: [no-input]    # after silence
 *     barge-in: true         # a key stops the prompt; default true
 *     on-failure: goodbye    # after the last failed attempt; without it the flow ends
 * </pre>
 * Keys pressed while the prompt plays count (type-ahead); after a wrong key the buffer is cleared so the caller
 * starts afresh.
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
        Map<Character, String> options = options(what, menu, ctx);
        Duration timeout = menu.duration("timeout").orElse(DEFAULT_TIMEOUT);
        int retries = menu.integer("retries", 0, 10).orElse(DEFAULT_RETRIES);
        List<PromptRef> invalid = menu.prompts("invalid");
        List<PromptRef> noInput = menu.prompts("noinput");
        boolean bargeIn = menu.bool("barge-in").orElse(true);
        String onFailure = menu.optionalString("on-failure")
                .map(t -> ctx.refer(t, menu.node("on-failure").orElseThrow())).orElse(null);
        menu.rejectUnknown();
        return new MenuStep(id, step.pos(), prompts, options, timeout, retries + 1, invalid, noInput, bargeIn,
                onFailure);
    }

    private static Map<Character, String> options(String what, Fields menu, CompileContext ctx) {
        Map<Character, String> options = new LinkedHashMap<>();
        Node node = menu.node("options").orElse(null);
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            ctx.problems().error(node == null ? null : node, what + ": 'options' must map keys to steps",
                    "write options: {\"1\": sales, \"2\": support}");
            return options;
        }
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (key.length() != 1 || KEYS.indexOf(key.charAt(0)) < 0) {
                ctx.problems().error(t.getKeyNode(), what + ": '" + key + "' is not a phone key",
                        "use one of 0-9, * or #");
                continue;
            }
            if (!(t.getValueNode() instanceof ScalarNode target) || target.getValue().isBlank()) {
                ctx.problems().error(t.getValueNode(), what + ": key " + key + " must name a step", "");
                continue;
            }
            if (options.put(key.charAt(0), ctx.refer(target.getValue().strip(), target)) != null) {
                ctx.problems().error(t.getKeyNode(), what + ": key " + key + " is listed twice", "");
            }
        }
        return options;
    }

    @Override
    public Next execute(MenuStep step, Execution run) {
        var call = run.call();
        for (int attempt = 1; attempt <= step.attempts(); attempt++) {
            if (call.play(step.prompts(), step.bargeIn()) == PlayOutcome.HUNG_UP) {
                return Next.CALLER_HUNG_UP;
            }
            KeyOutcome key = call.nextKey(step.timeout());
            List<PromptRef> reprompt;
            switch (key) {
                case KeyOutcome.HungUp h -> {
                    return Next.CALLER_HUNG_UP;
                }
                case KeyOutcome.Key k -> {
                    String target = step.options().get(k.key());
                    if (target != null) {
                        return Next.go(target);
                    }
                    call.clearKeys();
                    reprompt = step.invalid();
                }
                case KeyOutcome.Timeout t -> reprompt = step.noInput();
            }
            if (!reprompt.isEmpty() && call.play(reprompt, false) == PlayOutcome.HUNG_UP) {
                return Next.CALLER_HUNG_UP;
            }
        }
        return Steps.then(step.onFailure());
    }
}
