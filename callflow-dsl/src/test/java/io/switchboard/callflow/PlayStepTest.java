package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.expr.ExprException;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.testing.ScriptedCall;
import org.junit.jupiter.api.Test;

/** play: prompts and values read out in the caller's language. */
class PlayStepTest {

    private static final String BALANCE = """
            flow: b
            languages: [en, es]
            start: pick
            steps:
              pick: {menu: {prompt: [language-menu], options: {"1": english, "2": spanish}}}
              english: {language: en, next: amount}
              spanish: {language: es, next: amount}
              amount: {set: {balance: "${42}", account: "'4711'"}, next: say}
              say:
                play:
                  - balance-is
                  - number: "${balance}"
                  - dollars
                  - digits: "${account}"
                  - duration: 90s
            """;

    @Test
    void valuesAreReadWithTheDigitPromptsOfTheCallersLanguage() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("b.yaml", BALANCE);
        ScriptedCall english = new ScriptedCall().thenPress("1");
        new FlowInterpreter().run(flow, english, FlowListener.NONE);
        assertThat(english.heard()).containsExactly("language-menu", "balance-is", "digits/40", "digits/2",
                "dollars", "digits/4", "digits/7", "digits/1", "digits/1", "digits/1", "minute", "digits/30",
                "seconds");
        ScriptedCall spanish = new ScriptedCall().thenPress("2");
        new FlowInterpreter().run(flow, spanish, FlowListener.NONE);
        assertThat(spanish.heard()).containsSubsequence("balance-is", "digits/40", "digits/and", "digits/2",
                "dollars");
    }

    @Test
    void aValueThatIsNotANumberFailsTheCallAtTheItemsPosition() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("n.yaml", """
                flow: n
                start: a
                steps:
                  a: {set: {v: lots}, next: b}
                  b: {play: [{number: "${v}"}]}
                """);
        ExprException e = catchThrowableOfType(ExprException.class,
                () -> new FlowInterpreter().run(flow, new ScriptedCall(), FlowListener.NONE));
        assertThat(e).hasMessage("n.yaml:5:23: step 'b' number: 'lots' is not a number");
    }

    @Test
    void anUnknownReadingOrAMalformedItemIsReportedWhereItIsWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("p.yaml",
                "flow: p\nstart: a\nsteps:\n  a: {play: [{amount: \"1\"}, [x], {number: \"${1 +}\"}]}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "p.yaml:4:15: error: step 'a' play: 'amount' is not a way to read a value (hint: use number:,"
                        + " digits: or duration:)",
                "p.yaml:4:29: error: step 'a' play: expected a prompt name or one of number:, digits:, duration:,"
                        + " got a list (hint: write play: [balance-is, {number: \"${balance}\"}, dollars])",
                "p.yaml:4:49: error: step 'a' play number: the expression ends too early");
    }

    @Test
    void theLinterWantsEveryDigitPromptAReadingCanUseInEveryLanguage() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("b.yaml", BALANCE);
        PromptCatalog noSpanishDigits = (name, language) -> !(language.equals("es") && name.startsWith("digits/"));
        assertThat(FlowLinter.lint(flow, noSpanishDigits)).extracting(Object::toString).anySatisfy(d -> assertThat(d)
                .startsWith("b.yaml:12:17: error: step 'say' reads a value out, but language 'es' lacks 55 of the"
                        + " prompts that takes: digits/0, digits/1"));
    }

    @Test
    void readingAVariableNoStepSetsIsALintError() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("u.yaml",
                "flow: u\nstart: a\nsteps:\n  a: {play: [{digits: \"${pin}\"}]}\n");
        assertThat(FlowLinter.lint(flow, PromptCatalog.ANY)).extracting(Object::toString).anySatisfy(
                d -> assertThat(d).startsWith("u.yaml:4:3: error: step 'a' reads variable 'pin', which no step sets"));
    }
}
