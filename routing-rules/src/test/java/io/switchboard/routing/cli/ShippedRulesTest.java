package io.switchboard.routing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped rules (routing/ at the repository root) pass lint and their own scenarios, covering every rule. */
class ShippedRulesTest {

    @Test
    void shippedRulesPassLint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = RulesCli.run(List.of("lint", "../routing"), print(out), print(new ByteArrayOutputStream()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("../routing: ok, 1 file(s), 9 rules");
        assertThat(status).isZero();
    }

    @Test
    void shippedScenariosPassAndCoverEveryRuleAndEscalationStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = RulesCli.run(List.of("test", "../routing/tests"), print(out), print(new ByteArrayOutputStream()));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(text).doesNotContain("FAIL").contains("coverage: rules 9/9, escalation steps 3/3\n")
                .contains("16 passed, 0 failed");
        assertThat(status).isZero();
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
