package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.testing.ScriptedCall;
import org.junit.jupiter.api.Test;

class LanguageStepTest {

    @Test
    void theRestOfTheCallFollowsTheChosenLanguage() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("l.yaml", """
                flow: l
                languages: [en, de]
                start: choose
                steps:
                  choose: {menu: {prompt: [language-menu], options: {"1": english, "2": german}}}
                  english: {language: en, next: check}
                  german: {language: de, next: check}
                  check:
                    branch:
                      - if: "${language == 'de'}"
                        then: hallo
                      - else: hello
                  hallo: {play: [welcome]}
                  hello: {play: [welcome]}
                """);
        ScriptedCall call = new ScriptedCall().thenPress("2");
        new FlowInterpreter().run(flow, call, FlowListener.NONE);
        assertThat(call.language()).isEqualTo("de");
        assertThat(call.log()).containsSubsequence("key 2", "play welcome");
    }

    @Test
    void anUndeclaredLanguageIsACompileError() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                "flow: l\nlanguages: [en]\nstart: a\nsteps:\n  a: {language: fr}\n"));
        assertThat(e.diagnostics()).singleElement().asString().isEqualTo("f.yaml:5:17: error: step 'a': language"
                + " 'fr' is not one of the flow's languages [en] (hint: declare it: languages: [en, fr])");
    }
}
