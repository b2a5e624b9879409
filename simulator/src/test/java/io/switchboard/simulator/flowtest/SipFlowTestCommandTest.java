package io.switchboard.simulator.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.FlowTestFile;
import io.switchboard.callflow.flowtest.WrittenKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What decides a case is not applicable over SIP, which number a case dials, and bad command lines. */
class SipFlowTestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path write(String cases) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "flow: f.yaml\ncases:\n" + cases);
        return file;
    }

    private List<Optional<String>> reasons(Path file) throws Exception {
        WrittenKeys written = WrittenKeys.of(file);
        return reasons(file, ServerConditions.NONE);
    }

    private List<Optional<String>> reasons(Path file, ServerConditions server) throws Exception {
        WrittenKeys written = WrittenKeys.of(file);
        return FlowTestFile.read(file).cases().stream().map(c -> OfflineOnly.reason(c, written, server)).toList();
    }

    @Test
    void casesWithOfflineMocksAreNotApplicableWithEveryReason() throws Exception {
        Path file = write("""
                  - name: plain
                    script: [{expect: [welcome]}]
                  - name: fixed time
                    time: 2026-01-05T10:00:00Z
                    script: [{expect: [welcome]}]
                  - name: everything offline
                    closed-now: [office]
                    mocks: {transfer: ok, queue: timeout, lookup: {crm: not-found}}
                    requests: ["queue support"]
                    script: [{expect: [welcome]}]
                """);
        assertThat(reasons(file)).containsExactly(Optional.empty(), Optional.of("time: offline only"),
                Optional.of("closed-now: offline only; mocks queue: give --agents to run it against agents;"
                        + " mocks transfer: offline only; mocks lookup: the server has no data connectors, so only"
                        + " error runs"));
    }

    @Test
    void withAgentsAQueueMockedConnectedAndALookupMockedAsAnErrorRunAsTheServerAnswersThem() throws Exception {
        Path file = write("""
                  - name: connected
                    mocks: {queue: connected, lookup: {crm: error}}
                    requests: ["queue support"]
                    script: [{expect: [welcome]}]
                  - name: connected after a wait only an offline run can fake
                    mocks: {queue: connected, queue-wait: 10m}
                    script: [{expect: [welcome]}]
                  - name: timed out
                    mocks: {queue: timeout}
                    script: [{expect: [welcome]}]
                """);
        ServerConditions agents = new ServerConditions(List.of("1001"), "pw", Duration.ofSeconds(2), Map.of());
        assertThat(reasons(file, agents)).containsExactly(Optional.empty(),
                Optional.of("mocks queue-wait: offline only"),
                Optional.of("mocks queue: timeout: only connected is reached with agents that answer"));
    }

    @Test
    void aCaseWhosePathGoesThroughBusinessHoursIsNotApplicable() throws Exception {
        Files.writeString(dir.resolve("f.yaml"), """
                flow: f
                calendars:
                  office: {timezone: Europe/Berlin, weekly: {mon: ["09:00-17:00"]}}
                start: m
                steps:
                  m: {menu: {prompt: [menu], options: {"1": h, "2": bye}, retries: 0}}
                  h: {hours: {calendar: office, open: open, closed: bye}}
                  open: {play: [open]}
                  bye: {play: [bye]}
                """);
        Path file = write("""
                  - name: through the hours
                    script: [{expect: [menu]}, {press: "1"}, {expect: [open]}]
                  - name: around them
                    script: [{expect: [menu]}, {press: "2"}, {expect: [bye]}]
                """);
        CompiledFlow flow = FlowCompiler.compile(dir.resolve("f.yaml"));
        WrittenKeys written = WrittenKeys.of(file);
        assertThat(FlowTestFile.read(file).cases()).extracting(c -> OfflineOnly.reason(c, written, flow,
                ServerConditions.NONE)).containsExactly(Optional.of("goes through hours step 'h': say what calendar"
                        + " 'office' says on the server with --calendar office=open|closed|holiday"), Optional.empty());
        ServerConditions open = new ServerConditions(List.of(), null, Duration.ofSeconds(2), Map.of("office", "open"));
        ServerConditions closed = new ServerConditions(List.of(), null, Duration.ofSeconds(2),
                Map.of("office", "closed"));
        assertThat(OfflineOnly.reason(FlowTestFile.read(file).cases().getFirst(), written, flow, open))
                .as("the case's call comes on a Monday at 11:00 in Berlin: open, as the server says").isEmpty();
        assertThat(OfflineOnly.reason(FlowTestFile.read(file).cases().getFirst(), written, flow, closed))
                .contains("goes through hours step 'h' open offline, but calendar 'office' is closed on the server");
    }

    @Test
    void aCaseDialsItsOwnNumberOnlyWhenItWritesOne() throws Exception {
        Path file = write("""
                  - name: default number
                    script: []
                  - name: own number
                    dialed: "200"
                    script: []
                """);
        WrittenKeys written = WrittenKeys.of(file);
        List<FlowTestCase> cases = FlowTestFile.read(file).cases();
        String server = "sip:100@127.0.0.1:5070";
        assertThat(SipFlowTests.target(server, cases.get(0).dialed(), written.writes(cases.get(0), "dialed")))
                .isEqualTo(server);
        assertThat(SipFlowTests.target(server, cases.get(1).dialed(), written.writes(cases.get(1), "dialed")))
                .isEqualTo("sip:200@127.0.0.1:5070");
        assertThat(SipFlowTests.target("sip:127.0.0.1:5070", "100", false)).isEqualTo("sip:100@127.0.0.1:5070");
    }

    @Test
    void badCommandLinesSayWhatIsWrongWithExitStatus2() throws Exception {
        Path file = write("  - name: a\n    script: []\n");
        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(errors()).contains("flow test: give the server to call: --server sip:100@127.0.0.1:5060",
                "usage: switchboard flow test --server");
        assertThat(run("--server", "http://x", file.toString())).isEqualTo(2);
        assertThat(errors()).contains("--server takes a SIP URI like sip:100@127.0.0.1:5060, got 'http://x'");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--time-limit", "soon", file.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("--time-limit takes a time like 500ms, 2s or 1m, got 'soon'");
        assertThat(run("--server=sip:100@127.0.0.1:5060", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(errors()).contains("none: no such file or directory");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--parallel", "0", file.toString())).isEqualTo(2);
        assertThat(errors()).contains("--parallel must be 1 or more, got 0");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--prompts", dir.resolve("nope").toString(),
                file.toString())).isEqualTo(2);
        assertThat(errors()).contains("prompt directory", "does not exist");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--calendar", "office=maybe", file.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("--calendar is NAME=open, NAME=closed or NAME=holiday, got 'office=maybe'");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--agents", "1005-1001", file.toString())).isEqualTo(2);
        assertThat(errors()).contains("--agents takes a range of 1 to 100 ids, got '1005-1001'");
        assertThat(SipFlowTestCommand.parse(List.of("--server", "sip:100@127.0.0.1:5060", "--agents", "1001-1003",
                file.toString()), Map.of("SWITCHBOARD_AGENT_PASSWORD", "pw")).settings().conditions().agents())
                .containsExactly("1001", "1002", "1003");
        assertThat(run("--server", "sip:100@127.0.0.1:5060", "--agents", "1001,1002", file.toString()))
                .as("no password anywhere").isEqualTo(2);
        assertThat(errors()).contains("give the agents' password with --agent-password or SWITCHBOARD_AGENT_PASSWORD");
    }

    private int run(String... args) {
        err.reset();
        return SipFlowTestCommand.run(List.of(args), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
