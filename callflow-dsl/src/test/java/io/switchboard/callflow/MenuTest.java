package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.graph.FlowDiagram;
import io.switchboard.callflow.step.MenuStep;
import io.switchboard.callflow.testing.ScriptedCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** menu: VoiceXML-grade no-input and no-match handling, each rule on its own, and spoken choices. */
class MenuTest {

    private static final String TAPERED = """
            flow: m
            start: menu
            steps:
              menu:
                menu:
                  prompt: [main-menu]
                  options:
                    "1": sales
                    "2": {next: support, say: [support, "technical help"]}
                  timeout: 4s
                  noinput: {prompts: [[no-input], [no-input, main-menu-short]], max: 2}
                  nomatch: {prompts: [[invalid]], max: 1}
                  on-failure: agent
              sales: {play: [sales]}
              support: {play: [support]}
              agent: {play: [agent]}
            """;

    private static ScriptedCall run(String yaml, ScriptedCall call) throws Exception {
        new FlowInterpreter().run(FlowCompiler.compile("m.yaml", yaml), call, FlowListener.NONE);
        return call;
    }

    @Test
    void eachNoInputPlaysTheRepromptForItsCountAndTheLastOneRepeats() throws Exception {
        ScriptedCall call = run(TAPERED, new ScriptedCall().thenSilence().thenSilence().thenPress("1"));
        assertThat(call.heard()).containsExactly("main-menu", "no-input", "main-menu", "no-input",
                "main-menu-short", "main-menu", "sales");
    }

    @Test
    void oneNoInputMoreThanItsMaxGoesToTheFailureTargetWithoutAnotherReprompt() throws Exception {
        ScriptedCall call = run(TAPERED, new ScriptedCall().thenSilence().thenSilence().thenSilence());
        assertThat(call.heard()).containsExactly("main-menu", "no-input", "main-menu", "no-input",
                "main-menu-short", "main-menu", "agent");
    }

    @Test
    void noInputAndNoMatchAreCountedApart() throws Exception {
        // nomatch max 1: one wrong key is forgiven; two silences are still allowed after it
        ScriptedCall call = run(TAPERED, new ScriptedCall().thenPress("9").thenSilence().thenSilence()
                .thenPress("2"));
        assertThat(call.heard()).containsExactly("main-menu", "invalid", "main-menu", "no-input", "main-menu",
                "no-input", "main-menu-short", "main-menu", "support");
        ScriptedCall twoWrong = run(TAPERED, new ScriptedCall().thenPress("9").thenPress("8"));
        assertThat(twoWrong.heard()).containsExactly("main-menu", "invalid", "main-menu", "agent");
    }

    @Test
    void theTimeoutRunsAfterThePromptForEveryAttempt() throws Exception {
        ScriptedCall call = run(TAPERED, new ScriptedCall().thenSilence().thenPress("1"));
        // prompt 2s, silence 4s, re-prompt 2s, prompt 2s, then the key; sales 2s
        assertThat(call.elapsed()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void keysTypedAfterAWrongKeyAreDiscarded() throws Exception {
        String typeAhead = "flow: m\nstart: w\nsteps:\n  w: {play: [welcome], next: menu}\n"
                + TAPERED.substring(TAPERED.indexOf("  menu:\n"));
        ScriptedCall call = run(typeAhead, new ScriptedCall().duringPrompt("welcome", "91").thenPress("2"));
        // 9 stops the menu prompt at once and is wrong; the 1 typed after it is dropped, not taken as sales
        assertThat(call.heard()).containsExactly("welcome", "invalid", "main-menu", "support");
    }

    @Test
    void theShortFormsPlayTheSameRepromptEveryTimeAndRetriesLimitsBoth() throws Exception {
        String shortForm = """
                flow: m
                start: menu
                steps:
                  menu:
                    menu: {prompt: [main-menu], options: {"1": sales}, retries: 1, invalid: [invalid],
                           noinput: [no-input], on-failure: agent}
                  sales: {play: [sales]}
                  agent: {play: [agent]}
                """;
        MenuStep menu = (MenuStep) FlowCompiler.compile("m.yaml", shortForm).step("menu").orElseThrow();
        assertThat(menu.noInput().max()).isEqualTo(1);
        assertThat(menu.noMatch().max()).isEqualTo(1);
        ScriptedCall call = run(shortForm, new ScriptedCall().thenPress("7").thenSilence().thenSilence());
        assertThat(call.heard()).containsExactly("main-menu", "invalid", "main-menu", "no-input", "main-menu",
                "agent");
    }

    @Test
    void withoutAFailureTargetTheFlowEnds() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("m.yaml",
                "flow: m\nstart: a\nsteps:\n  a: {menu: {prompt: [p], options: {\"1\": b}, retries: 0}}\n"
                        + "  b: {hangup: {}}\n");
        FlowResult result = new FlowInterpreter().run(flow, new ScriptedCall(), FlowListener.NONE);
        assertThat(result.outcome()).isEqualTo("end-of-flow");
    }

    @Test
    void contradictoryRetrySettingsAreReportedWhereTheyAreWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("m.yaml",
                """
                flow: m
                start: a
                steps:
                  a:
                    menu:
                      prompt: [p]
                      options: {"1": a}
                      retries: 2
                      invalid: [invalid]
                      nomatch: {prompts: [[invalid]], max: 3}
                """));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "m.yaml:9:16: error: step 'a' menu: 'invalid' and 'nomatch' both say what to play after a wrong key"
                        + " (hint: keep nomatch: {prompts: [[invalid]], max: 2})",
                "m.yaml:8:7: error: step 'a' menu: 'retries' and nomatch 'max' both limit the nomatch attempts"
                        + " (hint: keep one: max inside nomatch)");
    }

    @Test
    void aSpokenPhraseChoosesItsOptionAsWholeWordsInAnyCase() throws Exception {
        assertThat(run(TAPERED, new ScriptedCall().thenSay("I need Technical Help, please")).heard())
                .containsExactly("main-menu", "support");
        // "supported" is not the word "support": a no-match, then the key
        assertThat(run(TAPERED, new ScriptedCall().thenSay("is this supported").thenPress("1")).heard())
                .containsExactly("main-menu", "invalid", "main-menu", "sales");
    }

    @Test
    void speechAtAStepThatTakesKeysOnlyIsNoInput() throws Exception {
        String keysOnly = "flow: m\nstart: a\nsteps:\n  a: {menu: {prompt: [p], options: {\"1\": b}, noinput: [n],"
                + " on-failure: b}}\n  b: {play: [done]}\n";
        assertThat(run(keysOnly, new ScriptedCall().thenSay("one").thenPress("1")).heard())
                .containsExactly("p", "n", "p", "done");
    }

    @Test
    void aPhraseGivenToTwoOptionsIsACompileError() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("m.yaml",
                "flow: m\nstart: a\nsteps:\n  a: {menu: {prompt: [p], options: {\"1\": {next: a, say: [Sales]},"
                        + " \"2\": {next: a, say: [\"sales \"]}}}}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly("m.yaml:4:87: error: step 'a'"
                + " menu: the phrase 'sales' is listed for key 1 and key 2 (hint: give each phrase to one option)");
    }

    @Test
    void theGraphLabelsAnEdgeWithItsKeyAndPhrases() throws Exception {
        assertThat(FlowDiagram.edges(FlowCompiler.compile("m.yaml", TAPERED)))
                .contains(new FlowDiagram.Edge("menu", "support", "2 or \"support\", \"technical help\""));
    }
}
