package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set is refused with diagnostics a rule author can act on: the file and line, and what is wrong. */
class RuleCompilerTest {

    private static final String HEADER = "package routing;\nimport io.switchboard.routing.facts.*;\n";
    private final RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());

    private RuleCompiler.Compilation compile(String drl) {
        return compiler.compile(Map.of("broken.drl", HEADER + drl));
    }

    @Test
    void aSyntaxErrorIsReportedAtItsFileAndLine() {
        RuleCompiler.Compilation compiled = compile("rule \"x\"\nwhen\n  $c : WaitingCall(\nthen\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics()).isNotEmpty();
        assertThat(compiled.diagnostics().get(0).file()).isEqualTo("broken.drl");
        assertThat(compiled.diagnostics().get(0).line()).isBetween(5, 7);
    }

    @Test
    void anUnknownPropertyIsReportedAtTheLineThatNamesIt() {
        RuleCompiler.Compilation compiled = compile("rule \"x\"\nwhen\n  $c : WaitingCall(colour == \"red\")\nthen\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).startsWith("broken.drl:5:").contains("colour");
    }

    @Test
    void anUnknownClassInTheActionIsReported() {
        RuleCompiler.Compilation compiled = compile("rule \"x\"\nwhen\n  $c : WaitingCall()\nthen\n  insertLogical(new NoSuchThing($c));\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).startsWith("broken.drl:").contains("NoSuchThing");
    }

    @Test
    void aRuleThatFailsWhenItRunsIsRefusedWithItsMessage() {
        RuleCompiler.Compilation compiled = compile("rule \"too-proficient\"\nwhen\n  $c : WaitingCall(topic != null)\n"
                + "then\n  insertLogical(new NeedsSkill($c, $c.topic(), 9));\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).contains("a rule failed on a sample call")
                .contains("proficiency 9 for check: it must be 1 to 5");
    }

    @Test
    void aRuleThatKeepsFiringIsRefused() {
        RuleCompiler.Compilation compiled = compile("rule \"loop\"\nwhen\n  $c : WaitingCall()\nthen\n  update($c);\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).contains("fired more than " + RuleCheck.FIRE_LIMIT);
    }

    @Test
    void anEscalationPlanWhoseStepsGoBackIsRefused() {
        RuleCompiler.Compilation compiled = compile("rule \"plan\"\nwhen\nthen\n"
                + "  insert(new EscalationPlan(\"*\", 30, 20));\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).contains("the declarations")
                .contains("must be positive and increasing");
    }

    @Test
    void twoEscalationPlansForOneQueueAreRefused() {
        RuleCompiler.Compilation compiled = compile("rule \"plan\"\nwhen\nthen\n"
                + "  insert(new EscalationPlan(\"sales\", 10));\n  insert(new EscalationPlan(\"sales\", 20));\nend\n");
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).contains("two escalation plans for queue sales");
    }

    @Test
    void aDirectoryWithoutRuleFilesIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not rules");
        RuleCompiler.Compilation compiled = compiler.compile(dir);
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).isEqualTo(dir + ": no .drl files");
        assertThat(compiler.compile(dir.resolve("missing")).diagnostics().get(0).toString()).endsWith("not a directory");
    }

    @Test
    void aFileThatIsNotUtf8OrTooLargeIsRefusedByName(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("latin.drl"), new byte[] {'r', 'u', 'l', 'e', (byte) 0xE9, (byte) 0xFF});
        Files.write(dir.resolve("huge.drl"), new byte[RuleFiles.MAX_FILE_BYTES + 1]);
        RuleCompiler.Compilation compiled = compiler.compile(dir);
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics()).extracting(Object::toString)
                .containsExactly("huge.drl: larger than " + RuleFiles.MAX_FILE_BYTES + " bytes",
                        "latin.drl: not UTF-8 text");
    }

    @Test
    void theVersionChangesWithTheTextAndNamesEveryFile() {
        String rule = "rule \"vip\"\nwhen\n  $c : WaitingCall(segment == \"vip\")\nthen\n"
                + "  insertLogical(new GoesAhead($c, 1));\nend\n";
        RuleCompiler.Compilation one = compiler.compile(Map.of("a.drl", HEADER + rule));
        RuleCompiler.Compilation two = compiler.compile(Map.of("a.drl", HEADER + rule + "\n// changed\n"));
        assertThat(one.ok()).isTrue();
        assertThat(two.ok()).isTrue();
        assertThat(one.rules().version()).hasSize(12).isNotEqualTo(two.rules().version());
        assertThat(one.rules().files()).extracting(RuleFile::name).containsExactly("a.drl");
        assertThat(one.rules().ruleNames()).containsExactly("vip");
    }
}
