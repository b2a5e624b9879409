package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.graph.FlowDiagram;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** callback: offer, confirm or capture the number, keep the place or book a time; each way it can end. */
class CallbackTest {

    private static final String FLOW = """
            flow: c
            start: offer
            steps:
              offer:
                callback:
                  queue: support
                  skills: {english: 3}
                  offer: [callback-offer]
                  confirm: [callback-confirm]
                  noinput: {prompts: [[no-input]], max: 1}
                  capture:
                    prompt: [callback-number]
                    min: 7
                    max: 12
                    nomatch: {prompts: [[invalid]], max: 1}
                  into: booking
                  declined: wait
                  failed: sorry
                  on-failure: wait
                next: booked
              booked:
                branch:
                  - if: "${booking == 'CB-1'}"
                    then: thanks
                  - else: sorry
              thanks: {play: [callback-scheduled]}
              wait: {play: [please-hold]}
              sorry: {play: [error]}
            """;

    @TempDir
    Path dir;

    private String runCases(String flow, String cases) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), flow);
        Files.writeString(dir.resolve("t.yaml"), "flow: c.yaml\ncases:\n" + cases);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        return text;
    }

    @Test
    void theCallerAcceptsAndKeepsTheirPlaceAtTheNumberTheyCallFrom() throws Exception {
        runCases(FLOW, """
                  - name: accept, confirm the own number
                    requests: ["callback support 5550100 keep-place {english=3}"]
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-confirm]}, {press: "1"},
                             {expect: [callback-scheduled]}]
                """);
    }

    @Test
    void silenceOrAnotherKeyAtTheOfferDeclinesIt() throws Exception {
        runCases(FLOW, """
                  - name: silence
                    requests: []
                    script: [{expect: [callback-offer]}, {silence: {}}, {expect: [please-hold]}]
                  - name: another key
                    script: [{expect: [callback-offer]}, {press: "5"}, {expect: [please-hold]}]
                """);
    }

    @Test
    void anotherNumberIsEnteredWithGatherStyleRetries() throws Exception {
        runCases(FLOW, """
                  - name: too short, then a full number ended with pound
                    requests: ["callback support 4930123456 keep-place {english=3}"]
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-confirm]}, {press: "2"},
                             {expect: [callback-number]}, {press: "123#"}, {expect: [invalid, callback-number]},
                             {press: "4930123456#"}, {expect: [callback-scheduled]}]
                  - name: two wrong numbers give up
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-confirm]}, {press: "2"},
                             {expect: [callback-number]}, {press: "1#"}, {expect: [invalid, callback-number]},
                             {press: "2#"}, {expect: [please-hold]}]
                """);
    }

    @Test
    void noAnswerToTheConfirmationTooOftenGoesToTheFailureTarget() throws Exception {
        runCases(FLOW, """
                  - name: silent twice
                    requests: []
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-confirm]}, {silence: {}},
                             {expect: [no-input, callback-confirm]}, {silence: {}}, {expect: [please-hold]}]
                """);
    }

    @Test
    void thePlatformRefusingTakesTheFailedEdge() throws Exception {
        runCases(FLOW, """
                  - name: refused
                    mocks: {callback: failed}
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-confirm]}, {press: "1"},
                             {expect: [error]}]
                """);
    }

    @Test
    void aCallerWithoutANumberIsAskedForOneStraightAway() throws Exception {
        runCases(FLOW, """
                  - name: anonymous
                    caller: "anonymous"
                    requests: ["callback support 5551234 keep-place {english=3}"]
                    script: [{expect: [callback-offer]}, {press: "1"}, {expect: [callback-number]},
                             {press: "5551234#"}, {expect: [callback-scheduled]}]
                """);
    }

    @Test
    void aTimeOfDayIsBookedAtItsNextOccurrenceInTheZone() throws Exception {
        String flow = """
                flow: c
                start: ask
                steps:
                  ask: {gather: {prompt: [enter-time], into: hhmm, min: 4, max: 4}, next: book}
                  book:
                    callback: {queue: sales, number: "5550199", confirm: [], at: "${hhmm}", timezone: Europe/Madrid,
                               failed: sorry}
                    next: done
                  done: {play: [callback-scheduled]}
                  sorry: {play: [error]}
                """;
        // 10:00 UTC is 11:00 in Madrid: 15:30 is today, 09:00 tomorrow; 2599 is no time
        runCases(flow.replace("confirm: [], ", ""), """
                  - name: later today
                    time: 2026-01-05T10:00:00Z
                    requests: ["callback sales 5550199 at 2026-01-05T14:30:00Z"]
                    script: [{expect: [enter-time]}, {press: "1530"}, {expect: [callback-confirm]}, {press: "1"},
                             {expect: [callback-scheduled]}]
                  - name: tomorrow morning
                    time: 2026-01-05T10:00:00Z
                    requests: ["callback sales 5550199 at 2026-01-06T08:00:00Z"]
                    script: [{expect: [enter-time]}, {press: "0900"}, {expect: [callback-confirm]}, {press: "1"},
                             {expect: [callback-scheduled]}]
                  - name: not a time
                    script: [{expect: [enter-time]}, {press: "2599"}, {expect: [callback-confirm]}, {press: "1"},
                             {expect: [error]}]
                """);
    }

    @Test
    void withoutCallbacksOnThePlatformTheFailedEdgeIsTaken() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("1").thenPress("1");
        new FlowInterpreter().run(FlowCompiler.compile("c.yaml", FLOW), call, FlowListener.NONE);
        assertThat(call.heard()).containsExactly("callback-offer", "callback-confirm", "error");
    }

    @Test
    void aHangUpDuringTheOfferEndsTheStep() throws Exception {
        ScriptedCall call = new ScriptedCall().hangUpDuring("callback-offer");
        var result = new FlowInterpreter().run(FlowCompiler.compile("c.yaml", FLOW), call, FlowListener.NONE);
        assertThat(result.outcome()).isEqualTo("caller-hung-up");
    }

    @Test
    void mistakesAreReportedWhereTheyAreWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("c.yaml",
                """
                flow: c
                start: a
                steps:
                  a:
                    callback:
                      queue: support
                      offer: [callback-offer]
                      accept-key: "11"
                      timezone: Mars/Olympus
                """));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "c.yaml:8:19: error: step 'a' callback: accept-key must be one phone key",
                "c.yaml:9:17: error: step 'a' callback: unknown time zone 'Mars/Olympus' (hint: write a zone such as"
                        + " Europe/Madrid or America/New_York)",
                "c.yaml:7:7: error: step 'a' callback: an offer can be declined: say where the call goes then (hint:"
                        + " write declined: support-queue)",
                "c.yaml:6:7: error: step 'a' callback: 'failed' is required (hint: write failed: <step>)");
    }

    @Test
    void theGraphNamesEveryWayOut() throws Exception {
        assertThat(FlowDiagram.edges(FlowCompiler.compile("c.yaml", FLOW))).contains(
                new FlowDiagram.Edge("offer", "booked", "booked"), new FlowDiagram.Edge("offer", "wait", "declined"),
                new FlowDiagram.Edge("offer", "sorry", "not booked"));
    }
}
