package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * VoiceXML-grade handling of one input event (no input, or no match): a re-prompt per attempt (the last one repeats
 * when attempts outnumber them: tapered prompts) and how many times the event may happen before the step gives up.
 * <pre>
 * noinput: {prompts: [[no-input], [no-input, enter-account]], max: 3}
 * </pre>
 *
 * @param prompts the re-prompts, one list per attempt
 * @param max     how many times the event may happen; the next time the step goes to its failure target
 */
public record Retry(List<List<PromptRef>> prompts, int max) {

    public Retry {
        prompts = prompts.stream().map(List::copyOf).toList();
    }

    /** The re-prompt for the {@code n}-th occurrence (1-based). */
    public List<PromptRef> reprompt(int n) {
        if (prompts.isEmpty()) {
            return List.of();
        }
        return prompts.get(Math.min(n, prompts.size()) - 1);
    }

    static Retry read(Fields owner, String key, Retry fallback, CompileContext ctx) {
        Node node = owner.node(key).orElse(null);
        if (node == null) {
            return fallback;
        }
        Fields f = Fields.of(node, key, ctx.problems());
        int max = f.integer("max", 0, 10).orElse(fallback.max());
        List<List<PromptRef>> prompts = new ArrayList<>();
        Node list = f.node("prompts").orElse(null);
        if (list instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof SequenceNode inner) {
                    List<PromptRef> one = new ArrayList<>();
                    for (Node p : inner.getValue()) {
                        if (p instanceof ScalarNode s && !s.getValue().isBlank()) {
                            Fields.prompt(s, key, ctx.problems()).ifPresent(one::add);
                        } else {
                            ctx.problems().error(p, key + ": prompt names expected", "");
                        }
                    }
                    prompts.add(one);
                } else if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                    Fields.prompt(s, key, ctx.problems()).ifPresent(ref -> prompts.add(List.of(ref)));
                } else {
                    ctx.problems().error(item, key + ": each attempt's re-prompt is a prompt or a list of prompts",
                            "write prompts: [[no-input], [no-input, enter-account]]");
                }
            }
        } else if (list != null) {
            ctx.problems().error(list, key + ": 'prompts' must list one re-prompt per attempt", "");
        }
        f.rejectUnknown();
        return new Retry(prompts, max);
    }
}
