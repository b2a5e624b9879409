package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What to record of the caller: a voicemail message or a survey comment.
 *
 * @param maxLength  the longest recording; reaching it ends the recording
 * @param silenceEnd this much silence from the caller ends the recording (silence before and after the message
 *                   is not kept)
 * @param finishKeys keys that end the recording (the key is not kept, and is taken from the type-ahead buffer)
 * @param beep       play the {@link #BEEP} prompt first, so the caller knows when to speak
 */
public record RecordRequest(Duration maxLength, Duration silenceEnd, Set<Character> finishKeys, boolean beep) {

    /** The tone played before recording: the bundled {@code beep} prompt. */
    public static final PromptRef BEEP = new PromptRef("beep");

    public RecordRequest {
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(silenceEnd, "silenceEnd");
        if (maxLength.isNegative() || maxLength.isZero() || silenceEnd.isNegative() || silenceEnd.isZero()) {
            throw new IllegalArgumentException("maxLength and silenceEnd must be positive");
        }
        finishKeys = Set.copyOf(finishKeys);
    }
}
