package io.switchboard.ivr.testing;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.store.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real, empty PostgreSQL database for one test class.
 *
 * <p>All test classes of a JVM share one server, started on first use and stopped when the JVM exits; each
 * {@link #create(Class)} makes a new database on it ({@code CREATE DATABASE} with a unique name), so test classes
 * never see each other's rows. The server is, in this order of preference:
 * <ol>
 *   <li>the one at {@code SWITCHBOARD_TEST_DB_URL} (with {@code SWITCHBOARD_TEST_DB_USER}, default
 *       {@code postgres}, and {@code SWITCHBOARD_TEST_DB_PASSWORD}); the user must be allowed to create databases,
 *       and the databases made here are dropped when the JVM exits;</li>
 *   <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL ({@link EmbeddedDatabase}) in a temporary directory, locked down as the server
 *       runs it: each database is created by the bootstrap superuser and owned by the password-protected,
 *       non-superuser role {@code switchboard} the tests then connect as.</li>
 * </ol>
 *
 * <pre>{@code
 * static final TestDatabase DB = TestDatabase.create(CallStoreIT.class);
 * Database database = DB.open();   // migrated
 * }</pre>
 */
public final class TestDatabase {

    private static final String POSTGRES_IMAGE = "postgres:17-alpine";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static Server server;

    private final String name;
    private final String jdbcUrl;
    private final Server on;

    private TestDatabase(String name, String jdbcUrl, Server on) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.on = on;
    }

    /** A new, empty database for {@code testClass} (no schema: {@link #open()} migrates it). */
    public static TestDatabase create(Class<?> testClass) {
        Server shared = server();
        String name = databaseName(testClass.getSimpleName());
        shared.createDatabase(name);
        CREATED.add(name);
        return new TestDatabase(name, withDatabase(shared.jdbcUrl(), name), shared);
    }

    /** Connects to this database and migrates it to the current schema. Close it when done. */
    public Database open() {
        return Database.open(jdbcUrl, user(), password(), 5);
    }

    /** JDBC URL of this database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return on.user();
    }

    /** The password, or null when the server trusts the user. */
    public String password() {
        return on.password();
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /**
     * Runs {@code sql} on the server's administrative database as an administrator (for example to cut access):
     * the test user on an external or Testcontainers server, the bootstrap superuser on the embedded one.
     */
    public void executeOnServer(String sql) {
        on.execute(sql);
    }

    /**
     * Makes this database refuse new connections and ends the open ones, as an outage would look to the server
     * ({@link #allowConnections()} ends it).
     */
    public void refuseConnections() {
        executeOnServer("alter database " + name + " allow_connections false");
        executeOnServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
    }

    /** Lets this database take connections again. */
    public void allowConnections() {
        executeOnServer("alter database " + name + " allow_connections true");
    }

    /** Which server the tests of this JVM use, for messages. */
    public static String serverDescription() {
        return server().kind() + " " + Database.describe(server().jdbcUrl());
    }

    private static synchronized Server server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    private static Server startServer() {
        String url = System.getenv("SWITCHBOARD_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_DB_USER", "postgres");
            Server external = new Server("external", url, user, System.getenv("SWITCHBOARD_TEST_DB_PASSWORD"), null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(external), "test-db-cleanup"));
            return external;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(afterServers(container::stop), "test-db-stop"));
            return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword(), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(afterServers(embedded::close), "test-db-stop"));
        return new Server("embedded", embedded.jdbcUrl(), embedded.user(), embedded.password(), embedded);
    }

    /**
     * {@code stop}, once the test servers Spring keeps for the JVM's whole run have closed (its shutdown hook runs
     * at the same time as this one): a server whose database is already gone waits seconds for each connection pool
     * to give up, and dozens of them made surefire kill the test JVM after 30 s.
     */
    private static Runnable afterServers(Runnable stop) {
        return () -> {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            long lookFor = System.nanoTime() + java.time.Duration.ofMillis(200).toNanos();
            Thread spring = null;
            while (spring == null && System.nanoTime() < lookFor) {
                spring = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("SpringApplicationShutdownHook")).findFirst().orElse(null);
                if (spring == null) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                }
            }
            if (spring != null) {
                try {
                    spring.join(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stop.run();
        };
    }

    private static void dropCreated(Server external) {
        for (String name : CREATED) {
            try {
                external.execute("drop database if exists " + name + " with (force)");
            } catch (RuntimeException e) {
                System.err.println("TestDatabase: could not drop " + name + ": " + e.getMessage());
            }
        }
    }

    /** {@code t_<class>_<run>_<n>}: lower case, at most 63 characters, unique across runs on a shared server. */
    static String databaseName(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return "t_" + base + "_" + RUN + "_" + COUNTER.incrementAndGet();
    }

    /** {@code jdbcUrl} with its database replaced by {@code database}; query parameters are kept. */
    static String withDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("expected a jdbc:postgresql://host[:port]/database URL, got "
                    + Database.describe(jdbcUrl));
        }
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', prefix.length());
        String hosts = slash < 0 ? base : base.substring(0, slash);
        return hosts + "/" + database + params;
    }

    /** @param embedded the embedded server, null for the others */
    private record Server(String kind, String jdbcUrl, String user, String password, EmbeddedDatabase embedded) {

        void createDatabase(String name) {
            if (embedded != null) {
                embedded.createDatabase(name);
            } else {
                execute("create database " + name);
            }
        }

        void execute(String sql) {
            if (embedded != null) {
                embedded.executeAsSuperuser("postgres", sql);
                return;
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("test database server (" + kind + "): " + sql + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return kind + " " + Database.describe(jdbcUrl);
        }
    }
}
