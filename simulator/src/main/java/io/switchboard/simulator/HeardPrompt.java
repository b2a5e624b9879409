package io.switchboard.simulator;

import java.time.Duration;

/**
 * A prompt the caller heard.
 *
 * @param name        the prompt's name in the library
 * @param offset      when its first frame arrived, from the moment the call was answered
 * @param startNanos  the same moment on the caller's monotonic clock ({@link System#nanoTime()})
 * @param length      how long the whole prompt plays when nothing stops it
 */
public record HeardPrompt(String name, Duration offset, long startNanos, Duration length) {

    /** When the prompt's audio ends if it plays to the end, on the caller's monotonic clock. */
    public long endNanos() {
        return startNanos + length.toNanos();
    }

    @Override
    public String toString() {
        return String.format("%7.2fs  %s", offset.toMillis() / 1000.0, name);
    }
}
