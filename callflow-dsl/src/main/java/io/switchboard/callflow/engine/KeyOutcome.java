package io.switchboard.callflow.engine;

/** The result of waiting for the caller's next input: one key, or (where speech is recognised) an utterance. */
public sealed interface KeyOutcome {

    /** The caller pressed {@code key}: one of {@code 0-9 * # A-D}. */
    record Key(char key) implements KeyOutcome {}

    /** The caller said {@code text} (as recognised; only from {@link CallControl#nextInput}). */
    record Speech(String text) implements KeyOutcome {}

    /** No key arrived in time. */
    record Timeout() implements KeyOutcome {}

    /** The call ended while waiting. */
    record HungUp() implements KeyOutcome {}
}
