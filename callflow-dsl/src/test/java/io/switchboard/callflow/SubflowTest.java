package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.expr.ExprException;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.graph.FlowDiagram;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** call / return: a sub-menu with "back" written once, used from several flows, with its own variables. */
class SubflowTest {

    private static final String ACCOUNT_MENU = """
            subflow: account-menu
            params: [topic]
            imports: [confirm.yaml]
            start: ask
            steps:
              ask:
                menu:
                  prompt: [billing-menu]
                  options: {"1": balance, "2": sure, "*": back, "0": agent}
              balance: {set: {choice: "${topic + '-balance'}"}, next: done}
              sure: {call: confirm, next: chosen, on: {no: ask}}
              chosen: {set: {choice: "${topic + '-pay'}"}, next: done}
              done: {return: {outcome: chosen, values: {choice: "${choice}"}}}
              back: {return: back}
              agent: {return: agent}
            """;

    private static final String CONFIRM = """
            subflow: confirm
            start: q
            steps:
              q: {menu: {prompt: [callback-confirm], options: {"1": yes, "2": no}}}
              yes: {return: yes}
              no: {return: no}
            """;

    private static final String HOTLINE = """
            flow: hotline
            imports: [lib/account-menu.yaml]
            start: main
            steps:
              main: {menu: {prompt: [main-menu], options: {"3": billing, "0": agent}}}
              billing:
                call: account-menu
                with: {topic: billing}
                into: acct
                on: {back: main, agent: agent}
                next: tell
              tell:
                branch:
                  - if: "${acct.choice == 'billing-balance'}"
                    then: balance
                  - else: goodbye
              balance: {play: [balance-is], next: goodbye}
              agent: {play: [agent], next: goodbye}
              goodbye: {hangup: {}}
            """;

    @TempDir
    Path dir;

    private Path flowFile;

    @BeforeEach
    void writeFiles() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/account-menu.yaml"), ACCOUNT_MENU);
        Files.writeString(dir.resolve("lib/confirm.yaml"), CONFIRM);
        flowFile = dir.resolve("hotline.yaml");
        Files.writeString(flowFile, HOTLINE);
    }

    private record Run(ScriptedCall call, FlowResult result, List<String> path) {}

    private Run run(ScriptedCall call) throws Exception {
        List<String> path = new ArrayList<>();
        FlowResult result = new FlowInterpreter().run(FlowCompiler.compile(flowFile), call, new FlowListener() {
            @Override
            public void stepEntered(String stepId, String kind) {
                path.add(stepId);
            }
        });
        return new Run(call, result, path);
    }

    @Test
    void theSubflowRunsWithItsParametersAndHandsBackValues() throws Exception {
        Run r = run(new ScriptedCall().thenPress("3").thenPress("1"));
        assertThat(r.call().heard()).containsExactly("main-menu", "billing-menu", "balance-is");
        assertThat(r.path()).containsExactly("main", "billing", "account-menu/ask", "account-menu/balance",
                "account-menu/done", "tell", "balance", "goodbye");
        assertThat(r.result().variables()).containsEntry("acct.choice", "billing-balance")
                .doesNotContainKeys("choice", "topic");
    }

    @Test
    void backReturnsAnOutcomeTheCallerMapsToItsOwnMenu() throws Exception {
        Run r = run(new ScriptedCall().thenPress("3").thenPress("*").thenPress("0"));
        assertThat(r.call().heard()).containsExactly("main-menu", "billing-menu", "main-menu", "agent");
    }

    @Test
    void subflowsNestAndEachReturnsToItsOwnCaller() throws Exception {
        Run r = run(new ScriptedCall().thenPress("3").thenPress("2").thenPress("2").thenPress("2").thenPress("1"));
        assertThat(r.call().heard()).containsExactly("main-menu", "billing-menu", "callback-confirm",
                "billing-menu", "callback-confirm");
        assertThat(r.path()).containsSubsequence("account-menu/sure", "confirm/q", "confirm/no", "account-menu/ask",
                "account-menu/sure", "confirm/q", "confirm/yes", "account-menu/chosen", "account-menu/done", "tell");
        assertThat(r.result().variables()).containsEntry("acct.choice", "billing-pay");
    }

    @Test
    void aHangUpInsideASubflowEndsTheCall() throws Exception {
        Run r = run(new ScriptedCall().thenPress("3").hangUpDuring("billing-menu"));
        assertThat(r.result().outcome()).isEqualTo("caller-hung-up");
        assertThat(r.result().lastStep()).isEqualTo("account-menu/ask");
    }

    @Test
    void aSubflowSeesOnlyItsOwnVariables() throws Exception {
        Files.writeString(dir.resolve("lib/account-menu.yaml"), """
                subflow: account-menu
                params: [topic]
                start: peek
                steps:
                  peek: {set: {x: "${secret}"}, next: r}
                  r: {return: back}
                """);
        Files.writeString(flowFile, """
                flow: hotline
                imports: [lib/account-menu.yaml]
                start: s
                steps:
                  s: {set: {secret: "42"}, next: c}
                  c: {call: account-menu, with: {topic: x}}
                """);
        assertThat(catchThrowableOfType(ExprException.class, () -> run(new ScriptedCall())))
                .hasMessageContaining("unknown variable 'secret'");
        assertThat(FlowLinter.lint(FlowCompiler.compile(flowFile), PromptCatalog.ANY)).extracting(Object::toString)
                .anySatisfy(d -> assertThat(d).contains("account-menu.yaml:5:3: error: step 'peek' reads variable"
                        + " 'secret', which no step sets"));
    }

    @Test
    void aProblemInsideTheSubflowIsReportedInItsOwnFile() throws Exception {
        Files.writeString(dir.resolve("lib/confirm.yaml"), CONFIRM.replace("next: ", "nxt: ")
                .replace("\"2\": no}", "\"2\": noo}"));
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(dir.resolve("lib/confirm.yaml")
                + ":4:67: error: unknown step 'noo' (hint: did you mean 'no'?)");
    }

    @Test
    void callMistakesAreReportedAtTheCallStep() throws Exception {
        Files.writeString(flowFile, """
                flow: hotline
                imports: [lib/account-menu.yaml]
                start: a
                steps:
                  a: {call: account-menu, with: {topc: x}, on: {bak: z}, next: z}
                  b: {call: acount-menu}
                  z: {return: done}
                """);
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                flowFile + ":5:34: error: step 'a' call: sub-flow 'account-menu' has no parameter 'topc' (hint: its"
                        + " parameters: topic)",
                flowFile + ":5:13: error: step 'a' call: sub-flow 'account-menu' needs parameter 'topic' (hint: write"
                        + " with: {topic: …})",
                flowFile + ":5:49: error: step 'a' call: sub-flow 'account-menu' never returns 'bak' (hint: it returns:"
                        + " chosen, back, agent)",
                flowFile + ":6:13: error: step 'b' call: no imported sub-flow 'acount-menu' (hint: did you mean"
                        + " 'account-menu'?)",
                flowFile + ":7:15: error: step 'z' return: only a sub-flow returns; a flow ends with hangup (hint:"
                        + " write hangup: {} or make the file a sub-flow (subflow: instead of flow:))");
    }

    @Test
    void aMissingImportIsReportedAtItsEntryWithoutFollowOnErrors() throws Exception {
        Files.writeString(flowFile, HOTLINE.replace("lib/account-menu.yaml", "lib/acount-menu.yaml"));
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(flowFile + ":2:11: error: import"
                + " 'lib/acount-menu.yaml': no such file (hint: check the path; it is relative to the importing"
                + " file)");
    }

    @Test
    void anImportCycleIsRefusedWhereItCloses() throws Exception {
        Files.writeString(dir.resolve("lib/confirm.yaml"), CONFIRM.replace("start: q",
                "imports: [account-menu.yaml]\nstart: q"));
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(dir.resolve("lib/confirm.yaml")
                + ":2:11: error: import cycle: account-menu.yaml -> confirm.yaml -> account-menu.yaml (hint: a"
                + " sub-flow cannot use itself, directly or through others)");
    }

    @Test
    void onlySubflowsCanBeImported() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "flow: other\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        Files.writeString(flowFile, "flow: hotline\nimports: [other.yaml]\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(flowFile + ":2:11: error: other.yaml"
                + " is a flow ('flow: other'), not a sub-flow (hint: start the file with 'subflow: other' to call it"
                + " from other flows)");
    }

    @Test
    void aSubflowFileLintsOnItsOwnWithItsParametersDefined() throws Exception {
        CompiledFlow sub = FlowCompiler.compile(dir.resolve("lib/account-menu.yaml"));
        assertThat(sub.subflow()).isTrue();
        assertThat(sub.params()).containsExactly("topic");
        assertThat(FlowLinter.lint(sub, PromptCatalog.ANY)).isEmpty();
    }

    @Test
    void flowTestsCoverTheStepsAndEdgesInsideSubflows() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                flow: hotline.yaml
                cases:
                  - name: balance
                    variables: {acct.choice: billing-balance}
                    script: [{expect: [main-menu]}, {press: "3"}, {expect: [billing-menu]}, {press: "1"},
                             {expect: [balance-is]}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        // hotline 6 steps, account-menu 7, confirm 3; edges taken: main->billing, billing->tell (returned),
        // tell->balance, balance->goodbye, ask->balance, balance->done
        assertThat(text).contains("coverage: steps 8/16, outcome edges 6/19");
    }

    @Test
    void theGraphLabelsACallsEdgesWithTheReturnedOutcome() throws Exception {
        assertThat(FlowDiagram.edges(FlowCompiler.compile(flowFile))).contains(
                new FlowDiagram.Edge("billing", "main", "returned back"),
                new FlowDiagram.Edge("billing", "tell", "returned"));
    }

    @Test
    void aSubflowMustSpeakEveryLanguageItsCallersMayHaveChosen() throws Exception {
        Files.writeString(flowFile, HOTLINE.replace("imports:", "languages: [en, es]\nimports:"));
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(flowFile + ":8:11: error: step"
                + " 'billing' call: sub-flow 'account-menu' does not speak es, which this flow's callers may have"
                + " chosen (hint: add them to its languages: [en] (and its prompts in them))");
    }
}
