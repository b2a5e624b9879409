package io.switchboard.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens ({@code api_tokens}) for programs: {@code Authorization: Bearer sbt_…}. A token is 256 random bits,
 * shown once when it is issued; only its SHA-256 is stored (a hash of that much randomness cannot be guessed back,
 * so a slow password hash adds nothing and would slow every request). Revoked tokens stop working at once.
 */
public final class ApiTokens {

    static final String PREFIX = "sbt_";
    private static final int SECRET_CHARS = 43; // 32 bytes in unpadded base64url
    private static final int MAX_LABEL = 100;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token as the API lists it: never the secret. */
    public record ApiToken(String id, String label, List<String> roles, String createdBy, Instant createdAt,
            Instant revokedAt) {

        /** The name requests made with this token are recorded under. */
        public String principal() {
            return "token:" + id;
        }
    }

    /** A token just issued, with the secret the caller sees this once. */
    public record Issued(ApiToken token, String secret) {}

    /**
     * Issues a token with {@code roles}.
     *
     * @throws IllegalArgumentException for an empty or overlong label
     */
    public Issued issue(String label, Set<Role> roles, String createdBy) {
        if (label == null || label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a token label is 1 to " + MAX_LABEL
                    + " printable characters saying what uses it, e.g. \"ci publisher\"");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String id = "tok_" + HexFormat.of().formatHex(idBytes);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("insert into api_tokens (id, label, token_hash, roles, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(id, label.strip(), hash(secret), ApiUsers.array(roles), createdBy, now).update();
        return new Issued(find(id).orElseThrow(), secret);
    }

    public List<ApiToken> all() {
        return jdbc.sql("select * from api_tokens order by created_at, id").query(ApiTokens::token).list();
    }

    public Optional<ApiToken> find(String id) {
        return jdbc.sql("select * from api_tokens where id = ?").param(id).query(ApiTokens::token).optional();
    }

    /** Revokes token {@code id} (again is fine); false when there is no such token. */
    public boolean revoke(String id) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null").params(now, id).update();
        return find(id).isPresent();
    }

    /** The live token whose secret is {@code secret}; empty for anything else. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || secret.length() != PREFIX.length() + SECRET_CHARS || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from api_tokens where token_hash = ? and revoked_at is null").param(hash(secret))
                .query(ApiTokens::token).optional();
    }

    static Set<Role> roles(ApiToken token) {
        return Role.parse(token.roles());
    }

    /** SHA-256 of {@code secret}, hex: how API tokens and page sessions are held. */
    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new ApiToken(rs.getString("id"), rs.getString("label"), Role.codes(ApiUsers.roles(rs)),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
