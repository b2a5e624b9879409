package io.switchboard.ivr.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work on PostgreSQL in one transaction: committed as a whole or rolled back, so a change and the rows that record it
 * (an agent's state and its queue-log line, a flow version and its alias) are stored together or not at all. A
 * database failure becomes a {@link CallStoreException} naming {@code what} was being stored.
 */
public final class Transactions {

    /** Work on one connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final String what;

    public Transactions(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    /** Runs {@code work} in a transaction and commits it; rolls back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CallStoreException(what + ": " + e.getMessage(), e);
        }
    }

    /** Runs read-only {@code work} on a connection of its own (auto-commit). */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new CallStoreException(what + ": " + e.getMessage(), e);
        }
    }
}
