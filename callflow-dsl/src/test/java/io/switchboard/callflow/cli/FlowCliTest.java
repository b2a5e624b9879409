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
                "  main_menu -->|1 or 'sales', 'buy'| sales_queue\n", "  support_menu -->|0| agent_queue\n",
                "  main_menu -->|no valid key| agent_queue\n", "  welcome --> unknown_caller\n",
                "  leave_message --> goodbye\n");
        out.reset();
        assertThat(lint("graph", "../flows/hotline.yaml", "--format", "dot")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("digraph \"hotline\" {")
                .contains("  \"support-menu\" -> \"internet-queue\" [label=\"1\"];\n");
        assertThat(lint("graph", "../flows/hotline.yaml", "--format", "png")).isEqualTo(2);
    }

    @Test
    void graphOfADirectoryDrawsItsOneFlowOrNamesTheChoices() throws Exception {
        Files.writeString(dir.resolve("one.yaml"), "flow: one\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        assertThat(lint("graph", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("flowchart TD\n");
        Files.writeString(dir.resolve("two.yaml"), "flow: two\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        assertThat(lint("graph", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is a directory with 2 flow files; name one: ")
                .contains("one.yaml").contains("two.yaml").doesNotContain("no such file");
    }

    @Test
    void flowTestOnTheFlowsDirectoryRunsTheTestsAndPassesOverTheFlows() {
        assertThat(lint("test", "../flows")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("(2 flow files passed over, not tests: ../flows/hotline.yaml,"
                        + " ../flows/lib/voicemail-ticket.yaml)")
                .contains(" passed, 0 failed");
        out.reset();
        err.reset();
        assertThat(lint("test", "../flows/hotline.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("../flows/hotline.yaml is a flow file, not a flow"
                + " test file");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(lint()).isEqualTo(2);
        assertThat(lint("lint", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or directory");
    }

    @Test
    void lintHoldsQueueStepsToTheQueueRegistryGiven() throws Exception {
        Path flow = dir.resolve("q.yaml");
        Files.writeString(flow, "flow: q\nstart: a\nsteps:\n  a: {queue: {name: suport, timeout: b}}\n"
                + "  b: {hangup: {}}\n");
        Files.writeString(dir.resolve("site.yaml"), "queues: {support: {}}\n");
        assertThat(lint("lint", flow.toString(), "--queues", dir.resolve("site.yaml").toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(flow + ":4:3: error: step 'a' names queue 'suport',"
                + " which " + dir.resolve("site.yaml") + " does not define (hint: did you mean 'support'?)");
    }

    @Test
    void aDirectoryIsLintedWithItsLibOfSubflowsAndEachProblemIsReportedOnce() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/used.yaml"),
                "subflow: used\nstart: a\nsteps:\n  a: {return: done}\n  orphan: {return: done}\n");
        Files.writeString(dir.resolve("lib/unused.yaml"), "subflow: unused\nstart: a\nsteps:\n  a: {play: [p], next: b}\n");
        Files.writeString(dir.resolve("f.yaml"), "flow: f\nimports: [lib/used.yaml]\nstart: a\nsteps:\n"
                + "  a: {call: used, next: b}\n  b: {hangup: {}}\n");
        assertThat(lint("lint", dir.toString())).isEqualTo(1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(dir.resolve("lib/unused.yaml") + ":4:24: error: unknown step 'b'",
                "3 file(s) checked, 1 error(s), 1 warning(s)");
        assertThat(text.split("step 'orphan' is unreachable", -1)).hasSize(2);
    }

    @Test
    void flowTestsOverSipAreForTheSimulator() {
        assertThat(lint("test", "--server", "sip:100@127.0.0.1:5060", "flows")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run it as ./switchboard flow test --server URI");
    }
}
