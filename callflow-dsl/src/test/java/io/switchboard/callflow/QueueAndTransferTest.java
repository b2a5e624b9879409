package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue and transfer steps: every outcome edge, through flow-test mocks; the server's default is unavailable. */
class QueueAndTransferTest {

    private static final String FLOW = """
            flow: q
            start: menu
            steps:
              menu:
                menu:
                  prompt: [main-menu]
                  options: {"1": wait, "2": billing, "3": billing-wait}
              wait:
                queue:
                  name: support
                  skills: {english: 3}
                  priority: 5
                  max-wait: 5m
                  exit-keys: "*"
                  hold: [please-hold]
                  connected: survey
                  timeout: voicemail
                  exit-key: menu
                  callback: callback-thanks
              billing-wait:
                queue:
                  name: billing
                  timeout: voicemail
                  full: sorry
                  no-agents: callback-thanks
              billing:
                transfer: {to: "sip:billing@pbx.example.com", failed: sorry}
              survey: {play: [survey-intro], next: bye}
              voicemail: {play: [leave-message], next: bye}
              callback-thanks: {play: [callback-scheduled], next: bye}
              sorry: {play: [error], next: bye}
              bye: {hangup: {}}
            """;

    @TempDir
    Path dir;

    @Test
    void everyQueueAndTransferOutcomeTakesItsEdge() throws Exception {
        Files.writeString(dir.resolve("q.yaml"), FLOW);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: q.yaml
                cases:
                  - name: an agent answers, then the survey
                    mocks: {queue: connected}
                    requests: ["queue support {english=3}"]
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [survey-intro]}]
                  - name: the wait runs out
                    mocks: {queue: timeout}
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [leave-message]}]
                  - name: star leaves the queue for the menu
                    mocks: {queue: exit-key}
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [main-menu]}, {hangup: {}}]
                  - name: a callback keeps the place
                    mocks: {queue: callback}
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [callback-scheduled]}]
                  - name: no queues here falls back to the timeout step
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [leave-message]}]
                  - name: a full queue without a full step takes the unavailable one, here the timeout step
                    mocks: {queue: full}
                    variables: {queue.outcome: full}
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [leave-message]}]
                  - name: nobody logged in, likewise
                    mocks: {queue: no-agents}
                    variables: {queue.outcome: no-agents}
                    script: [{expect: [main-menu]}, {press: "1"}, {expect: [leave-message]}]
                  - name: a queue with its own full step says sorry
                    mocks: {queue: full}
                    script: [{expect: [main-menu]}, {press: "3"}, {expect: [error]}]
                  - name: and offers a call back when nobody is logged in
                    mocks: {queue: no-agents}
                    script: [{expect: [main-menu]}, {press: "3"}, {expect: [callback-scheduled]}]
                  - name: its wait runs out into voicemail
                    mocks: {queue: timeout}
                    script: [{expect: [main-menu]}, {press: "3"}, {expect: [leave-message]}]
                  - name: a transfer ends the flow
                    mocks: {transfer: ok}
                    requests: ["transfer sip:billing@pbx.example.com"]
                    script: [{expect: [main-menu]}, {press: "2"}]
                    outcome: transferred
                  - name: a failed transfer says sorry
                    mocks: {transfer: failed}
                    script: [{expect: [main-menu]}, {press: "2"}, {expect: [error]}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        assertThat(text).contains("12 passed, 0 failed", "steps 9/9, outcome edges 15/15");
    }

    @Test
    void onTheServerWithoutAnAcdTheQueueTakesItsFallback() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("1");
        new FlowInterpreter().run(FlowCompiler.compile("q.yaml", FLOW), call, FlowListener.NONE);
        assertThat(call.heard()).containsExactly("main-menu", "leave-message");
    }

    @Test
    void aQueueCountsAsAWayToAnAgent() throws Exception {
        assertThat(FlowLinter.lint(FlowCompiler.compile("q.yaml", FLOW), PromptCatalog.ANY)).isEmpty();
    }

    @Test
    void queueMistakesAreDiagnosed() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                "flow: x\nstart: q\nsteps:\n  q: {queue: {name: s, skills: {english: 11}, exit-keys: \"*\","
                        + " timeout: b}}\n  b: {hangup: {}}\n"));
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "step 'q' queue: skill 'english' needs a level from 1 to 10",
                "step 'q' queue: exit-keys need an exit-key step");
    }

    @Test
    void aCallbackOfferGoesToTheACDWithTheQueueRequest() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("q.yaml", FLOW.replace("      callback: callback-thanks",
                "      callback: callback-thanks\n      offer-callback: {when-wait-over: 2m, key: \"1\"}"));
        var queue = (io.switchboard.callflow.step.QueueStep) flow.step("wait").orElseThrow();
        assertThat(queue.request().callback()).isEqualTo(new io.switchboard.callflow.engine.QueuePort.CallbackOffer(
                java.time.Duration.ofMinutes(2), java.time.Duration.ofMinutes(1), '1',
                List.of(new io.switchboard.callflow.engine.PromptRef("callback-offer"))));
    }

    @Test
    void aCallbackOfferNeedsACallbackStepAndAKeyOfItsOwn() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("q.yaml",
                "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n      name: s\n      exit-keys: \"1\"\n"
                        + "      exit-key: w\n      timeout: w\n      offer-callback: {key: \"1\"}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "q.yaml:10:29: error: step 'w' queue: key 1 is an exit key too (hint: give the callback its own key)",
                "q.yaml:10:7: error: step 'w' queue: a callback offered needs a callback step (hint: write callback:"
                        + " book-callback)");
    }

    @Test
    void theQueueStepsAttributesAreEvaluatedWhenTheCallerJoinsAndPassedToTheACD() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("q.yaml", """
                flow: q
                start: who
                steps:
                  who: {set: {tier: vip}, next: wait}
                  wait:
                    queue:
                      name: support
                      attributes: {topic: internet, segment: "${tier}", value: 1200, region: "", note: "${tier}-${tier}"}
                      timeout: bye
                  bye: {hangup: {}}
                """);
        assertThat(queueRequest(flow, new ScriptedCall()).attributes()).as("an empty value is left out").containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("topic", "internet", "segment", "vip", "value", "1200", "note", "vip-vip"));
    }

    @Test
    void theCallersWayThroughTheMenusReachesTheQueueAsMenuPathWhetherKeyedOrSpoken() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("q.yaml", """
                flow: q
                start: main
                steps:
                  main: {menu: {prompt: [main-menu], options: {"1": sales, "2": {next: support, say: [support]}}}}
                  support: {menu: {prompt: [support-menu], options: {"*": main, "3": wait}}}
                  sales: {hangup: {}}
                  wait:
                    queue:
                      name: support
                      timeout: bye
                  bye: {hangup: {}}
                """);
        assertThat(queueRequest(flow, new ScriptedCall().thenSay("support please").thenPress("*").thenPress("2")
                .thenPress("3")).attributes()).containsExactly(java.util.Map.entry("menu-path",
                "main:2 support:* main:2 support:3"));
    }

    /** What the flow asked the ACD when {@code call} reached its queue step (the wait then times out). */
    private static io.switchboard.callflow.engine.QueuePort.QueueRequest queueRequest(CompiledFlow flow,
            ScriptedCall call) {
        var asked = new java.util.concurrent.atomic.AtomicReference<io.switchboard.callflow.engine.QueuePort.QueueRequest>();
        var services = io.switchboard.callflow.engine.FlowServices.UNAVAILABLE.withQueues((request, c) -> {
            asked.set(request);
            return new io.switchboard.callflow.engine.QueuePort.QueueResult.TimedOut();
        });
        new FlowInterpreter(java.time.Clock.systemUTC(), new io.switchboard.callflow.calendar.CalendarOverrides(),
                services, 100).run(flow, call, FlowListener.NONE);
        return asked.get();
    }

    @Test
    void attributesNeedNamesOfTheirOwnKindAndVariablesSomeStepSets() throws Exception {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("q.yaml",
                "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n      name: s\n      timeout: w\n"
                        + "      attributes: {Topic: x}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "q.yaml:8:20: error: step 'w' queue: attribute name 'Topic' must be lower-case letters, digits and"
                        + " '-', at most 32 (hint: write attributes: {topic: internet})");
        var lint = FlowLinter.lint(FlowCompiler.compile("q.yaml", "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n"
                + "      name: s\n      timeout: w\n      attributes: {segment: \"${account.tier}\"}\n"),
                PromptCatalog.directory(Path.of("../prompts")));
        assertThat(lint.toString()).contains("reads variable 'account.tier', which no step sets");
    }
}
