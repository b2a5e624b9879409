package io.switchboard.admin.e2e;

import io.switchboard.admin.TestServer;
import io.switchboard.admin.security.SecuritySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real server jar (repackaged by Spring Boot in {@code package}, before the integration tests run) as a child
 * process on the embedded PostgreSQL, with its own data directory, free ports and a log file: for tests of what
 * happens when the process is killed.
 */
final class ServerProcess implements AutoCloseable {

    private final Path home;
    private final int httpPort;
    private final int sipPort;
    private final Path log;
    private final Map<String, String> settings;
    private Process process;

    /**
     * @param home where the server keeps its data ({@code pg/}, {@code spool/}, {@code recordings/}) and logs
     */
    ServerProcess(Path home) {
        this(home, Map.of());
    }

    /** @param settings {@code switchboard.*} (or other) properties that replace or add to the test defaults */
    ServerProcess(Path home, Map<String, String> settings) {
        this.home = home;
        this.settings = Map.copyOf(settings);
        this.httpPort = freeTcpPort();
        this.sipPort = TestServer.freeUdpPort();
        this.log = home.resolve("server.log");
    }

    int httpPort() {
        return httpPort;
    }

    int sipPort() {
        return sipPort;
    }

    Path dataDir() {
        return home.resolve("pg");
    }

    /** Starts the jar (appending to the log) and returns how long it took until health answered 200. */
    Duration startAndAwaitUp(Duration deadline) throws IOException, InterruptedException {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        for (String arg : List.of("--server.port=" + httpPort,
                "--switchboard.sip.port=" + sipPort,
                "--switchboard.rtp.port-min=46000", "--switchboard.rtp.port-max=46999",
                "--switchboard.db.embedded-dir=" + dataDir(),
                "--switchboard.db.spool-dir=" + home.resolve("spool"),
                "--switchboard.recordings.dir=" + home.resolve("recordings"),
                "--switchboard.node=killed-node",
                "--switchboard.flows.dir=" + Path.of("src/test/resources/flows").toAbsolutePath(),
                "--switchboard.flows.watch=false",
                "--switchboard.acd.queues=" + Path.of("../queues.yaml").toAbsolutePath().normalize(),
                "--switchboard.acd.agents=" + home.resolve("agents.yaml"),
                "--switchboard.prompts.dir=" + Path.of("../prompts").toAbsolutePath().normalize())) {
            String[] kv = arg.substring(2).split("=", 2);
            defaults.put(kv[0], kv[1]);
        }
        defaults.putAll(settings);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
        defaults.forEach((k, v) -> command.add("--" + k + "=" + v));
        long started = System.nanoTime();
        command.add("--switchboard.security.admin-password-file=" + home.resolve("admin-password"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the first admin that TestServer.get logs in as
        builder.environment().put(SecuritySettings.ADMIN_PASSWORD_VARIABLE, TestServer.ADMIN_PASSWORD);
        process = builder.start();
        long end = started + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + log());
            }
            if (healthStatus() == 200) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(100); // polling the server's health with a deadline
        }
        throw new AssertionError("the server did not come up in " + deadline + ":\n" + log());
    }

    /** The HTTP status of {@code /actuator/health}; 0 while nothing answers. */
    int healthStatus() {
        try {
            return TestServer.get(httpPort, "/actuator/health").status();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    /** {@code kill -9} of the server's Java process: no shutdown hook runs, the embedded PostgreSQL stays. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** What the server wrote so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server as an operator would (SIGTERM), which stops its PostgreSQL too. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        io.switchboard.ivr.store.Postmaster.stopLeftover(dataDir(), Duration.ofSeconds(10));
    }

    private static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "admin-api-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-plain.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("no admin-api jar in target/: run the integration tests through Maven"
                + " (./mvnw verify builds it in package)");
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
