package io.switchboard.ivr.handoff;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integrations found down during one pass over the outbox: the rest of their hand-offs in that pass wait for
 * the next attempt at once instead of each spending Camel's redeliveries on a service known to be down.
 */
final class OutagesThisPass {

    private final Map<String, String> down = new ConcurrentHashMap<>();

    void newPass() {
        down.clear();
    }

    void down(String integration, String reason) {
        down.put(integration, reason);
    }

    /** Why {@code integration} was found down in this pass, or null when it was not. */
    String whyDown(String integration) {
        return down.get(integration);
    }
}
