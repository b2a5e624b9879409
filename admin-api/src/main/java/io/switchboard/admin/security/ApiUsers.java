package io.switchboard.admin.security;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The people who may use the API ({@code api_users}): a name, a hashed password and roles. Spring Security asks it
 * for a user when a request logs in with HTTP Basic.
 */
public final class ApiUsers implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads no more than 72 bytes. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    ApiUsers(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** A user as the API shows it (never the password). */
    public record ApiUser(String name, List<String> roles, Instant createdAt, Instant updatedAt) {}

    @Override
    public UserDetails loadUserByUsername(String name) {
        return jdbc.sql("select name, password_hash, roles from api_users where name = ?").param(name)
                .query((rs, n) -> User.withUsername(rs.getString("name")).password(rs.getString("password_hash"))
                        .authorities(Role.authorities(roles(rs))).build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no user '" + name + "'"));
    }

    public List<ApiUser> all() {
        return jdbc.sql("select * from api_users order by name").query(ApiUsers::user).list();
    }

    public Optional<ApiUser> find(String name) {
        return jdbc.sql("select * from api_users where name = ?").param(name).query(ApiUsers::user).optional();
    }

    /** Whether any user exists: the first start creates the first admin when none does. */
    public boolean any() {
        return jdbc.sql("select exists (select 1 from api_users)").query(Boolean.class).single();
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException when the name or password breaks the rules (the message says which)
     * @throws org.springframework.dao.DuplicateKeyException when the name is taken
     */
    public ApiUser create(String name, String password, Set<Role> roles) {
        requireName(name);
        String hash = encoder.encode(requirePassword(password));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("insert into api_users (name, password_hash, roles, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(name, hash, array(roles), now, now).update();
        return find(name).orElseThrow();
    }

    /** Changes a user's password, roles or both (null keeps it); empty when there is no such user. */
    public Optional<ApiUser> update(String name, String password, Set<Role> roles) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String hash = password == null ? null : encoder.encode(requirePassword(password));
        int changed = jdbc.sql("update api_users set password_hash = coalesce(?, password_hash),"
                        + " roles = coalesce(?, roles), updated_at = ? where name = ?")
                .params(hash, roles == null ? null : array(roles), now, name).update();
        return changed == 0 ? Optional.empty() : find(name);
    }

    /** Serialises user changes until the transaction ends, so two of them cannot both remove the last admin. */
    public void lockForChange() {
        jdbc.sql("lock table api_users in share row exclusive mode").update();
    }

    public boolean delete(String name) {
        return jdbc.sql("delete from api_users where name = ?").param(name).update() > 0;
    }

    /** How many users hold the admin role: the last one can be neither deleted nor demoted. */
    public long admins() {
        return jdbc.sql("select count(*) from api_users where 'admin' = any(roles)").query(Long.class).single();
    }

    static String requirePassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH
                    + " characters and at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        return password;
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name has 1 to 64 of the characters A-Z a-z 0-9 . _ @ -,"
                    + " starting with a letter or digit");
        }
    }

    static String[] array(Set<Role> roles) {
        return Role.codes(roles).toArray(String[]::new);
    }

    static Set<Role> roles(ResultSet rs) throws SQLException {
        Array array = rs.getArray("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : (String[]) array.getArray()) {
            roles.add(Role.of(code));
        }
        return roles;
    }

    private static ApiUser user(ResultSet rs, int row) throws SQLException {
        return new ApiUser(rs.getString("name"), Role.codes(roles(rs)),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
