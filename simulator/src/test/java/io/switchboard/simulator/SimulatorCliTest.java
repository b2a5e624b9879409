package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.AudioCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorCliTest {

    @Test
    void parsesEveryOption() {
        SimulatorCli.Args a = SimulatorCli.parse(List.of("call", "sip:100@127.0.0.1:5060", "--keys", "12#,0",
                "--keys-via", "info", "--wait-before-keys", "500ms", "--hangup-after", "1m", "--codec", "pcma",
                "--caller", "5551234", "--media-timeout", "3s"));
        assertThat(a.uri()).isEqualTo("sip:100@127.0.0.1:5060");
        assertThat(a.keys()).containsExactly("12#", "0");
        assertThat(a.mediaTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(a.viaInfo()).isTrue();
        assertThat(a.waitBeforeKeys()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.hangupAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(a.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(a.caller()).isEqualTo("5551234");
    }

    @Test
    void badArgumentsSayWhatIsWrongAndExitWith2() {
        assertThatThrownBy(() -> SimulatorCli.parse(List.of("call", "sip:1@h", "--keys", "x")))
                .hasMessage("--keys takes 0-9, *, # and A-D, in groups separated by commas (1,0), got 'x'");
        assertThatThrownBy(() -> SimulatorCli.parse(List.of("call", "sip:1@h", "--keys", "1,,2")))
                .hasMessageContaining("groups separated by commas");
        assertThatThrownBy(() -> SimulatorCli.parse(List.of("call", "100"))).hasMessageContaining("SIP URI");
        assertThatThrownBy(() -> SimulatorCli.parse(List.of("call", "sip:1@h", "--hangup-after", "soon")))
                .hasMessage("--hangup-after takes a time like 500ms, 2s or 1m, got 'soon'");
        assertThatThrownBy(() -> SimulatorCli.parse(List.of("call", "sip:1@h", "--codec", "G729")))
                .hasMessage("--codec is PCMU or PCMA, got 'G729'");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCli.run(List.of("dial"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the commands are 'call', 'agent' and 'load'", "usage:");
    }

    @Test
    void percentilesOfIntervals() {
        CallStats stats = new CallStats(List.of(20.0, 19.0, 21.0, 40.0), Duration.ZERO, Duration.ZERO, List.of(), 5, 0, 0, 1);
        assertThat(stats.percentile(50)).isEqualTo(20.0);
        assertThat(stats.percentile(99)).isEqualTo(40.0);
    }

    @Test
    void helpPrintsTheUsageAloneAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCli.run(List.of("call", "--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: switchboard sim call");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aServerThatDiesMidCallFailsTheCall() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DyingServer server = new DyingServer()) {
            int code = SimulatorCli.run(List.of("call", "sip:100@127.0.0.1:" + server.port(), "--media-timeout",
                    "1s", "--hangup-after", "20s"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()));
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server went silent: no RTP for 1.0s");
    }
}
