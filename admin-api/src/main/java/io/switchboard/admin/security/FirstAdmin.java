package io.switchboard.admin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * The first start's admin: when no user exists, user {@code admin} is created with the password from
 * {@value SecuritySettings#ADMIN_PASSWORD_VARIABLE}, or with a generated one written to an owner-only file whose path
 * (never the password) is logged.
 */
final class FirstAdmin {

    static final String NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final ApiUsers users;
    private final AuditLog audit;
    private final SecuritySettings settings;

    FirstAdmin(ApiUsers users, AuditLog audit, SecuritySettings settings) {
        this.users = users;
        this.audit = audit;
        this.settings = settings;
    }

    /**
     * Creates the admin if there is no user yet.
     *
     * @param password the password from the environment, or null to generate one
     */
    void ensure(String password) {
        if (users.any()) {
            return;
        }
        Path file = null;
        if (password == null || password.isEmpty()) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            file = settings.adminPasswordFile().toAbsolutePath();
            writeOwnerOnly(file, password);
        } else {
            try {
                ApiUsers.requirePassword(password);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(SecuritySettings.ADMIN_PASSWORD_VARIABLE + " is not a usable"
                        + " password: " + e.getMessage());
            }
        }
        String secret = password;
        String how = file == null ? "password from " + SecuritySettings.ADMIN_PASSWORD_VARIABLE
                : "generated password in " + file;
        try {
            audit.inTransaction(() -> {
                users.create(NAME, secret, EnumSet.of(Role.ADMIN));
                audit.record("user.create", NAME, "first admin, " + how);
                return null;
            });
        } catch (DuplicateKeyException e) {
            log.info("Another node created the first admin at the same time; keeping theirs");
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the file holds a password no user has; nothing is lost by leaving it
                }
            }
            return;
        }
        if (file == null) {
            log.info("No users yet: created user '{}' (admin) with the {}", NAME, how);
        } else {
            log.warn("No users yet: created user '{}' (admin) with a generated password, written to {} (readable"
                    + " by its owner only). Log in with it, then change it: PUT /api/users/{}", NAME, file, NAME);
        }
    }

    /** Writes {@code text} to {@code file}, created with mode 0600 and moved into place whole. */
    static void writeOwnerOnly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".admin-password", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, text + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin's password to " + file + ": "
                    + e.getMessage() + "; set " + SecuritySettings.ADMIN_PASSWORD_VARIABLE + " instead", e);
        }
    }
}
