package io.switchboard.callflow.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One situation per rule, and the sample hotline is clean. */
class FlowLinterTest {

    private static List<String> lint(String yaml, PromptCatalog prompts) throws Exception {
        CompiledFlow flow = FlowCompiler.compile("f.yaml", yaml);
        return FlowLinter.lint(flow, prompts).stream().map(Diagnostic::toString).toList();
    }

    private static List<String> lint(String yaml) throws Exception {
        return lint(yaml, PromptCatalog.ANY);
    }

    @Test
    void aStepNothingLeadsToIsUnreachable() throws Exception {
        assertThat(lint("flow: x\nstart: a\nsteps:\n  a: {hangup: {}}\n  orphan: {play: [p], next: a}\n"))
                .containsExactly("f.yaml:5:3: warning: step 'orphan' is unreachable from 'a' (hint: link it from"
                        + " another step or delete it)");
    }

    @Test
    void aLoopOfPlaysWithNoInputAndNoBoundIsAnError() throws Exception {
        assertThat(lint("flow: x\nstart: a\nsteps:\n  a: {play: [p], next: b}\n  b: {play: [q], next: a}\n"))
                .containsExactly("f.yaml:4:3: error: steps a -> b -> a loop with no input and no bound (hint: add a"
                        + " menu to the loop, or go round it with 'goto: a' and a 'max')");
    }

    @Test
    void aLoopThroughAMenuOrABoundedGotoIsFine() throws Exception {
        assertThat(lint("""
                flow: x
                start: a
                steps:
                  a: {play: [p], next: again}
                  again: {goto: a, max: 3, on-limit: agent}
                  agent: {hangup: {}}
                """)).isEmpty();
        assertThat(lint("""
                flow: x
                start: m
                steps:
                  m: {menu: {prompt: [p], options: {"1": a, "0": agent}}}
                  a: {play: [p], next: m}
                  agent: {hangup: {}}
                """)).isEmpty();
    }

    @Test
    void aPromptMissingInADeclaredLanguageIsAnError() throws Exception {
        PromptCatalog onlyEnglish = (name, language) -> language.equals("en");
        assertThat(lint("flow: x\nlanguages: [en, de]\nstart: a\nsteps:\n  a: {play: [welcome], next: b}\n"
                + "  b: {hangup: {}}\n", onlyEnglish)).containsExactly("f.yaml:5:3: error: step 'a': prompt 'welcome'"
                + " has no recording in language 'de' (hint: add de/welcome.wav to the prompt directory)");
    }

    @Test
    void aFourthMenuLevelIsAWarning() throws Exception {
        assertThat(lint("""
                flow: x
                start: m1
                steps:
                  m1: {menu: {prompt: [p], options: {"1": m2, "0": agent}}}
                  m2: {menu: {prompt: [p], options: {"1": m3, "0": agent}}}
                  m3: {menu: {prompt: [p], options: {"1": m4, "0": agent}}}
                  m4: {menu: {prompt: [p], options: {"1": agent}}}
                  agent: {hangup: {}}
                """)).containsExactly("f.yaml:7:3: warning: menu 'm4' is 4 levels deep; callers get lost below 3"
                + " (hint: flatten the menus or offer the choice earlier)");
    }

    @Test
    void aMenuWithNoWayToAnAgentIsAWarning() throws Exception {
        assertThat(lint("flow: x\nstart: m\nsteps:\n  m: {menu: {prompt: [p], options: {\"1\": bye}}}\n"
                + "  bye: {hangup: {}}\n")).containsExactly("f.yaml:4:3: warning: menu 'm' has no way to an agent"
                + " (hint: add an option such as \"0\": agent that queues or transfers the caller)");
    }

    @Test
    void readingAVariableNoStepSetsIsAnError() throws Exception {
        assertThat(lint("""
                flow: x
                start: s
                steps:
                  s: {set: {vip: "${startsWith(caller, '555')}"}, next: b}
                  b:
                    branch:
                      - if: "${vip && balance > 10}"
                        then: agent
                      - else: agent
                  agent: {hangup: {}}
                """)).containsExactly("f.yaml:5:3: error: step 'b' reads variable 'balance', which no step sets"
                + " (hint: set it first (set:, gather into: or lookup into:), or use a call fact: call.id, caller, dialed, language)");
    }

    @Test
    void theSampleHotlineIsCleanAgainstTheBundledPrompts() throws Exception {
        CompiledFlow flow = FlowCompiler.compile(Path.of("../flows/hotline.yaml"));
        assertThat(FlowLinter.lint(flow, PromptCatalog.directory(Path.of("../prompts")))).isEmpty();
    }

    @Test
    void cyclesAreFoundInLargeFlowsWithoutRecursion() throws Exception {
        StringBuilder b = new StringBuilder("flow: big\nstart: s0\nsteps:\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("  s").append(i).append(": {play: [p], next: s").append((i + 1) % 20_000).append("}\n");
        }
        CompiledFlow flow = FlowCompiler.compile("big.yaml", b.toString());
        List<List<String>> cycles = new FlowGraph(flow).cycles();
        assertThat(cycles).singleElement().satisfies(c -> assertThat(Set.copyOf(c)).hasSize(20_000));
    }
}
