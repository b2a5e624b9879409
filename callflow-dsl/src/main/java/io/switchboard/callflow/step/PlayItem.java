package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.expr.Template;

/** One thing a {@code play} step says: a named prompt, or a value read out with the digit prompts. */
public sealed interface PlayItem {

    /** A recorded prompt. */
    record Recorded(PromptRef prompt) implements PlayItem {}

    /**
     * A value spoken at run time in the caller's language.
     *
     * @param pos where it is written, for run-time errors
     */
    record Spoken(Reading reading, Template value, SourcePos pos) implements PlayItem {}

    /** How a value is read out. */
    enum Reading {
        /** 42 → "forty two"; decimals after "point". */
        NUMBER,
        /** "4711" → "four seven one one". */
        DIGITS,
        /** seconds (or a time such as 2m) → "two minutes". */
        DURATION;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
