package io.switchboard.ivr.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Switchboard itself, for trying it out on one machine and for tests when no other
 * PostgreSQL is at hand. It listens on 127.0.0.1 only, on a free port, and trusts its one user {@link #user()}.
 *
 * <p>With a data directory the data outlives the process ({@code ./switchboard run} keeps it under
 * {@code ./data/pg}) and the server commits durably; without one it runs in a temporary directory that is removed
 * on {@link #close()}, and trades durability for speed.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts a throw-away server in a temporary directory. */
    public static EmbeddedDatabase startTemporary() {
        return start(null);
    }

    /**
     * Starts the server on {@code dataDir}, creating the database cluster there on first use.
     *
     * @param dataDir where the data lives; null for a temporary directory removed on close
     * @throws IllegalStateException when the server cannot start, for example because another process still holds
     *                               the data directory (the message says what to do)
     */
    public static EmbeddedDatabase start(Path dataDir) {
        long started = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (dataDir != null) {
            Path dir = dataDir.toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the embedded PostgreSQL directory " + dir, e);
            }
            // Kept data must survive a crash: undo the embedded defaults that skip fsync.
            builder.setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDir);
            log.info("Embedded PostgreSQL on 127.0.0.1:{} ({}), started in {} ms", postgres.getPort(),
                    dataDir == null ? "temporary data" : "data in " + dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return database;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(cannotStart(dataDir, e), e);
        }
    }

    /** JDBC URL of the server's {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** JDBC URL of database {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /** The superuser the server trusts without a password. */
    public String user() {
        return USER;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return postgres.getPort();
    }

    /** Stops the server; a temporary data directory is removed. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }

    private static String cannotStart(Path dataDir, Exception e) {
        StringBuilder message = new StringBuilder("cannot start the embedded PostgreSQL");
        if (dataDir != null) {
            message.append(" on ").append(dataDir);
            String holder = runningPostmaster(dataDir);
            if (holder != null) {
                message.append(": PostgreSQL process ").append(holder)
                        .append(" still runs on that directory (left by a Switchboard that was killed?); stop it,"
                                + " or set switchboard.db.embedded-dir to another directory");
                return message.toString();
            }
        }
        return message.append(": ").append(e.getMessage()).toString();
    }

    /** The pid of a live server that holds {@code dataDir}, from its {@code postmaster.pid}; null when none. */
    private static String runningPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return null;
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> Long.toString(pid)).orElse(null);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
