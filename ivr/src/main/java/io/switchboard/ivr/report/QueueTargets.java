package io.switchboard.ivr.report;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.callflow.queue.QueueSettings;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the figures of one queue are measured against, from {@code queues.yaml}: the service-level threshold T and
 * the wrap-up time an answered call adds to the agent's handling time. A queue no longer in the file keeps the
 * defaults (20 s, and the ACD's default wrap-up).
 */
public record QueueTargets(Duration serviceLevel, Duration wrapUp) {

    public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(20);

    /** The targets of {@code queue} in the registry as it is now. */
    public static QueueTargets of(Supplier<QueueRegistry> registry, String queue) {
        return registry.get().queue(queue).map(q -> new QueueTargets(q.serviceLevel(), q.settings().wrapUp()))
                .orElse(new QueueTargets(DEFAULT_SERVICE_LEVEL, QueueSettings.DEFAULTS.wrapUp()));
    }
}
