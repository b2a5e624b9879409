package io.switchboard.admin.storage;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.store.EmbeddedDatabase;

/**
 * The PostgreSQL the server records calls in: the one at {@code switchboard.db.url}, or, when that is empty, an
 * embedded one it starts itself and stops on {@link #close()}.
 */
public final class CallDatabase implements AutoCloseable {

    private final Database database;
    private final EmbeddedDatabase embedded;

    private CallDatabase(Database database, EmbeddedDatabase embedded) {
        this.database = database;
        this.embedded = embedded;
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

    /** Closes the pool, then stops the embedded server if there is one. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
