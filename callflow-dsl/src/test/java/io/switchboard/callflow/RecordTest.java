package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.callflow.engine.HandoffPort;
import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.testing.ScriptedCall;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Voicemail: each way a recording ends, the minimum length, a hang-up mid-message, and the compile checks. */
class RecordTest {

    private static final String FLOW = """
            flow: vm
            start: voicemail
            steps:
              voicemail:
                record:
                  prompt: [leave-message]
                  max-length: 30s
                  silence-end: 3s
                  finish-keys: "#*"
                  min-length: 2s
                  into: message
                  nothing: no-message
                next: ticket
              ticket:
                handoff: {to: ticket, context: {voicemail: "${message}", seconds: "${message.seconds}"}, failed: bye}
                next: thanks
              thanks: {play: [thank-you-message], next: bye}
              no-message: {play: [no-input], next: bye}
              bye: {hangup: {}}
            """;

    /** Hand-offs the flow made, as "target {context}". */
    private final List<String> handoffs = new ArrayList<>();

    private final FlowServices services = FlowServices.UNAVAILABLE.withHandoffs((target, context) -> {
        Map<String, String> shown = new java.util.TreeMap<>(context);
        shown.remove("call.id");
        handoffs.add(target + " " + shown);
        return new HandoffPort.HandoffResult.Accepted("T-1");
    });

    private FlowResult run(ScriptedCall call) throws Exception {
        return new FlowInterpreter(Clock.systemUTC(), new CalendarOverrides(), services,
                FlowInterpreter.DEFAULT_STEP_LIMIT).run(FlowCompiler.compile("vm.yaml", FLOW), call,
                        FlowListener.NONE);
    }

    @Test
    void aFinishKeyEndsTheMessageAndTheRecordingIsHandedOff() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(12)).thenPress("#");
        assertThat(run(call).outcome()).isEqualTo("hangup");
        assertThat(call.log()).containsExactly("answer", "play leave-message", "play beep", "speak 12s", "key #",
                "play thank-you-message", "hangup");
        assertThat(handoffs).containsExactly("ticket {seconds=12, voicemail=recording-1}");
    }

    @Test
    void silenceEndsTheMessageAfterTheSilenceTime() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(5)).thenSilence();
        run(call);
        assertThat(call.log()).containsSubsequence("speak 5s", "silence 3000ms", "play thank-you-message");
        assertThat(call.elapsed()).isEqualTo(Duration.ofSeconds(2 + 2 + 5 + 3 + 2));
        assertThat(handoffs).containsExactly("ticket {seconds=5, voicemail=recording-1}");
    }

    @Test
    void theMaximumLengthCutsTheCallerOff() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(45)).thenPress("#");
        run(call);
        assertThat(handoffs).containsExactly("ticket {seconds=30, voicemail=recording-1}");
        assertThat(call.log()).as("the key comes after the recording ended").doesNotContain("key #");
        assertThat(call.elapsed()).isEqualTo(Duration.ofSeconds(2 + 2 + 30 + 2));
    }

    @Test
    void aMessageShorterThanTheMinimumIsNothing() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofMillis(1500)).thenPress("*");
        run(call);
        assertThat(call.heard()).containsExactly("leave-message", "beep", "no-input");
        assertThat(handoffs).isEmpty();
    }

    @Test
    void silenceFromTheStartIsNothing() throws Exception {
        ScriptedCall call = new ScriptedCall();
        run(call);
        assertThat(call.log()).containsExactly("answer", "play leave-message", "play beep", "silence 3000ms",
                "play no-input", "hangup");
    }

    @Test
    void otherKeysDoNotEndTheMessage() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(3)).thenPress("5")
                .thenSpeak(Duration.ofSeconds(4)).thenPress("#");
        run(call);
        assertThat(handoffs).containsExactly("ticket {seconds=7, voicemail=recording-1}");
    }

    @Test
    void aCallerWhoHangsUpMidMessageStillLeavesIt() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(8)).thenHangUp();
        FlowResult result = run(call);
        assertThat(handoffs).as("the message is handed off after the hang-up")
                .containsExactly("ticket {seconds=8, voicemail=recording-1}");
        assertThat(result.outcome()).isEqualTo("caller-hung-up");
        assertThat(call.heard()).doesNotContain("thank-you-message");
    }

    @Test
    void aCallerWhoHangsUpBeforeSpeakingLeavesNothing() throws Exception {
        ScriptedCall call = new ScriptedCall().thenHangUp();
        assertThat(run(call).outcome()).isEqualTo("caller-hung-up");
        assertThat(handoffs).isEmpty();
        assertThat(call.heard()).containsExactly("leave-message", "beep");
    }

    @Test
    void keysTypedDuringThePromptDoNotEndTheMessage() throws Exception {
        ScriptedCall call = new ScriptedCall().duringPrompt("leave-message", "#").thenSpeak(Duration.ofSeconds(4))
                .thenPress("#");
        run(call);
        assertThat(handoffs).containsExactly("ticket {seconds=4, voicemail=recording-1}");
    }

    @Test
    void withoutABeepTheRecordingStartsAfterThePrompt() throws Exception {
        String flow = """
                flow: vm
                start: r
                steps:
                  r: {record: {prompt: [leave-message], beep: false, into: m, nothing: r}}
                """;
        ScriptedCall call = new ScriptedCall().thenSpeak(Duration.ofSeconds(3)).thenPress("#");
        List<Object> kept = new ArrayList<>();
        new FlowInterpreter().run(FlowCompiler.compile("vm.yaml", flow), call, new FlowListener() {
            @Override
            public void flowEnded(String outcome) {
                kept.add(outcome);
            }
        });
        assertThat(call.heard()).containsExactly("leave-message");
        assertThat(kept).containsExactly("end-of-flow");
    }

    @Test
    void aCarrierThatCannotRecordTakesTheNothingEdge() throws Exception {
        var flow = FlowCompiler.compile("vm.yaml", FLOW);
        var call = new io.switchboard.callflow.engine.CallControl() {
            final ScriptedCall inner = new ScriptedCall();

            public io.switchboard.callflow.engine.CallFacts facts() {
                return inner.facts();
            }

            public boolean answer() {
                return inner.answer();
            }

            public io.switchboard.callflow.engine.PlayOutcome play(List<io.switchboard.callflow.engine.PromptRef> p,
                    boolean b) {
                return inner.play(p, b);
            }

            public io.switchboard.callflow.engine.KeyOutcome nextKey(Duration t) {
                return inner.nextKey(t);
            }

            public void clearKeys() {
                inner.clearKeys();
            }

            public String language() {
                return "en";
            }

            public void setLanguage(String l) {}

            public void hangup() {
                inner.hangup();
            }

            public boolean isGone() {
                return inner.isGone();
            }
        };
        new FlowInterpreter().run(flow, call, FlowListener.NONE);
        assertThat(call.inner.heard()).containsExactly("leave-message", "no-input");
    }

    @Test
    void compileChecksPointAtTheWrongValue() {
        List<String> errors = errors("""
                flow: vm
                start: r
                steps:
                  r:
                    record:
                      max-length: 20m
                      silence-end: soon
                      finish-keys: "#x"
                      min-length: 30m
                      colour: red
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "vm.yaml:6:19: error: step 'r' record: 'max-length' must be at most 10m, got 20m",
                "vm.yaml:7:20: error: step 'r' record: 'silence-end' is not a duration: 'soon' (hint: write a time"
                        + " like 500ms, 5s or 2m)",
                "vm.yaml:8:20: error: step 'r' record: 'finish-keys' must be phone keys (0-9, * or #), got '#x'"
                        + " (hint: quote them: finish-keys: \"#\")",
                "vm.yaml:9:7: error: step 'r' record: 'min-length' (30m) is longer than 'max-length' (20m)",
                "vm.yaml:6:7: error: step 'r' record: 'into' is required (hint: name the variable for the"
                        + " recording: into: message)",
                "vm.yaml:6:7: error: step 'r' record: 'nothing' is required (hint: write nothing: <step>)",
                "vm.yaml:10:7: error: step 'r' record: unknown key 'colour' (hint: known here: prompt, beep,"
                        + " max-length, silence-end, min-length, finish-keys, into, nothing)");
    }

    @Test
    void theNothingStepMustExist() {
        assertThat(errors("""
                flow: vm
                start: r
                steps:
                  r: {record: {into: m, nothing: nowhere}}
                """)).singleElement().asString().startsWith("vm.yaml:4:34: error:").contains("nowhere");
    }

    private static List<String> errors(String text) {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile("vm.yaml", text));
        assertThat(e).as("expected diagnostics").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
}
