package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.step.MenuStep;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each mistake a designer can make gets one diagnostic at the exact place, never a stack trace. */
class FlowCompilerTest {

    private static List<String> errors(String text) {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile("f.yaml", text));
        assertThat(e).as("expected diagnostics for:\n" + text).isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void compilesTheSkeletonMenu() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("f.yaml", """
                flow: demo
                start: m
                steps:
                  m:
                    menu:
                      prompt: [main-menu]
                      options: {1: a, "#": b}
                      timeout: 1.5s
                      retries: 1
                  a: {hangup: {}}
                  b: {hangup: {}}
                """);
        MenuStep menu = (MenuStep) flow.step("m").orElseThrow();
        assertThat(menu.options()).containsEntry('1', "a").containsEntry('#', "b");
        assertThat(menu.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(menu.noInput().max()).isEqualTo(1);
        assertThat(menu.noMatch().max()).isEqualTo(1);
        assertThat(menu.pos().line()).isEqualTo(4);
        assertThat(flow.languages()).containsExactly("en");
    }

    @Test
    void unknownTargetPointsAtTheNameAndSuggests() {
        assertThat(errors("flow: x\nstart: a\nsteps:\n  a: {play: [p], next: goodbey}\n  goodbye: {hangup: {}}\n"))
                .containsExactly("f.yaml:4:24: error: unknown step 'goodbey' (hint: did you mean 'goodbye'?)");
    }

    @Test
    void duplicateKeyIsAnErrorAtTheSecondKey() {
        assertThat(errors("flow: x\nstart: a\nsteps:\n  a: {hangup: {}}\n  a: {hangup: {}}\n"))
                .anySatisfy(d -> assertThat(d).startsWith("f.yaml:5:3: error:").contains("duplicate key 'a'"));
    }

    @Test
    void badTimerValue() {
        assertThat(errors("""
                flow: x
                start: m
                steps:
                  m:
                    menu: {prompt: [p], options: {1: m}, timeout: soon}
                """)).containsExactly("f.yaml:5:51: error: step 'm' menu: 'timeout' is not a duration: 'soon'"
                + " (hint: write a time like 500ms, 5s or 2m)");
        assertThat(errors("flow: x\nstart: m\nsteps:\n  m: {menu: {prompt: [p], options: {1: m}, timeout: 0s}}\n"))
                .singleElement().asString().contains("'timeout' must be more than 0");
    }

    @Test
    void wrongTypesAndUnknownKeys() {
        assertThat(errors("flow: x\nstart: a\nsteps:\n  a: {play: {x: 1}, nxt: b}\n")).containsExactly(
                "f.yaml:4:14: error: step 'a' play: 'x' is not a way to read a value"
                        + " (hint: use number:, digits: or duration:)",
                "f.yaml:4:21: error: step 'a': unknown key 'nxt' (hint: known here: play, barge-in, next)");
    }

    @Test
    void aStepNeedsExactlyOneKind() {
        assertThat(errors("flow: x\nstart: a\nsteps:\n  a: {next: a}\n")).singleElement().asString()
                .startsWith("f.yaml:4:3: error: step 'a' has no kind");
        assertThat(errors("flow: x\nstart: a\nsteps:\n  a: {play: [p], hangup: {}}\n")).singleElement().asString()
                .contains("has several kinds: play, hangup");
    }

    @Test
    void menuKeysMustBePhoneKeys() {
        assertThat(errors("flow: x\nstart: m\nsteps:\n  m: {menu: {prompt: [p], options: {x: m, 11: m}}}\n"))
                .containsExactly(
                        "f.yaml:4:37: error: step 'm' menu: 'x' is not a phone key (hint: use one of 0-9, * or #)",
                        "f.yaml:4:43: error: step 'm' menu: '11' is not a phone key (hint: use one of 0-9, * or #)");
    }

    @Test
    void yamlSyntaxErrorsCarryTheirPosition() {
        assertThat(errors("flow: x\nstart: [a\nsteps: {}\n")).singleElement().asString()
                .startsWith("f.yaml:3:").contains("error: YAML:");
    }

    @Test
    void missingTopLevelKeys() {
        assertThat(errors("steps:\n  a: {hangup: {}}\n")).containsExactly(
                "f.yaml:1:1: error: the flow: 'flow' is required (hint: start the file with 'flow: <id>', or 'subflow: <id>'"
                        + " for a sub-flow)",
                "f.yaml:1:1: error: the flow: 'start' is required (hint: name the entry step: start: welcome)");
        assertThat(errors("")).containsExactly("f.yaml:1:1: error: the file is empty (hint: start with 'flow: <id>')");
    }

    @Test
    void aliasBombsAndDeepNestingAreRefusedWithADiagnostic() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThat(errors(bomb.toString())).singleElement().asString().contains("error: YAML:");
        assertThat(errors("flow: " + "[".repeat(10_000) + "]".repeat(10_000))).singleElement().asString()
                .contains("nesting is");
        assertThat(errors("x".repeat(5 * 1024 * 1024))).singleElement().asString().contains("larger than");
    }
}
