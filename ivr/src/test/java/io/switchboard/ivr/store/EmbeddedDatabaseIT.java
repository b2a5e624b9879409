package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL is locked down: passwords everywhere, and Switchboard's role is no superuser. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dir;

    @Test
    void aConnectionWithoutOrWithAWrongPasswordIsRefusedForEveryRole() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            for (String user : new String[] {"postgres", "switchboard"}) {
                for (String database : new String[] {"postgres", "switchboard", "template1"}) {
                    assertThatThrownBy(() -> connect(db.jdbcUrl(database), user, null))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("password");
                    assertThatThrownBy(() -> connect(db.jdbcUrl(database), user, "wrong"))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("password authentication failed");
                }
            }
            String hba = Files.readString(db.dataDir().resolve("pg_hba.conf"), StandardCharsets.UTF_8);
            assertThat(hba.lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
            try (Connection c = connect(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(query(c, "show listen_addresses")).isEqualTo("127.0.0.1");
            }
            // postmaster.pid, line 5: the directory of the local socket; empty when there is none
            assertThat(Files.readAllLines(db.dataDir().resolve("postmaster.pid")).get(4)).isEmpty();
        }
    }

    @Test
    void switchboardsRoleOwnsItsDatabaseButIsNoSuperuserAndCannotRunPrograms() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            assertThat(db.user()).isEqualTo("switchboard");
            try (Connection c = connect(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(query(c, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
                assertThat(query(c, "select rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"))
                        .isEqualTo("f");
                assertThat(query(c, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                        .isEqualTo("switchboard");
                try (Statement s = c.createStatement()) {
                    s.execute("create table mine (x int)"); // it owns its schema
                    assertThatThrownBy(() -> s.execute("copy (select 1) to program 'touch /tmp/switchboard-owned'"))
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
            }
            assertThatThrownBy(() -> connect(db.jdbcUrl("postgres"), db.user(), db.password()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThat(Path.of("/tmp/switchboard-owned")).doesNotExist();
        }
    }

    @Test
    void passwordsAreKeptOwnerOnlyNextToTheDataAndServeTheNextStart() throws Exception {
        Path data = dir.resolve("pg");
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            password = db.password();
            try (Connection c = connect(db.jdbcUrl(), db.user(), password); Statement s = c.createStatement()) {
                s.execute("create table kept (x int)");
                s.execute("insert into kept values (42)");
            }
        }
        Path file = DatabaseCredentials.fileFor(data);
        assertThat(file).exists().hasParent(dir);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(DatabaseCredentials.OWNER_ONLY);
        assertThat(Files.readString(file)).contains(password);

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertThat(again.password()).isEqualTo(password);
            try (Connection c = connect(again.jdbcUrl(), again.user(), password)) {
                assertThat(query(c, "select x from kept")).isEqualTo("42");
            }
        }
    }

    @Test
    void anOperatorsPasswordIsUsedAndNeverWrittenDown() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, "operator's secret \\ 1")) {
            try (Connection c = connect(db.jdbcUrl(), db.user(), "operator's secret \\ 1")) {
                assertThat(query(c, "select current_user")).isEqualTo("switchboard");
            }
        }
        assertThat(Files.readString(DatabaseCredentials.fileFor(data))).doesNotContain("operator's secret");
    }

    @Test
    void aTrustingDirectoryOfAnEarlierVersionIsLockedDownAndKeepsItsData() throws Exception {
        Path data = dir.resolve("pg");
        Files.createDirectories(data);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .start(); Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table flyway_schema_history (installed_rank int primary key)");
            s.execute("create table calls (id text primary key)");
            s.execute("insert into calls values ('before-upgrade')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            assertThatThrownBy(() -> connect(db.jdbcUrl("postgres"), "postgres", null))
                    .isInstanceOf(SQLException.class);
            try (Connection c = connect(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
                assertThat(query(c, "select id from calls")).isEqualTo("before-upgrade");
                s.execute("insert into calls values ('after-upgrade')");
                assertThat(query(c, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
            }
        }
    }

    @Test
    void aSecondSwitchboardOnTheSameDirectoryIsRefusedAndTheFirstKeepsRunning() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data)) {
            long pid = first.postmaster().orElseThrow().pid();
            assertThatThrownBy(() -> EmbeddedDatabase.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another Switchboard uses the embedded PostgreSQL directory " + data);
            assertThat(first.postmaster()).map(Postmaster::pid).contains(pid);
            try (Connection c = connect(first.jdbcUrl(), first.user(), first.password())) {
                assertThat(query(c, "select 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void aServerThatWasKilledIsStartedAgainOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            int port = db.port();
            try (Connection c = connect(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
                s.execute("create table kept (x int)");
                s.execute("insert into kept values (7)");
            }
            Postmaster postmaster = db.postmaster().orElseThrow();
            postmaster.kill();
            postmaster.awaitGone(java.time.Duration.ofSeconds(10));
            assertThat(db.isRunning()).isFalse();

            db.restart();

            assertThat(db.isRunning()).isTrue();
            assertThat(db.port()).isEqualTo(port);
            try (Connection c = connect(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(query(c, "select x from kept")).isEqualTo("7");
            }
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
