package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.testing.ScriptedCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Digit gathering: each timer and retry rule in its own situation. */
class GatherTest {

    private static final String FLOW = """
            flow: g
            start: ask
            steps:
              ask:
                gather:
                  prompt: [enter-account]
                  into: account
                  min: 4
                  max: 6
                  first-digit-timeout: 5s
                  inter-digit-timeout: 2s
                  pattern: "[0-9]+"
                  noinput: {prompts: [[no-input], [no-input-2]], max: 2}
                  nomatch: {prompts: [[invalid]], max: 1}
                  on-failure: agent
                next: check
              check:
                branch:
                  - if: "${account == '1234'}"
                    then: known
                  - if: "${account == '123456'}"
                    then: six
                  - else: other
              known: {play: [known], next: bye}
              six: {play: [six], next: bye}
              other: {play: [other], next: bye}
              agent: {play: [agent], next: bye}
              bye: {hangup: {}}
            """;

    private static ScriptedCall run(ScriptedCall call) throws Exception {
        new FlowInterpreter().run(FlowCompiler.compile("g.yaml", FLOW), call, FlowListener.NONE);
        return call;
    }

    @Test
    void theTerminatorEndsEntryAndIsNotStored() throws Exception {
        assertThat(run(new ScriptedCall().thenPress("1234#")).heard()).containsExactly("enter-account", "known");
    }

    @Test
    void reachingMaxEndsEntryAtOnce() throws Exception {
        ScriptedCall call = run(new ScriptedCall().thenPress("1234567"));
        assertThat(call.heard()).containsExactly("enter-account", "six");
        assertThat(call.log()).doesNotContain("key 7");
    }

    @Test
    void theInterDigitTimeoutEndsEntryAfterTheLastKey() throws Exception {
        ScriptedCall call = run(new ScriptedCall().thenPress("1234").thenSilence());
        assertThat(call.heard()).containsExactly("enter-account", "known");
        assertThat(call.log()).contains("silence 2000ms");
    }

    @Test
    void keysTypedDuringThePromptCount() throws Exception {
        ScriptedCall call = run(new ScriptedCall().duringPrompt("enter-account", "12").thenPress("34#"));
        assertThat(call.heard()).containsExactly("enter-account", "known");
    }

    @Test
    void noInputUsesTheFirstDigitTimeoutAndTaperedRepromptsThenFails() throws Exception {
        ScriptedCall call = run(new ScriptedCall());
        assertThat(call.heard()).containsExactly("enter-account", "no-input", "enter-account", "no-input-2",
                "enter-account", "agent");
        assertThat(call.log()).contains("silence 5000ms");
        assertThat(call.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void tooFewDigitsIsANoMatch() throws Exception {
        ScriptedCall call = run(new ScriptedCall().thenPress("12#").thenPress("1234#"));
        assertThat(call.heard()).containsExactly("enter-account", "invalid", "enter-account", "known");
    }

    @Test
    void aPatternMismatchIsANoMatchAndTooManyGoToFailure() throws Exception {
        ScriptedCall call = run(new ScriptedCall().thenPress("12*4#").thenPress("12*4#"));
        assertThat(call.heard()).containsExactly("enter-account", "invalid", "enter-account", "agent");
    }

    @Test
    void aHangUpWhileGatheringEndsTheFlow() throws Exception {
        ScriptedCall call = run(new ScriptedCall().thenPress("12").thenHangUp());
        assertThat(call.heard()).containsExactly("enter-account");
        assertThat(call.hungUpBySystem()).isFalse();
    }
}
