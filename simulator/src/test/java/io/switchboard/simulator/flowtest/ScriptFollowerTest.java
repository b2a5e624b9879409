package io.switchboard.simulator.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.FlowTestFile;
import io.switchboard.simulator.CallSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The caller following a script, on the {@link FakeIvr}'s virtual clock: what it does when, and the verdicts. */
class ScriptFollowerTest {

    private static final long MS = 1_000_000L;
    private static final String SILENCE_THEN_A_WRONG_KEY = """
            script:
              - expect: [welcome, menu]
              - silence: {}
              - expect: [no-input, menu]
              - press: "7"
              - expect: [invalid, menu]
              - press: "1"
              - expect: [one, bye]
            outcome: hangup
            """;

    @TempDir
    Path dir;

    private FakeIvr ivr = new FakeIvr(true);

    private SipCaseResult follow(String caseYaml) throws Exception {
        return follow(caseYaml, Duration.ofMinutes(2));
    }

    private SipCaseResult follow(String caseYaml, Duration timeLimit) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "flow: f.yaml\ncases:\n  - name: c\n" + caseYaml.indent(4));
        FlowTestCase c = FlowTestFile.read(file).cases().get(0);
        return CaseJudge.judge(c, new ScriptFollower(ivr, timeLimit).follow(c));
    }

    private static String failure(SipCaseResult r) {
        assertThat(r).isInstanceOf(SipCaseResult.Failed.class);
        return ((SipCaseResult.Failed) r).message();
    }

    @Test
    void keysGoOutOnlyAfterTheMenuPromptHasPlayedToItsEnd() throws Exception {
        SipCaseResult r = follow("""
                script:
                  - expect: [welcome, menu]
                  - press: "1"
                  - expect: [one, bye]
                outcome: hangup
                """);
        assertThat(r).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(((SipCaseResult.Passed) r).note()).isEmpty();
        long menuEnd = ivr.startOf(1) + 3_000 * MS;
        assertThat(ivr.sentKeys()).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo('1');
            assertThat(k.nanos()).isGreaterThanOrEqualTo(menuEnd);
        });
        assertThat(ivr.endedBy()).isEqualTo(CallSession.EndedBy.SERVER);
    }

    @Test
    void aPromptPlacedAFewMillisecondsBeforeTheKeyThatCausedItStillComesAfterIt() throws Exception {
        ivr = new FakeIvr(true, Duration.ofMillis(30));
        assertThat(follow(SILENCE_THEN_A_WRONG_KEY)).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(ivr.startOf(4)).isLessThan(ivr.sentKeys().get(0).nanos());
    }

    @Test
    void pressDuringSendsTheKeyWhileThePromptPlays() throws Exception {
        SipCaseResult r = follow("""
                script:
                  - expect: [welcome]
                  - press-during: {prompt: welcome, keys: "1"}
                  - expect: [one, bye]
                outcome: end-of-flow
                """);
        assertThat(r).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(ivr.sentKeys().get(0).nanos()).isLessThan(ivr.startOf(0) + 2_000 * MS);
    }

    @Test
    void pressDuringABargeInPromptStopsIt() throws Exception {
        SipCaseResult r = follow("""
                script:
                  - expect: [welcome, menu]
                  - press-during: {prompt: menu, keys: "1"}
                  - expect: [one, bye]
                """);
        assertThat(r).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(ivr.startOf(2) - ivr.startOf(1)).isLessThan(3_000 * MS);
    }

    @Test
    void silenceWaitsForTheNoInputPromptAndAWrongKeyGetsInvalid() throws Exception {
        assertThat(follow(SILENCE_THEN_A_WRONG_KEY)).isInstanceOf(SipCaseResult.Passed.class);
    }

    @Test
    void hangupAfterTheMenuAndHangupDuringTheWelcome() throws Exception {
        assertThat(follow("""
                script:
                  - expect: [welcome, menu]
                  - hangup: {}
                outcome: caller-hung-up
                """)).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(ivr.endedBy()).isEqualTo(CallSession.EndedBy.CALLER);
        assertThat(ivr.nanoTime()).isGreaterThanOrEqualTo(ivr.startOf(1) + 3_000 * MS);

        ivr = new FakeIvr(true);
        assertThat(follow("""
                script:
                  - expect: [welcome]
                  - hangup-during: welcome
                outcome: caller-hung-up
                """)).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(ivr.heard()).hasSize(1);
        assertThat(ivr.nanoTime()).isLessThan(ivr.startOf(0) + 2_000 * MS);
    }

    @Test
    void anotherPromptFailsAtTheScriptLineThatWantedItAndTheCallerLeaves() throws Exception {
        String message = failure(follow("""
                script:
                  - expect: [welcome, menu]
                  - press: "2"
                  - expect: [one, bye]
                """));
        assertThat(message).isEqualTo(dir.resolve("t.yaml") + ":7:9: expected play one but got play invalid;"
                + " the caller's transcript: [play welcome, play menu, key 2, play invalid]");
        assertThat(ivr.endedBy()).isEqualTo(CallSession.EndedBy.CALLER);
    }

    /** A call that goes another way than the script fails at the line that wanted something else. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a prompt after the script | [{expect: [welcome, menu]}] | | :3:5: expected the call to end but got play no-input;
            the server hangs up early | [{expect: [welcome, menu]}, {press: "1"}, {expect: [one, bye, menu]}] | | :4:55: expected play menu but the call ended;
            the wrong outcome | [{expect: [welcome, menu]}, {hangup: {}}] | hangup | :3:5: expected the flow to end with hangup but the caller hung up
            """)
    void aCallThatGoesAnotherWayFails(String what, String script, String outcome, String message) throws Exception {
        assertThat(failure(follow("script: " + script + (outcome == null ? "" : "\noutcome: " + outcome))))
                .contains(message);
    }

    @Test
    void anOutcomeACallerCannotSeeIsNotChecked() throws Exception {
        SipCaseResult r = follow("""
                script:
                  - expect: [welcome, menu]
                  - press: "1"
                  - expect: [one, bye]
                outcome: step-limit
                """);
        assertThat(r).isInstanceOf(SipCaseResult.Passed.class);
        assertThat(((SipCaseResult.Passed) r).note()).isEqualTo("outcome step-limit is not visible to a caller;"
                + " not checked");
    }

    @Test
    void aStuckCallFailsWhenTheTimeLimitRunsOutNamingWhatItWaitedFor() throws Exception {
        ivr = new FakeIvr(false);
        String message = failure(follow("""
                script:
                  - expect: [welcome, menu]
                """, Duration.ofSeconds(30)));
        assertThat(message).contains(":5:9: the case's time limit of 30s ran out waiting for menu;"
                + " the caller's transcript: [play welcome]");
        assertThat(ivr.endedBy()).isEqualTo(CallSession.EndedBy.CALLER);
    }
}
