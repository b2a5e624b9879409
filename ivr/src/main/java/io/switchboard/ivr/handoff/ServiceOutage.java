package io.switchboard.ivr.handoff;

/**
 * The service could not be reached or failed (connection refused, timeout, 5xx, 408, 429): the hand-off is tried
 * again later.
 */
public final class ServiceOutage extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceOutage(String message) {
        super(message);
    }

    public ServiceOutage(String message, Throwable cause) {
        super(message, cause);
    }
}
