package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.testing.ScriptedCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walking-skeleton flow run against scripted callers: what each caller hears and where the flow ends. */
class FlowInterpreterTest {

    private static CompiledFlow flow;
    private final FlowInterpreter interpreter = new FlowInterpreter();
    private final List<String> steps = new ArrayList<>();
    private final FlowListener listener = new FlowListener() {
        @Override
        public void stepEntered(String stepId, String kind) {
            steps.add(stepId + ":" + kind);
        }

        @Override
        public void flowEnded(String outcome) {
            steps.add("end:" + outcome);
        }
    };

    @BeforeAll
    static void compile() throws Exception {
        flow = FlowCompiler.compile(Path.of("src/test/resources/flows/skeleton.yaml"));
    }

    @Test
    void key1LeadsToSalesThenGoodbyeAndOurHangup() {
        ScriptedCall call = new ScriptedCall().thenPress("1");
        FlowResult result = interpreter.run(flow, call, listener);
        assertThat(call.heard()).containsExactly("welcome", "main-menu", "sales", "goodbye");
        assertThat(result.outcome()).isEqualTo("hangup");
        assertThat(call.hungUpBySystem()).isTrue();
        assertThat(steps).containsExactly("welcome:play", "main-menu:menu", "sales:play", "goodbye:play",
                "hang-up:hangup", "end:hangup");
    }

    @Test
    void key2LeadsToSupport() {
        ScriptedCall call = new ScriptedCall().thenPress("2");
        interpreter.run(flow, call, listener);
        assertThat(call.heard()).containsExactly("welcome", "main-menu", "support", "goodbye");
    }

    @Test
    void aWrongKeyGetsTheInvalidPromptAndTheMenuAgain() {
        ScriptedCall call = new ScriptedCall().thenPress("72");
        interpreter.run(flow, call, listener);
        assertThat(call.heard()).containsExactly("welcome", "main-menu", "invalid", "main-menu", "support",
                "goodbye");
    }

    @Test
    void silenceEveryTimeEndsAtTheFailureTargetAfterEveryAttempt() {
        ScriptedCall call = new ScriptedCall();
        interpreter.run(flow, call, listener);
        // retries: 3 → three no-inputs re-prompt, the fourth goes to on-failure
        assertThat(call.heard()).containsExactly("welcome", "main-menu", "no-input", "main-menu", "no-input",
                "main-menu", "no-input", "main-menu", "goodbye");
        assertThat(call.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void keysTypedAheadDuringTheWelcomeChooseWithoutHearingTheMenu() {
        ScriptedCall call = new ScriptedCall().duringPrompt("welcome", "2");
        interpreter.run(flow, call, listener);
        assertThat(call.heard()).containsExactly("welcome", "support", "goodbye");
    }

    @Test
    void aKeyDuringTheMenuPromptInterruptsItAndCounts() {
        ScriptedCall call = new ScriptedCall().duringPrompt("main-menu", "1");
        interpreter.run(flow, call, listener);
        assertThat(call.heard()).containsExactly("welcome", "main-menu", "sales", "goodbye");
        assertThat(call.log()).containsSubsequence("play main-menu", "key 1", "play sales");
    }

    @Test
    void aHangUpMidPromptEndsTheFlowAtOnce() {
        ScriptedCall call = new ScriptedCall().hangUpDuring("main-menu");
        FlowResult result = interpreter.run(flow, call, listener);
        assertThat(result.outcome()).isEqualTo("caller-hung-up");
        assertThat(call.heard()).containsExactly("welcome", "main-menu");
        assertThat(call.hungUpBySystem()).isFalse();
        assertThat(steps).containsExactly("welcome:play", "main-menu:menu", "end:caller-hung-up");
    }

    @Test
    void aHangUpWhileWaitingForAKeyEndsTheFlow() {
        ScriptedCall call = new ScriptedCall().thenHangUp();
        assertThat(interpreter.run(flow, call, listener).outcome()).isEqualTo("caller-hung-up");
        assertThat(call.heard()).containsExactly("welcome", "main-menu");
    }

    @Test
    void gotoIsBoundedSoALoopAlwaysEnds() throws Exception {
        CompiledFlow loop = FlowCompiler.compile("loop.yaml", """
                flow: loop
                start: hello
                steps:
                  hello: {play: [hello], next: again}
                  again: {goto: hello, max: 2, on-limit: bye}
                  bye: {hangup: {}}
                """);
        ScriptedCall call = new ScriptedCall();
        assertThat(interpreter.run(loop, call, listener).outcome()).isEqualTo("hangup");
        assertThat(call.heard()).containsExactly("hello", "hello", "hello");
    }

    @Test
    void aFlowWithoutHangupEndsAndSaysSo() throws Exception {
        CompiledFlow open = FlowCompiler.compile("open.yaml", "flow: open\nstart: a\nsteps:\n  a: {play: [x]}\n");
        ScriptedCall call = new ScriptedCall();
        assertThat(interpreter.run(open, call, listener).outcome()).isEqualTo("end-of-flow");
    }
}
