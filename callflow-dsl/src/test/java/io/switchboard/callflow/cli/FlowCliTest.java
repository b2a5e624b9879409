package io.switchboard.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lint(String... args) {
        return FlowCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void cleanFlowsExitZero() throws Exception {
        Files.writeString(dir.resolve("ok.yaml"), "flow: ok\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        assertThat(lint("lint", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 file(s) checked, 0 error(s)");
    }

    @Test
    void errorsArePrintedCompilerStyleAndExitOne() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "flow: bad\nstart: a\nsteps:\n  a: {play: [p], next: b}\n");
        assertThat(lint("lint", bad.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(bad + ":4:24: error: unknown step 'b'", "1 file(s) checked, 1 error(s)");
    }

    @Test
    void theSampleHotlineIsClean() {
        assertThat(lint("lint", "../flows")).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void jsonOutputForEditors() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "flow: bad\nstart: a\nsteps:\n  a: {play: [p], next: \"b\\\"c\"}\n");
        assertThat(lint("lint", bad.toString(), "--format", "json")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[\n  {\"file\": \"" + bad + "\", \"line\": 4,"
                + " \"column\": 24, \"severity\": \"error\", \"message\": \"unknown step 'b\\\"c'\"");
    }

    @Test
    void graphDrawsLabelledEdgesInMermaidAndDot() {
        assertThat(lint("graph", "../flows/hotline.yaml")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("flowchart TD\n").contains(
                "  main_menu -->|1| sales\n", "  main_menu -->|0| agent\n", "  main_menu -->|no valid key| goodbye\n",
                "  welcome --> main_menu\n");
        out.reset();
        assertThat(lint("graph", "../flows/hotline.yaml", "--format", "dot")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("digraph \"hotline\" {")
                .contains("  \"main-menu\" -> \"support\" [label=\"2\"];\n");
        assertThat(lint("graph", "../flows/hotline.yaml", "--format", "png")).isEqualTo(2);
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(lint()).isEqualTo(2);
        assertThat(lint("lint", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or directory");
    }

    @Test
    void flowTestsOverSipAreForTheSimulator() {
        assertThat(lint("test", "--server", "sip:100@127.0.0.1:5060", "flows")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run it as ./switchboard flow test --server URI");
    }
}
