package io.switchboard.callflow.engine;

/** The result of waiting for one key. */
public sealed interface KeyOutcome {

    /** The caller pressed {@code key}: one of {@code 0-9 * # A-D}. */
    record Key(char key) implements KeyOutcome {}

    /** No key arrived in time. */
    record Timeout() implements KeyOutcome {}

    /** The call ended while waiting. */
    record HungUp() implements KeyOutcome {}
}
