package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    @Test
    void readsARunAsAnOperatorWritesIt() {
        var args = LoadCommand.parse(List.of("--callers", "200", "--agents", "20", "--duration", "10m",
                "--agent-password", "s3cret-pw", "--cues", "language-menu=1,welcome=0", "--callback-share", "0.2",
                "--server", "127.0.0.1:5070"), Map.of());

        assertThat(args.callers()).isEqualTo(200);
        assertThat(args.agents()).isEqualTo(20);
        assertThat(args.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(args.cues()).containsEntry("welcome", "0");
        assertThat(args.callbackShare()).isEqualTo(0.2);
        assertThat(args.server()).isEqualTo("127.0.0.1:5070");
        assertThat(LoadCommand.parse(List.of(), Map.of("SWITCHBOARD_AGENT_PASSWORD", "from-env-1")).password())
                .isEqualTo("from-env-1");
    }

    @Test
    void badArgumentsSayWhatToWrite() {
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--agents", "3"), Map.of()))
                .hasMessageContaining("--agent-password");
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--callback-share", "1.5", "--agents", "0"), Map.of()))
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--callback-share", "NaN", "--agents", "0"), Map.of()))
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--cues", "welcome", "--agents", "0"), Map.of()))
                .hasMessageContaining("prompt=keys");
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--dial", "sip:x", "--agents", "0"), Map.of()))
                .hasMessageContaining("--dial");
        assertThatThrownBy(() -> LoadCommand.parse(List.of("--callers"), Map.of())).hasMessageContaining("needs");

        var err = new ByteArrayOutputStream();
        int status = SimulatorCli.run(List.of("load", "--callers", "0"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--callers takes a whole number", "usage:");
    }
}
