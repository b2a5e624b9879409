package io.switchboard.ivr.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A recording made on a call (a voicemail message, a survey comment), as the carrier reports it.
 *
 * @param file      where the audio is (the reference the flow got)
 * @param startedAt when recording started (after the beep)
 * @param length    how much audio was kept
 * @param endedBy   what ended it: {@code finish-key}, {@code silence}, {@code max-length} or {@code hung-up}
 * @param finishKey the key that ended it, or null
 */
public record CallRecording(String file, Instant startedAt, Duration length, String endedBy, String finishKey) {

    public CallRecording {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(endedBy, "endedBy");
    }
}
