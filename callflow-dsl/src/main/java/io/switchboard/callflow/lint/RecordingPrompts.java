package io.switchboard.callflow.lint;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.callflow.step.RecordSettings;
import io.switchboard.callflow.step.RecordStep;
import io.switchboard.callflow.step.SurveyStep;
import java.util.ArrayList;
import java.util.List;

/** The prompts the recording steps can play, the beep included when they play it. */
final class RecordingPrompts {

    private RecordingPrompts() {}

    static List<PromptRef> of(RecordStep step) {
        List<PromptRef> all = new ArrayList<>(step.prompts());
        beep(step.settings(), all);
        return all;
    }

    static List<PromptRef> of(SurveyStep step) {
        List<PromptRef> all = new ArrayList<>(step.prompts());
        step.noInput().prompts().forEach(all::addAll);
        step.noMatch().prompts().forEach(all::addAll);
        if (step.comment() != null) {
            all.addAll(step.comment().prompts());
            beep(step.comment().settings(), all);
        }
        all.addAll(step.thanks());
        return all;
    }

    private static void beep(RecordSettings settings, List<PromptRef> into) {
        if (settings.beep()) {
            into.add(RecordRequest.BEEP);
        }
    }
}
