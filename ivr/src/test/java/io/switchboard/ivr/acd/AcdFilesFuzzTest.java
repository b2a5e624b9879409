package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.speech.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * agents.yaml and queues.yaml come from operators and are re-read while the server runs: whatever they hold, reading
 * gives definitions or diagnostics inside the file, never another exception (which would stop the watcher) or a hang.
 * Seeds are full files, mutated by {@link Fuzz} ({@code -Dfuzz.cases=100000} for the on-demand run).
 */
class AcdFilesFuzzTest {

    private static final String AGENTS = """
            not-ready-reasons: [break, lunch]
            agents:
              "1001": {name: Alice, password: alice-secret, queues: {support: 1, sales: 2}, skills: {english: 5}}
              "1002":
                name: Bob
                password: bob-secret-1
                queues: {sales: 1}
                languages: [en, es]
            """;

    @Test
    void aMutatedAgentsFileReadsOrGetsDiagnosticsInsideIt() {
        Fuzz.check("agents-yaml", random -> Fuzz.mutate(random, AGENTS), Fuzz::describe, bytes -> {
            try {
                AgentRoster roster = AgentFile.parse(Path.of("agents.yaml"), new String(bytes,
                        StandardCharsets.UTF_8), Set.of("support", "sales"), (id, pw) -> new AgentSecret(
                        AgentSecret.ha1(id, AgentSecret.REALM, pw), "test"));
                assertThat(roster.notReadyReasons()).contains(AgentRoster.MISSED);
            } catch (FlowCompileException e) {
                assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> {
                    assertThat(d.file()).isEqualTo("agents.yaml");
                    assertThat(d.line()).isPositive();
                });
            }
        });
    }

    @Test
    void aMutatedQueuesFileReadsOrGetsDiagnosticsInsideIt() {
        String queues = AcdHarness.QUEUES + "  general: {hold: [please-hold], max-length: 5, empty: "
                + "no-agents-available, callback: {retry-delay: 1m, max-attempts: 4}}\n";
        Fuzz.check("queues-yaml", random -> Fuzz.mutate(random, queues), Fuzz::describe, bytes -> {
            try {
                QueueRegistry registry = QueueRegistry.parse(Path.of("queues.yaml"), new String(bytes,
                        StandardCharsets.UTF_8));
                registry.queues().values().forEach(q -> assertThat(q.settings().maxLength()).isPositive());
            } catch (FlowCompileException e) {
                assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.line()).isPositive());
            }
        });
    }
}
