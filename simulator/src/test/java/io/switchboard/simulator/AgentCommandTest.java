package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.AudioCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCommandTest {

    @Test
    void parsesEveryOptionAndCountsIdsUp() {
        AgentCommand.Args a = AgentCommand.parse(List.of("--id", "x", "--count", "3", "--first-id", "2001",
                "--password", "pw", "--server", "10.0.0.5:5070", "--answer-after", "500ms", "--talk", "0s",
                "--wrap-up", "5s", "--codec", "PCMA", "--expires", "120", "--duration", "1m"), Map.of());
        assertThat(a.ids()).containsExactly("2001", "2002", "2003");
        assertThat(a.password()).isEqualTo("pw");
        assertThat(a.server()).isEqualTo("10.0.0.5:5070");
        assertThat(a.answerAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.talk()).isZero();
        assertThat(a.wrapUp()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(a.expires()).isEqualTo(120);
        assertThat(a.duration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        AgentCommand.Args a = AgentCommand.parse(List.of("--id", "1001"),
                Map.of("SWITCHBOARD_AGENT_PASSWORD", "from-env"));
        assertThat(a.ids()).containsExactly("1001");
        assertThat(a.password()).isEqualTo("from-env");
        assertThat(a.server()).isEqualTo("127.0.0.1:5060");
        assertThat(a.duration()).isNull();
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--password", "p"), Map.of()))
                .hasMessageContaining("give the agent's id with --id");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--id", "1001"), Map.of()))
                .hasMessage("give the password with --password or SWITCHBOARD_AGENT_PASSWORD");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--id", "a1", "--count", "2", "--password", "p"),
                Map.of())).hasMessage("with --count, the first id must be digits, got 'a1'");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--id", "1", "--count", "5000", "--password", "p"),
                Map.of())).hasMessage("--count takes a whole number from 1 to 1000, got '5000'");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--id", "1", "--server", "sip:x", "--password", "p"),
                Map.of())).hasMessage("--server is HOST:PORT, got 'sip:x'");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCli.run(List.of("agent", "--id"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--id needs a value", "usage: switchboard sim agent");
    }
}
