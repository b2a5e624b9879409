package io.switchboard.ivr.handoff;

/**
 * The service answered that this hand-off is wrong (a 4xx other than 408/429: bad field, unknown group, bad
 * credentials): trying again unchanged cannot help, so it goes to the dead letters with this message.
 */
public final class ServiceRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceRefusal(String message) {
        super(message);
    }
}
