package io.switchboard.ivr.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * The role Switchboard connects to its embedded PostgreSQL as: it logs in with a password, owns its database and
 * that database's {@code public} schema and tables, and is not a superuser (no {@code COPY ... PROGRAM}, no other
 * databases, no new roles). Set up by the bootstrap superuser at each start, so a data directory made by an earlier
 * Switchboard (everything owned by the superuser in database {@code postgres}) is upgraded in place.
 */
final class SwitchboardRole {

    static final String NAME = "switchboard";
    static final String DATABASE = "switchboard";

    /** {@code alter ... owner to} for each table, view and free sequence in {@code public} the role does not own. */
    private static final String NOT_OWNED = """
            select format('alter %s public.%I owner to %I',
                          case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                                         when 'm' then 'materialized view' else 'table' end, c.relname, ?)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
              and pg_get_userbyid(c.relowner) <> ?
              and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid
                                                    and d.deptype in ('a', 'i')))""";

    private final String serverUrl;
    private final String superuserPassword;

    /** @param serverUrl {@code jdbc:postgresql://127.0.0.1:<port>/} without a database */
    SwitchboardRole(String serverUrl, String superuserPassword) {
        this.serverUrl = serverUrl;
        this.superuserPassword = superuserPassword;
    }

    /** Creates (or updates) the role with {@code password}, and its database, upgrading earlier data directories. */
    void ensure(String password) throws SQLException {
        boolean legacy;
        try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", NAME)) {
                sql.execute("create role " + NAME + " login");
            }
            sql.execute("alter role " + NAME + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            // the driver hashes the password (SCRAM) itself: the server, and its logs, never see it in clear
            admin.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
            legacy = !exists(admin, "select 1 from pg_database where datname = ?", DATABASE)
                    && exists(admin, "select 1 from pg_tables where schemaname = 'public' and tablename = ?",
                            "flyway_schema_history");
        }
        if (legacy) {
            upgradeLegacy();
        }
        try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
            if (!exists(admin, "select 1 from pg_database where datname = ?", DATABASE)) {
                sql.execute("create database " + DATABASE + " owner " + NAME);
            }
            sql.execute("revoke connect, temporary on database postgres from public");
            sql.execute("revoke connect, temporary on database template1 from public");
        }
        own(DATABASE);
    }

    /** Creates database {@code name} owned by the role (for tests, one database per test class). */
    void createDatabase(String name) throws SQLException {
        try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("create database " + name + " owner " + NAME);
        }
        own(name);
    }

    /** Runs {@code statement} as the superuser on database {@code database}. */
    void execute(String database, String statement) throws SQLException {
        try (Connection admin = superuser(database); Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Gives the role the database, its {@code public} schema and everything in it. */
    private void own(String database) throws SQLException {
        try (Connection admin = superuser(database); Statement sql = admin.createStatement()) {
            sql.execute("alter database " + database + " owner to " + NAME);
            sql.execute("alter schema public owner to " + NAME);
            List<String> statements = new ArrayList<>();
            try (PreparedStatement query = admin.prepareStatement(NOT_OWNED)) {
                query.setString(1, NAME);
                query.setString(2, NAME);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        statements.add(rs.getString(1));
                    }
                }
            }
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /**
     * An earlier Switchboard kept its tables in database {@code postgres}: that database becomes
     * {@value #DATABASE} (renamed from {@code template1}, as one cannot rename the database one is connected to),
     * and a new, empty {@code postgres} takes its place.
     */
    private void upgradeLegacy() throws SQLException {
        try (Connection admin = superuser("template1"); Statement sql = admin.createStatement()) {
            sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'postgres'"
                    + " and pid <> pg_backend_pid()");
            sql.execute("alter database postgres rename to " + DATABASE);
            sql.execute("create database postgres");
        }
    }

    private Connection superuser(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ClusterLockdown.SUPERUSER);
        properties.setProperty("password", superuserPassword);
        return DriverManager.getConnection(serverUrl + database, properties);
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
