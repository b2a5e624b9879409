package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offers choices by key, or by a spoken phrase where speech is recognised.
 *
 * @param prompts   the menu prompt
 * @param options   key → step
 * @param phrases   key → the phrases that choose it when spoken (lower case; empty for keys only)
 * @param timeout   how long to wait for a key after the prompt
 * @param noInput   re-prompts and limit when no key came in time
 * @param noMatch   re-prompts and limit after a key (or phrase) that is not an option
 * @param bargeIn   whether a key stops the prompt
 * @param onFailure where to go when an event came once more than its limit, or null to end the flow
 */
public record MenuStep(String id, SourcePos pos, List<PromptRef> prompts, Map<Character, String> options,
        Map<Character, List<String>> phrases, Duration timeout, Retry noInput, Retry noMatch, boolean bargeIn,
        String onFailure) implements Step {

    public MenuStep {
        prompts = List.copyOf(prompts);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Map<Character, List<String>> copy = new LinkedHashMap<>();
        phrases.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        phrases = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every prompt the menu can play: its prompt and all re-prompts. */
    public List<PromptRef> allPrompts() {
        List<PromptRef> all = new ArrayList<>(prompts);
        noInput.prompts().forEach(all::addAll);
        noMatch.prompts().forEach(all::addAll);
        return all;
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>(options.values());
        if (onFailure != null) {
            out.add(onFailure);
        }
        return out;
    }
}
