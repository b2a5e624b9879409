package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a postgres of our own data directory is ever taken for a leftover server and signalled. */
class PostmasterTest {

    @TempDir
    Path dataDir;

    private Process bystander;

    @BeforeEach
    void startBystander() throws Exception {
        bystander = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void stopBystander() {
        bystander.destroyForcibly();
    }

    @Test
    void aLiveProcessThatIsNoPostgresIsNeverSignalled() throws Exception {
        Files.writeString(dataDir.resolve("postmaster.pid"), bystander.pid() + "\n" + dataDir + "\n1700000000\n5432\n");

        assertThat(Postmaster.of(dataDir)).isEmpty();
        assertThat(Postmaster.stopLeftover(dataDir, Duration.ofSeconds(1))).isEmpty();
        assertThat(bystander.isAlive()).isTrue();
    }

    @Test
    void aPidFileOfAnotherDirectoryIsNotOurs() throws Exception {
        Files.writeString(dataDir.resolve("postmaster.pid"), bystander.pid() + "\n/var/lib/postgresql/data\n");

        assertThat(Postmaster.of(dataDir)).isEmpty();
        assertThat(bystander.isAlive()).isTrue();
    }

    @Test
    void aMissingDamagedOrStalePidFileMeansNoServer() throws Exception {
        assertThat(Postmaster.of(dataDir)).isEmpty();
        Files.writeString(dataDir.resolve("postmaster.pid"), "not a pid\n" + dataDir + "\n");
        assertThat(Postmaster.of(dataDir)).isEmpty();
        Files.writeString(dataDir.resolve("postmaster.pid"), "");
        assertThat(Postmaster.of(dataDir)).isEmpty();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), gone.pid() + "\n" + dataDir + "\n");
        assertThat(Postmaster.of(dataDir)).isEmpty();
    }
}
