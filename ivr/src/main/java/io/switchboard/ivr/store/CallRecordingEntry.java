package io.switchboard.ivr.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A recording stored with its call (table {@code call_recordings}).
 *
 * @param seq       the n-th recording of the call, from 1
 * @param file      where the audio is
 * @param startedAt when recording started
 * @param length    how much audio was kept
 * @param endedBy   {@code finish-key}, {@code silence}, {@code max-length} or {@code hung-up}
 * @param finishKey the key that ended it, or null
 */
public record CallRecordingEntry(int seq, String file, Instant startedAt, Duration length, String endedBy,
        String finishKey) {

    public CallRecordingEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(endedBy, "endedBy");
    }
}
