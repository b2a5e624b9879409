package io.switchboard.simulator.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./switchboard} launcher sends {@code flow test --server …} to the simulator and every
 * other {@code flow} command to callflow-dsl. Runs a copy of the launcher in a folder where it finds nothing to
 * build and a stand-in {@code java} that prints the command it was given.
 */
class LauncherRoutingTest {

    @TempDir
    Path root;

    @BeforeEach
    void launcherWithAStandInJava() throws IOException {
        Files.copy(Path.of("../switchboard"), root.resolve("switchboard"));
        Files.createDirectories(root.resolve("scripts"));
        Files.writeString(root.resolve("scripts/jdk.sh"), "select_jdk() { export JAVA_HOME=\"$root/jdk\"; }\n");
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = Files.createDirectories(root.resolve("target/launcher"));
        Files.writeString(launcher.resolve("callflow-dsl.classpath"), "DSL-DEPS");
        Files.writeString(launcher.resolve("simulator.classpath"), "SIM-DEPS");
        Files.writeString(launcher.resolve("built"), "");
    }

    private String launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("switchboard").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void flowTestWithAServerRunsTheSimulatorsEntryPoint() throws Exception {
        assertThat(launch("flow", "test", "--server", "sip:100@127.0.0.1:5060", "flows/tests")).isEqualTo("java -cp "
                + root.toRealPath() + "/simulator/target/classes:SIM-DEPS"
                + " io.switchboard.simulator.flowtest.SipFlowTestCommand --server sip:100@127.0.0.1:5060 flows/tests");
        assertThat(launch("flow", "test", "flows/tests", "--server=sip:100@127.0.0.1:5060"))
                .endsWith("SipFlowTestCommand flows/tests --server=sip:100@127.0.0.1:5060");
    }

    @Test
    void otherFlowCommandsStayWithCallflowDsl() throws Exception {
        assertThat(launch("flow", "test", "flows/tests")).isEqualTo("java -cp " + root.toRealPath()
                + "/callflow-dsl/target/classes:DSL-DEPS io.switchboard.callflow.cli.FlowCli test flows/tests");
        assertThat(launch("flow", "lint", "--server", "flows")).endsWith("FlowCli lint --server flows");
    }
}
