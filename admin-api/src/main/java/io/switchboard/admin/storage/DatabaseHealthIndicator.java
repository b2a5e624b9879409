package io.switchboard.admin.storage;

import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.store.Database;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code db}: up while the call database answers, with how the call writer keeps up (writes
 * waiting, writes kept in the spool during an outage, path entries dropped, writes refused) and how often the
 * embedded server was started again.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final CallDatabase callDatabase;
    private final CallWriter writer;

    public DatabaseHealthIndicator(CallDatabase callDatabase, CallWriter writer) {
        this.callDatabase = callDatabase;
        this.writer = writer;
    }

    @Override
    public Health health() {
        Database database = callDatabase.database();
        Health.Builder health = database.answers(TIMEOUT) ? Health.up() : Health.down();
        if (callDatabase.isEmbedded()) {
            health.withDetail("embedded", callDatabase.embeddedDown() ? "starting again" : "running");
        }
        return health.withDetail("database", database.description())
                .withDetail("pendingWrites", writer.pendingWrites())
                .withDetail("spooledWrites", writer.spooledWrites())
                .withDetail("embeddedRestarts", callDatabase.embeddedRestarts())
                .withDetail("droppedPathEntries", writer.droppedPathEntries())
                .withDetail("failedWrites", writer.failedWrites())
                .build();
    }
}
