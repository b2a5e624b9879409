package io.switchboard.admin.storage;

import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.store.Database;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code db}: up while the call database answers, with how the call writer keeps up (writes
 * waiting, path entries dropped, writes refused).
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Database database;
    private final CallWriter writer;

    public DatabaseHealthIndicator(Database database, CallWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    @Override
    public Health health() {
        Health.Builder health = database.answers(TIMEOUT) ? Health.up() : Health.down();
        return health.withDetail("database", database.description())
                .withDetail("pendingWrites", writer.pendingWrites())
                .withDetail("droppedPathEntries", writer.droppedPathEntries())
                .withDetail("failedWrites", writer.failedWrites())
                .build();
    }
}
