package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-call survey: rating retries, the comment, what the server is told to store, and the compile checks. */
class SurveyTest {

    private static final String FLOW = """
            flow: s
            start: rate
            steps:
              rate:
                survey:
                  prompt: [survey-rating]
                  timeout: 4s
                  noinput: {prompts: [[no-input]], max: 1}
                  nomatch: {prompts: [[invalid]], max: 1}
                  into: rating
                  comment: {prompt: [leave-message], max-length: 20s, silence-end: 2s, into: comment}
                  thanks: [survey-thanks]
                  on-failure: bye
                next: check
              check:
                branch:
                  - if: "${rating >= 4}"
                    then: happy
                  - else: bye
              happy: {play: [thank-you-message], next: bye}
              bye: {hangup: {}}
            """;

    @TempDir
    Path dir;

    /** What the listener was told: "rating comment". */
    private final List<String> stored = new ArrayList<>();

    private FlowResult run(ScriptedCall call) throws Exception {
        return new FlowInterpreter().run(FlowCompiler.compile("s.yaml", FLOW), call, new FlowListener() {
            @Override
            public void surveyAnswered(int rating, String commentRecording) {
                stored.add(rating + " " + commentRecording);
            }
        });
    }

    @Test
    void aRatingAndACommentAreStoredAndThanked() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("5").thenSpeak(Duration.ofSeconds(6)).thenPress("#");
        run(call);
        assertThat(stored).containsExactly("5 recording-1");
        assertThat(call.log()).containsExactly("answer", "play survey-rating", "key 5", "play leave-message",
                "play beep", "speak 6s", "key #", "play survey-thanks", "play thank-you-message", "hangup");
    }

    @Test
    void aRatingWithoutACommentIsStoredWithoutOne() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("2").thenSilence();
        run(call);
        assertThat(stored).containsExactly("2 null");
        assertThat(call.heard()).containsExactly("survey-rating", "leave-message", "beep", "survey-thanks");
    }

    @Test
    void noInputAndAWrongKeyAreAskedAgainThenTheRatingCounts() throws Exception {
        ScriptedCall call = new ScriptedCall().thenSilence().thenPress("9").thenPress("4").thenSilence();
        run(call);
        assertThat(call.heard()).startsWith("survey-rating", "no-input", "survey-rating", "invalid",
                "survey-rating", "leave-message");
        assertThat(call.log()).contains("silence 4000ms");
        assertThat(stored).containsExactly("4 null");
    }

    @Test
    void tooManyWrongKeysGiveUpWithNothingStored() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("0").thenPress("7");
        run(call);
        assertThat(call.heard()).containsExactly("survey-rating", "invalid", "survey-rating");
        assertThat(stored).isEmpty();
    }

    @Test
    void aCallerWhoHangsUpDuringTheCommentLeavesRatingAndComment() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("3").thenSpeak(Duration.ofSeconds(4)).thenHangUp();
        assertThat(run(call).outcome()).isEqualTo("caller-hung-up");
        assertThat(stored).containsExactly("3 recording-1");
        assertThat(call.heard()).doesNotContain("survey-thanks");
    }

    @Test
    void aCallerWhoHangsUpBeforeRatingLeavesNothing() throws Exception {
        ScriptedCall call = new ScriptedCall().thenHangUp();
        assertThat(run(call).outcome()).isEqualTo("caller-hung-up");
        assertThat(stored).isEmpty();
    }

    @Test
    void aFlowTestScriptsTheCommentWithSpeak() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                flow: s.yaml
                cases:
                  - name: a happy caller comments
                    requests: ["survey 5 recording-1"]
                    script:
                      - expect: [survey-rating]
                      - press: "5"
                      - expect: [leave-message, beep]
                      - speak: 6s
                      - press: "#"
                      - expect: [survey-thanks, thank-you-message]
                    outcome: hangup
                  - name: a comment shorter than a second is no comment
                    requests: ["survey 1"]
                    script:
                      - expect: [survey-rating]
                      - press: "1"
                      - expect: [leave-message, beep]
                      - speak: 500ms
                      - silence: {}
                      - expect: [survey-thanks]
                """);
        String out = flowTests(FLOW);
        assertThat(out).contains("2 passed, 0 failed");
    }

    @Test
    void aFlowTestThatExpectsOtherSpeechFailsAtThatLine() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                flow: s.yaml
                cases:
                  - name: the caller hangs up instead
                    script:
                      - expect: [survey-rating]
                      - press: "5"
                      - expect: [leave-message, beep]
                      - speak: 3s
                      - hangup: {}
                      - expect: [survey-thanks]
                """);
        assertThat(flowTests(FLOW)).contains("t.yaml:10:9: expected play survey-thanks but the"
                + " call ended");
    }

    @Test
    void aBadSpeakLineIsReportedAtItsValue() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                flow: s.yaml
                cases:
                  - name: broken
                    script: [{speak: loud}]
                """);
        assertThat(flowTests(FLOW)).contains("t.yaml:4:22: error: script line: 'speak' is not a"
                + " duration: 'loud'");
    }

    /** Runs the flow tests in t.yaml against {@code flow} (as s.yaml); what they printed. */
    private String flowTests(String flow) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), flow);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compileChecksPointAtTheWrongValue() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("s.yaml",
                """
                flow: s
                start: r
                steps:
                  r:
                    survey:
                      timeout: never
                      comment: {finish-keys: "x", into: c}
                """));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactlyInAnyOrder(
                "s.yaml:6:7: error: step 'r' survey: 'prompt' is required (hint: ask for the rating: prompt:"
                        + " [survey-rating])",
                "s.yaml:6:16: error: step 'r' survey: 'timeout' is not a duration: 'never' (hint: write a time like"
                        + " 500ms, 5s or 2m)",
                "s.yaml:7:30: error: step 'r' survey comment: 'finish-keys' must be phone keys (0-9, * or #), got 'x'"
                        + " (hint: quote them: finish-keys: \"#\")",
                "s.yaml:6:7: error: step 'r' survey: 'into' is required (hint: name the variable for the rating:"
                        + " into: rating)");
    }
}
