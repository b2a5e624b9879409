package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a recording ended and what it holds.
 *
 * @param ending    what ended it
 * @param length    how much audio was kept: from the first to the last moment of speech (without the dead air
 *                  before it and the silence that ended it)
 * @param recording a reference to the audio that the flow can keep in a variable and hand off (a file path on the
 *                  built-in endpoint); null when no audio was kept at all
 * @param finishKey the key that ended it, or 0
 */
public record RecordOutcome(Ending ending, Duration length, String recording, char finishKey) {

    /** What ended a recording. */
    public enum Ending {
        /** The caller pressed a finish key. */
        FINISH_KEY,
        /** The caller fell silent for the silence time. */
        SILENCE,
        /** The maximum length was reached. */
        MAX_LENGTH,
        /** The caller hung up; what they said so far is kept (voicemail keeps it). */
        HUNG_UP,
        /** The carrier could not record (no media, the file could not be written). */
        FAILED;

        /** The stored code: the name in lower case with dashes ({@code finish-key}). */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public RecordOutcome {
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(length, "length");
    }

    /** Nothing recorded, ended by {@code ending}. */
    public static RecordOutcome nothing(Ending ending) {
        return new RecordOutcome(ending, Duration.ZERO, null, (char) 0);
    }

    /** Whether audio of at least {@code minLength} was kept. */
    public boolean holds(Duration minLength) {
        return recording != null && length.compareTo(minLength) >= 0 && !length.isZero();
    }
}
