package io.switchboard.admin.storage;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.store.EmbeddedDatabase;
import io.switchboard.ivr.store.EmbeddedDatabaseWatchdog;
import java.time.Duration;

/**
 * The PostgreSQL the server records calls in: the one at {@code switchboard.db.url}, or, when that is empty, an
 * embedded one it starts itself, starts again when it dies ({@link EmbeddedDatabaseWatchdog}) and stops on
 * {@link #close()}. An external one is reconnected to by the pool once it answers again.
 */
public final class CallDatabase implements AutoCloseable {

    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final Database database;
    private final EmbeddedDatabase embedded;
    private final EmbeddedDatabaseWatchdog watchdog;

    private CallDatabase(Database database, EmbeddedDatabase embedded) {
        this.database = database;
        this.embedded = embedded;
        this.watchdog = embedded == null ? null : new EmbeddedDatabaseWatchdog(embedded, WATCH_EVERY);
    }

    /**
     * Connects (starting the embedded server first when no URL is set) and migrates the schema.
     *
     * @param password the database password from the environment; null for none (the embedded server then
     *                 generates one and keeps it next to its data directory)
     */
    public static CallDatabase open(SwitchboardProperties.Db config, String password) {
        if (!config.embedded()) {
            return new CallDatabase(Database.open(config.url(), config.user(), password), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.embeddedDir(), password);
        try {
            return new CallDatabase(Database.open(embedded.jdbcUrl(), embedded.user(), embedded.password()),
                    embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    /** Whether the server runs its own PostgreSQL. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Whether the embedded server is known to be down and not yet started again (false for an external one). */
    public boolean embeddedDown() {
        return watchdog != null && watchdog.isDown();
    }

    /** How many times the embedded server was started again after it died (0 for an external one). */
    public long embeddedRestarts() {
        return watchdog == null ? 0 : watchdog.restarts();
    }

    /** Stops watching the embedded server, closes the pool, then stops the embedded server if there is one. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
        try {
            database.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
