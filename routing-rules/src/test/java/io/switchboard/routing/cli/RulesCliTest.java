package io.switchboard.routing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules lint} and {@code rules test} as a rule author runs them: one line per finding, exit 1 on failure. */
class RulesCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RulesCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lintNamesTheBrokenFileAndLineAndExitsOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.drl"), "package routing;\nimport io.switchboard.routing.facts.*;\n"
                + "rule \"x\"\nwhen\n  $c : WaitingCall(colour == 1)\nthen\nend\n");
        assertThat(run("lint", dir.toString())).isEqualTo(1);
        assertThat(out()).startsWith(dir.resolve("broken.drl") + ":5:").contains("colour")
                .contains(dir + ": refused, 1 problem(s)");
    }

    @Test
    void aFailingScenarioPrintsItsLineWithWhatItGotAndExitsOne(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../routing/hotline.drl"), dir.resolve("hotline.drl"));
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/wrong.yaml"), """
                scenarios:
                  - name: expects the wrong agent
                    agents: [{id: "1001", queues: {general: 1}, languages: [en]}]
                    calls: [{id: c1, queue: general, language: en, waited: 3s}]
                    expect: [{call: c1, agent: nobody}]
                  - name: expects the right agent
                    agents: [{id: "1001", queues: {general: 1}, languages: [en]}]
                    calls: [{id: c1, queue: general, language: en, waited: 3s}]
                    expect: [{call: c1, agent: "1001", by: language-must-match, step: 1}]
                  - name: expects a rule that did not decide
                    agents: [{id: "1001", queues: {general: 1}, languages: [en]}]
                    calls: [{id: c1, queue: general, language: en, waited: 3s}]
                    expect: [{call: c1, agent: "1001", by: vip-goes-ahead}]
                """);
        assertThat(run("test", dir.resolve("tests").toString())).isEqualTo(1);
        assertThat(out()).contains("  FAIL  expects the wrong agent: call c1: expected nobody, got agent 1001 by "
                + "language-must-match, step 1 of 3, after 3 s\n")
                .contains("  ok    expects the right agent\n")
                .contains("  FAIL  expects a rule that did not decide: call c1: expected rule vip-goes-ahead to decide")
                .contains("coverage: rules 2/9 (not fired: callback-due-first,")
                .endsWith("1 passed, 2 failed\n");
    }

    @Test
    void aBrokenScenarioFileIsReportedWithItsPlace(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../routing/hotline.drl"), dir.resolve("hotline.drl"));
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "rules: .\nscenarios:\n  - name: x\n    calls: [{id: c1, queue: q, colour: red}]\n"
                + "    expect: [{call: c1, agent: nobody}]\n");
        assertThat(run("test", file.toString())).isEqualTo(1);
        assertThat(out()).startsWith(file + ": scenarios[0] 'x': calls[0]: unknown field 'colour'");
    }

    @Test
    void aWrongCommandLineExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("lint")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("test", "/no/such/place")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'")
                .contains("no such file or directory: /no/such/place");
    }
}
