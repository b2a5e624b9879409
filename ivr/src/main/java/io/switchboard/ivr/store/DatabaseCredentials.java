package io.switchboard.ivr.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The two passwords of the embedded PostgreSQL: the bootstrap superuser's (used only to create and keep up the
 * Switchboard role and database) and the Switchboard role's.
 *
 * <p>With a data directory they are kept in {@code <data dir>.credentials} next to it, readable and writable by its
 * owner only (0600), written once and read on every later start. A password given by the operator
 * ({@code SWITCHBOARD_DB_PASSWORD}) is never written there. {@link #toString()} shows no password.
 *
 * @param superuserPassword the bootstrap superuser's password
 * @param appPassword       the Switchboard role's password
 * @param fresh             whether the superuser password was generated just now (the cluster must learn it)
 */
public record DatabaseCredentials(String superuserPassword, String appPassword, boolean fresh) {

    /** Owner-only permissions of the credentials file. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String SUPERUSER_KEY = "superuser-password";
    private static final String APP_KEY = "switchboard-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the credentials of the cluster in {@code dataDir} are kept. */
    public static Path fileFor(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".credentials");
    }

    /** New passwords held in memory only, for a temporary cluster. */
    public static DatabaseCredentials generated(String appPassword) {
        return new DatabaseCredentials(newPassword(), appPassword == null ? newPassword() : appPassword, true);
    }

    /**
     * Reads the credentials kept for {@code dataDir}, generating (and keeping) what is missing.
     *
     * @param appPassword the operator's password for the Switchboard role; null to use (or generate) the kept one
     */
    public static DatabaseCredentials forDataDir(Path dataDir, String appPassword) {
        Path file = fileFor(dataDir);
        try {
            Properties kept = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    kept.load(reader);
                }
                restrict(file);
            }
            boolean fresh = false;
            boolean changed = false;
            if (blank(kept.getProperty(SUPERUSER_KEY))) {
                kept.setProperty(SUPERUSER_KEY, newPassword());
                fresh = true;
                changed = true;
            }
            if (appPassword == null && blank(kept.getProperty(APP_KEY))) {
                kept.setProperty(APP_KEY, newPassword());
                changed = true;
            }
            if (changed) {
                write(file, kept);
            }
            String app = appPassword != null ? appPassword : kept.getProperty(APP_KEY);
            return new DatabaseCredentials(kept.getProperty(SUPERUSER_KEY), app, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded PostgreSQL passwords in " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[passwords hidden, fresh=" + fresh + "]";
    }

    private static void write(Path file, Properties kept) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix()) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            kept.store(writer, "Embedded PostgreSQL passwords of Switchboard; keep this file owner-only");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** 32 random bytes, URL-safe Base64: nothing that needs quoting in SQL or a shell. */
    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
