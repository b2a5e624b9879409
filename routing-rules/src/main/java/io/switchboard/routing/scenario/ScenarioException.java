package io.switchboard.routing.scenario;

/** A rule test file that cannot be read as written; the message says where and what to change. */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
