package io.switchboard.routing.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.facts.AgentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule test files: read as written, every mistake a {@link ScenarioException} with its place, whatever the input. */
class ScenarioFileTest {

    static final String GOOD = """
            rules: ..
            scenarios:
              - name: one
                at: 2026-01-05T09:00:00Z
                agents:
                  - {id: "1001", state: wrap-up, idle: 1m30s, skills: {billing: 4}, languages: [en, es],
                     region: north, calls-today: 7, queues: {billing: 2}}
                calls:
                  - {id: c1, queue: billing, waited: 25s, priority: 3, language: es, segment: vip, value: 500,
                     region: north, topic: billing, callback: true}
                after: 500ms
                expect:
                  - {call: c1, agent: nobody, by: [a, b], step: 2}
            """;

    @TempDir
    Path dir;

    private ScenarioFile read(String text) throws IOException, ScenarioException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, text);
        return ScenarioFile.read(file);
    }

    @Test
    void everyFieldIsRead() throws Exception {
        ScenarioFile file = read(GOOD);
        assertThat(file.rules()).isEqualTo(dir.toAbsolutePath().getParent().normalize());
        Scenario s = file.scenarios().get(0);
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        assertThat(s.at()).isEqualTo(at);
        assertThat(s.after()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.agents().get(0).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(s.agents().get(0).idleSince()).isEqualTo(at.minusSeconds(90));
        assertThat(s.agents().get(0).proficiency("billing")).isEqualTo(4);
        assertThat(s.agents().get(0).callsToday()).isEqualTo(7);
        assertThat(s.agents().get(0).queues()).containsEntry("billing", 2);
        assertThat(s.calls().get(0).enteredAt()).isEqualTo(at.minusSeconds(25));
        assertThat(s.calls().get(0).callback()).isTrue();
        assertThat(s.calls().get(0).value()).isEqualTo(500);
        assertThat(s.expectations().get(0)).isEqualTo(new Scenario.Expectation("c1", null, java.util.List.of("a", "b"),
                2));
    }

    @Test
    void mistakesNameTheirPlace() {
        assertThatThrownBy(() -> read(GOOD.replace("wrap-up", "asleep"))).hasMessageContaining(
                "scenarios[0] 'one': agents[0]: state 'asleep' is not one of available");
        assertThatThrownBy(() -> read(GOOD.replace("billing: 4", "billing: 6"))).hasMessageContaining(
                "agents[0]: skills.billing: expected a whole number from 1 to 5, not '6'");
        assertThatThrownBy(() -> read(GOOD.replace("25s", "soon"))).hasMessageContaining(
                "calls[0]: waited: 'soon' is not a duration like 25s or 1m30s");
        assertThatThrownBy(() -> read(GOOD.replace("call: c1", "call: c9"))).hasMessageContaining(
                "expect[0]: no call 'c9' in this scenario");
        assertThatThrownBy(() -> read(GOOD.replace("agent: nobody", "agent: \"2002\""))).hasMessageContaining(
                "expect[0]: no agent '2002' in this scenario (or 'nobody')");
        assertThatThrownBy(() -> read(GOOD.replace("  - name: one", "  - nam: one"))).hasMessageContaining(
                "scenarios[0]: unknown field 'nam'");
        assertThatThrownBy(() -> read("scenarios: [\n")).hasMessageStartingWith(dir.resolve("t.yaml") + ":")
                .hasMessageContaining("YAML");
        assertThatThrownBy(() -> read("rules: ..\nrules: .\nscenarios: []\n")).hasMessageContaining("YAML");
    }
}
