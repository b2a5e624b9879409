package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without SWITCHBOARD_ADMIN_PASSWORD, the first start generates the admin's password and writes it to a file only
 * its owner can read; the log names the file, never the password.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstAdminIT {

    private static final TestDatabase DB = TestDatabase.create(FirstAdminIT.class);
    private static final Path FILE = Path.of("target", "first-admin-it", "admin-password").toAbsolutePath();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) throws Exception {
        Files.deleteIfExists(FILE);
        TestServer.configure(registry, DB, null);
        registry.add("switchboard.security.admin-password-file", FILE::toString);
    }

    @Test
    void aGeneratedPasswordGoesToAnOwnerOnlyFileThatTheLogNamesWithoutThePassword(CapturedOutput output)
            throws Exception {
        assertThat(Files.getPosixFilePermissions(FILE)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(FILE).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);

        assertThat(output.getAll()).contains("created user 'admin' (admin) with a generated password, written to "
                + FILE).doesNotContain(password);
        assertThat(TestServer.get(port, "/api/users", new TestServer.Login.Basic("admin", password)).status())
                .isEqualTo(200);
        assertThat(TestServer.get(port, "/api/users", TestServer.Login.ADMIN).status())
                .as("the test password was not given").isEqualTo(401);
    }
}
