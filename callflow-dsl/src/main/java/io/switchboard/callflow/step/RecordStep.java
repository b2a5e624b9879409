package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;

/**
 * Records a message from the caller (voicemail).
 *
 * @param prompts  played before the beep
 * @param settings beep, lengths and finish keys
 * @param into     the variable that gets the recording's reference ({@code <into>.seconds} its length)
 * @param next     where to go with a message (also after the caller hung up mid-message: the message is kept)
 * @param nothing  where to go when nothing (or less than the minimum length) was recorded
 */
public record RecordStep(String id, SourcePos pos, List<PromptRef> prompts, RecordSettings settings, String into,
        String next, String nothing) implements Step {

    public RecordStep {
        prompts = List.copyOf(prompts);
    }

    @Override
    public List<String> targets() {
        return Steps.targets(next, nothing);
    }
}
