package io.switchboard.callflow.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow tests: the sample hotline's own cases, a failing case, a broken test file. */
class FlowTestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... paths) {
        return FlowTestCommand.run(List.of(paths), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSampleHotlinesCasesPassAndCoverEveryStepAndEdge() {
        assertThat(run("../flows/tests")).as(output()).isZero();
        assertThat(output()).contains("  ok    a known caller hears their balance, then talks to an agent and rates the"
                + " call", "coverage: steps 39/39, outcome edges 65/65", "24 passed, 0 failed");
    }

    @Test
    void aCaseThatHearsSomethingElseFailsAtItsScriptLine() throws Exception {
        Files.writeString(dir.resolve("flow.yaml"), """
                flow: f
                start: hello
                steps:
                  hello: {menu: {prompt: [menu], options: {"1": one}, retries: 0}}
                  one: {play: [one], next: bye}
                  bye: {hangup: {}}
                """);
        Files.writeString(dir.resolve("test.yaml"), """
                flow: flow.yaml
                cases:
                  - name: presses 1
                    script:
                      - expect: [menu]
                      - press: "1"
                      - expect: [two]
                """);
        assertThat(run(dir.resolve("test.yaml").toString())).isEqualTo(1);
        assertThat(output()).contains("  FAIL  presses 1",
                "test.yaml:7:9: expected play two but got play one; the caller's transcript: [play menu, key 1,"
                        + " play one]",
                "coverage: steps 3/3, outcome edges 2/2", "0 passed, 1 failed");
    }

    @Test
    void theTimeOfTheCallAndClosedNowDecideBusinessHours() throws Exception {
        Files.writeString(dir.resolve("flow.yaml"), """
                flow: f
                calendars:
                  office: {timezone: Europe/Berlin, weekly: {mon: ["09:00-17:00"]}}
                start: h
                steps:
                  h: {hours: {calendar: office, open: o, closed: c}}
                  o: {play: [open]}
                  c: {play: [closed]}
                """);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: flow.yaml
                cases:
                  - name: monday morning is open
                    time: 2026-01-05T10:00:00+01:00
                    script: [{expect: [open]}]
                  - name: monday night is closed
                    time: 2026-01-05T22:00:00+01:00
                    script: [{expect: [closed]}]
                  - name: closed now wins
                    time: 2026-01-05T10:00:00+01:00
                    closed-now: [office]
                    script: [{expect: [closed]}]
                  - name: a bad time
                    time: monday
                    script: []
                """);
        assertThat(run(dir.resolve("t.yaml").toString())).isEqualTo(1);
        assertThat(output()).contains("'time' is not a date and time: 'monday'");
        Files.writeString(dir.resolve("t.yaml"), Files.readString(dir.resolve("t.yaml"))
                .replace("  - name: a bad time\n    time: monday\n    script: []\n", ""));
        out.reset();
        assertThat(run(dir.resolve("t.yaml").toString())).as(output()).isZero();
        assertThat(output()).contains("3 passed, 0 failed");
    }

    @Test
    void theWrongOutcomeFails() throws Exception {
        Files.writeString(dir.resolve("flow.yaml"), "flow: f\nstart: a\nsteps:\n  a: {play: [x]}\n");
        Files.writeString(dir.resolve("t.yaml"), "flow: flow.yaml\ncases:\n  - name: ends\n    script:\n"
                + "      - expect: [x]\n    outcome: hangup\n");
        assertThat(run(dir.resolve("t.yaml").toString())).isEqualTo(1);
        assertThat(output()).contains("expected the flow to end with hangup but it ended with end-of-flow");
    }

    @Test
    void aBrokenTestFileGivesDiagnostics() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), "flow: x.yaml\ncases:\n  - name: a\n    script:\n"
                + "      - press: two\n      - dance: {}\n");
        assertThat(run(dir.resolve("t.yaml").toString())).isEqualTo(1);
        assertThat(output()).contains(":5:16: error: 'press' must be phone keys (0-9, *, #), got 'two'",
                ":6:9: error: unknown script line 'dance'");
    }

    @Test
    void variablesAreCheckedAtTheEndAndAQueueWaitMovesTheClock() throws Exception {
        Files.writeString(dir.resolve("v.yaml"), """
                flow: v
                calendars:
                  desk: {timezone: UTC, weekly: {mon: ["09:00-10:05"]}}
                start: ask
                steps:
                  ask: {gather: {prompt: [enter-account], into: account, min: 4, max: 4}, next: wait}
                  wait: {queue: {name: support, timeout: check}}
                  check: {hours: {calendar: desk, open: open, closed: closed}}
                  open: {play: [support]}
                  closed: {play: [closed]}
                """);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: v.yaml
                cases:
                  - name: a short wait, the desk is still open
                    mocks: {queue: timeout, queue-wait: 1m}
                    variables: {account: "1234"}
                    script: [{expect: [enter-account]}, {press: "1234"}, {expect: [support]}]
                  - name: a long wait, the desk has closed meanwhile
                    mocks: {queue: timeout, queue-wait: 10m}
                    script: [{expect: [enter-account]}, {press: "1234"}, {expect: [closed]}]
                  - name: a wrong expectation of a variable
                    variables: {account: "9999", booking: "x"}
                    mocks: {queue: timeout}
                    script: [{expect: [enter-account]}, {press: "1234"}, {expect: [support]}]
                """);
        assertThat(run(dir.resolve("t.yaml").toString())).isEqualTo(1);
        assertThat(output()).contains("  ok    a short wait, the desk is still open",
                "  ok    a long wait, the desk has closed meanwhile",
                "expected variable account = 9999 but it is 1234; the flow's variables: {account=1234, queue.name=support, queue.outcome=timeout}",
                "2 passed, 1 failed");
    }
}
