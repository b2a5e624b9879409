package io.switchboard.ivr.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Switchboard itself, for trying it out on one machine and for tests when no other
 * PostgreSQL is at hand.
 *
 * <p>Locked down: it listens on 127.0.0.1 only (no local socket), every connection needs a scram-sha-256 password
 * ({@link ClusterLockdown}), and Switchboard connects as {@link #user()}, a role that owns only its database and is
 * not a superuser ({@link SwitchboardRole}). The bootstrap superuser's password is generated and used only to set
 * that role up. Passwords are kept in {@link DatabaseCredentials#fileFor(Path)} (owner-only) and never logged.
 *
 * <p>With a data directory the data outlives the process ({@code ./switchboard run} keeps it under
 * {@code ./data/pg}) and the server commits durably; a server left running there by a Switchboard that was killed
 * is stopped first ({@link Postmaster}). Without one it runs in a temporary directory that is removed on
 * {@link #close()}, and trades durability for speed. {@link #restart()} brings a server that died back on the same
 * directory and port.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(5);

    private final Path dataDir;
    private final boolean temporary;
    private final DatabaseCredentials credentials;
    private final Path workingDir;
    private EmbeddedPostgres postgres;
    private FileChannel ownership;
    private boolean newSuperuserPassword;
    private int port;

    private EmbeddedDatabase(Path dataDir, boolean temporary, DatabaseCredentials credentials) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.credentials = credentials;
        this.newSuperuserPassword = credentials.fresh();
        this.workingDir = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    /** Starts a throw-away server in a temporary directory, with passwords held in memory only. */
    public static EmbeddedDatabase startTemporary() {
        Path dir;
        try {
            dir = Files.createTempDirectory("switchboard-pg");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for PostgreSQL", e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(dir, true, DatabaseCredentials.generated(null));
        database.startServer();
        return database;
    }

    /** As {@link #start(Path, String)} with the kept (or a generated) password. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, null);
    }

    /**
     * Starts the server on {@code dataDir}, creating the database cluster there on first use and locking down one
     * made by an earlier version.
     *
     * @param appPassword the password of the Switchboard role ({@code SWITCHBOARD_DB_PASSWORD}); null to generate
     *                    one once and keep it next to the data directory
     * @throws IllegalStateException when the server cannot start (the message says why)
     */
    public static EmbeddedDatabase start(Path dataDir, String appPassword) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded PostgreSQL directory " + dir, e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(dir, false,
                DatabaseCredentials.forDataDir(dir, appPassword));
        database.takeOwnership();
        long stopping = System.nanoTime();
        Postmaster.stopLeftover(dir, LEFTOVER_PATIENCE).ifPresent(pid -> log.warn(
                "Stopped PostgreSQL process {} left running on {} by a Switchboard that ended without stopping it"
                        + " ({} ms)", pid, dir, (System.nanoTime() - stopping) / 1_000_000));
        database.startServer();
        return database;
    }

    /** JDBC URL of Switchboard's database. */
    public String jdbcUrl() {
        return jdbcUrl(SwitchboardRole.DATABASE);
    }

    /** JDBC URL of database {@code database} on this server. */
    public String jdbcUrl(String database) {
        return serverUrl() + database;
    }

    /** The role Switchboard connects as: owns its database, not a superuser. */
    public String user() {
        return SwitchboardRole.NAME;
    }

    /** That role's password (to hand to the connection pool, never to a log). */
    public String password() {
        return credentials.appPassword();
    }

    /** The TCP port on 127.0.0.1; the same after {@link #restart()}. */
    public synchronized int port() {
        return port;
    }

    /** Where the data lives. */
    public Path dataDir() {
        return dataDir;
    }

    /** The running server process, if it runs. */
    public Optional<Postmaster> postmaster() {
        return Postmaster.of(dataDir);
    }

    /** Whether the server process runs. */
    public boolean isRunning() {
        return postmaster().isPresent();
    }

    /** Creates an empty database {@code name} owned by {@link #user()} (tests make one per test class). */
    public void createDatabase(String name) {
        try {
            role().createDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} as the bootstrap superuser on {@code database}: for tests and administration only. */
    public void executeAsSuperuser(String database, String sql) {
        try {
            role().execute(database, sql);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the server again on the same directory and port after it died (a crash, or {@code kill -9}).
     *
     * @throws IllegalStateException when it cannot start (yet); try again later
     */
    public synchronized void restart() {
        closeServer();
        Postmaster.stopLeftover(dataDir, LEFTOVER_PATIENCE);
        startServer();
    }

    /** Stops the server; a temporary data directory is removed. */
    @Override
    public synchronized void close() {
        closeServer();
        if (ownership != null) {
            try {
                ownership.close();
            } catch (IOException e) {
                log.debug("cannot release {}: {}", dataDir, e.getMessage());
            }
        }
        if (temporary) {
            deleteTree(dataDir);
        }
    }

    /**
     * Locks {@code <data dir>.lock} for the life of this process, so that a server found running on the directory
     * can only be a leftover of a Switchboard that is gone (the operating system releases the lock of a killed
     * process), never the server of a Switchboard that still runs.
     */
    private void takeOwnership() {
        Path lock = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean locked;
            try {
                locked = channel.tryLock() != null;
            } catch (OverlappingFileLockException e) {
                locked = false;
            }
            if (!locked) {
                channel.close();
                throw new IllegalStateException("another Switchboard uses the embedded PostgreSQL directory "
                        + dataDir + "; stop it, or set switchboard.db.embedded-dir to another directory");
            }
            ownership = channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lock, e);
        }
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(workingDir.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", credentials.superuserPassword())
                .setDataDirectoryCustomizer(dir -> ClusterLockdown.apply(dir.toPath(),
                        ClusterLockdown.binaries(workingDir), credentials, newSuperuserPassword));
        if (!temporary) {
            // Kept data must survive a crash: undo the embedded defaults that skip fsync.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (port != 0) {
            builder.setPort(port);
        }
        try {
            // zonky locks epg-lock inside the directory and keeps that lock when its start fails half-way; a new
            // file is a new lock. Our own lock (takeOwnership) is what keeps other processes out.
            Files.deleteIfExists(dataDir.resolve("epg-lock"));
            postgres = builder.start();
            port = postgres.getPort();
            newSuperuserPassword = false;
            role().ensure(credentials.appPassword());
            log.info("Embedded PostgreSQL on 127.0.0.1:{} ({}), password required, started in {} ms", port,
                    temporary ? "temporary data" : "data in " + dataDir, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | SQLException | RuntimeException e) {
            closeServer();
            throw new IllegalStateException("cannot start the embedded PostgreSQL on " + dataDir + ": "
                    + rootMessage(e), e);
        }
    }

    private void closeServer() {
        if (postgres == null) {
            return;
        }
        if (!isRunning()) {
            // nothing to stop: zonky's close would run pg_ctl stop and log its failure as an error
            postgres = null;
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            postgres = null;
        }
    }

    private SwitchboardRole role() {
        return new SwitchboardRole(serverUrl(), credentials.superuserPassword());
    }

    private synchronized String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
