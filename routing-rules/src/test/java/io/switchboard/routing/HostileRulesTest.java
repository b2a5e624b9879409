package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rule text that is not rules at all is refused with a diagnostic; compiling it never throws. */
class HostileRulesTest {

    private final RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());

    private void refused(String text) {
        RuleCompiler.Compilation compiled = compiler.compile(Map.of("hostile.drl", text));
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics()).isNotEmpty();
        assertThat(compiled.diagnostics()).allSatisfy(d -> assertThat(d.toString()).doesNotContain("Lambda")
                .doesNotContain(".java"));
    }

    @Test
    void emptyAndBinaryTextIsRefused() {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        refused("rule");
        refused(new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1));
        refused("package routing;\nrule \"unterminated\nwhen\nthen\nend\n");
    }

    @Test
    void deeplyNestedConditionsAreRefusedNotCrashing() {
        String deep = "(".repeat(20_000) + "topic != null" + ")".repeat(20_000);
        RuleCompiler.Compilation compiled = compiler.compile(Map.of("deep.drl", "package routing;\n"
                + "import io.switchboard.routing.facts.*;\nrule \"deep\"\nwhen\n  $c : WaitingCall(" + deep + ")\nthen\nend\n"));
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics()).extracting(Object::toString)
                .containsExactly("deep.drl:5:83: brackets nested more than 64 levels deep");
    }

    @Test
    void aRuleWhoseActionRecursesForeverIsRefusedByTheCheck() {
        RuleCompiler.Compilation compiled = compiler.compile(Map.of("recursive.drl", "package routing;\n"
                + "import io.switchboard.routing.facts.*;\n"
                + "function int down(int n) { return down(n + 1) + 1; }\n"
                + "rule \"recurse\"\nwhen\n  $c : WaitingCall()\nthen\n  down(0);\nend\n"));
        assertThat(compiled.ok()).isFalse();
        assertThat(compiled.diagnostics().get(0).toString()).contains("a rule failed on a sample call")
                .contains("StackOverflowError");
    }
}

