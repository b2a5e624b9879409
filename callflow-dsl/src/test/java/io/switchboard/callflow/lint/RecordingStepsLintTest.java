package io.switchboard.callflow.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.graph.FlowDiagram;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the linter and the graph make of record and survey steps. */
class RecordingStepsLintTest {

    private static final String FLOW = """
            flow: x
            start: vm
            steps:
              vm: {record: {prompt: [leave-message], into: message, nothing: vm}, next: rate}
              rate:
                survey:
                  prompt: [survey-rating]
                  into: rating
                  comment: {prompt: [leave-message], beep: false, into: comment}
                  thanks: [survey-thanks]
                  on-failure: bye
                next: ticket
              ticket:
                handoff: {to: ticket, context: {m: "${message}", s: "${message.seconds}", r: "${rating}",
                          c: "${comment}"}, failed: bye}
                next: bye
              bye: {hangup: {}}
            """;

    private static List<String> lint(PromptCatalog prompts) throws Exception {
        CompiledFlow flow = FlowCompiler.compile("f.yaml", FLOW);
        return FlowLinter.lint(flow, prompts).stream().map(Diagnostic::toString).toList();
    }

    @Test
    void aRecordingLoopWaitsForTheCallerAndItsVariablesAreDefined() throws Exception {
        assertThat(lint(PromptCatalog.ANY)).isEmpty();
    }

    @Test
    void theBeepIsARequiredPromptOnlyWhereItIsPlayed() throws Exception {
        Set<String> have = Set.of("leave-message", "survey-rating", "survey-thanks");
        PromptCatalog prompts = new PromptCatalog() {
            @Override
            public boolean exists(String name, String language) {
                return have.contains(name);
            }

            @Override
            public boolean known() {
                return true;
            }
        };
        assertThat(lint(prompts)).containsExactly("f.yaml:4:3: error: step 'vm': prompt 'beep' has no recording in"
                + " language 'en' (hint: add en/beep.wav to the prompt directory)");
    }

    @Test
    void theGraphLabelsRecordingAndSurveyOutcomes() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("f.yaml", FLOW);
        assertThat(FlowDiagram.edges(flow)).contains(new FlowDiagram.Edge("vm", "rate", "recorded"),
                new FlowDiagram.Edge("vm", "vm", "nothing recorded"), new FlowDiagram.Edge("rate", "ticket", "rated"),
                new FlowDiagram.Edge("rate", "bye", "no rating"));
    }
}
