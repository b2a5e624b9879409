package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offers choices by key.
 *
 * @param prompts   the menu prompt
 * @param options   key → step
 * @param timeout   how long to wait for a key after the prompt
 * @param attempts  how many times the caller is asked in all (1 + retries)
 * @param invalid   played after a key that is not an option
 * @param noInput   played when no key came in time
 * @param bargeIn   whether a key stops the prompt
 * @param onFailure where to go when every attempt failed, or null to end the flow
 */
public record MenuStep(String id, SourcePos pos, List<PromptRef> prompts, Map<Character, String> options,
        Duration timeout, int attempts, List<PromptRef> invalid, List<PromptRef> noInput, boolean bargeIn,
        String onFailure) implements Step {

    public MenuStep {
        prompts = List.copyOf(prompts);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        invalid = List.copyOf(invalid);
        noInput = List.copyOf(noInput);
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
