package io.switchboard.ivr.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard's PostgreSQL database: a connection pool, migrated to the current schema when it opens.
 *
 * <p>The password is handed to the pool and nowhere else; {@link #describe(String)} gives a JDBC URL without
 * credentials for logs.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource dataSource;
    private final String description;

    private Database(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Connects to PostgreSQL and migrates the schema.
     *
     * @param jdbcUrl  for example {@code jdbc:postgresql://127.0.0.1:5432/switchboard}
     * @param user     the database user
     * @param password the password; null when the server trusts the user
     * @throws IllegalStateException when the database cannot be reached or migrated (the message says which)
     */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, 10);
    }

    /** As {@link #open(String, String, String)}, with at most {@code poolSize} connections. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + describe(jdbcUrl)
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        String description = describe(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to " + description + " as " + user + ": "
                    + rootMessage(e), e);
        }
        try {
            int applied = migrate(dataSource);
            log.info("Call store on {} ({} migration(s) applied)", description, applied);
            return new Database(dataSource, description);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot migrate " + description + ": " + rootMessage(e), e);
        }
    }

    /** Brings the schema of {@code dataSource} to the current version; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers a validity check within {@code timeout}. */
    public boolean answers(Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The JDBC URL without credentials, for logs and health details. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * A JDBC URL fit for a log: host, port and database only. Query parameters (which may hold a password) are cut.
     */
    public static String describe(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        int at = base.indexOf('@');
        int slashes = base.indexOf("//");
        if (at > 0 && slashes >= 0 && at > slashes) {
            base = base.substring(0, slashes + 2) + base.substring(at + 1);
        }
        return base;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
