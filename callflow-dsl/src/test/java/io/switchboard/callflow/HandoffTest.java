package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-offs: the context sent, the reference kept, the failed edge, and the server's default. */
class HandoffTest {

    private static final String FLOW = """
            flow: h
            start: ask
            steps:
              ask: {gather: {prompt: [enter-account], into: account, min: 4, max: 4, on-failure: sorry}, next: ticket}
              ticket:
                handoff:
                  to: ticket
                  context: {caller: "${caller}", account: "${account}", topic: billing}
                  into: reference
                  failed: sorry
                next: done
              done:
                branch:
                  - if: "${reference == 'T-1'}"
                    then: thanks
                  - else: sorry
              thanks: {play: [thank-you-message]}
              sorry: {play: [error]}
            """;

    @TempDir
    Path dir;

    @Test
    void theContextIsHandedOffAndTheReferenceKept() throws Exception {
        Files.writeString(dir.resolve("h.yaml"), FLOW);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: h.yaml
                cases:
                  - name: a ticket is opened with the account
                    caller: "5550100"
                    requests: ["handoff ticket {account=1234, caller=5550100, topic=billing}"]
                    script: [{expect: [enter-account]}, {press: "1234"}, {expect: [thank-you-message]}]
                  - name: the ticket service refuses
                    mocks: {handoff: failed}
                    script: [{expect: [enter-account]}, {press: "1234"}, {expect: [error]}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void withoutHandOffRoutesTheServerTakesTheFailedEdge() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress("1234");
        new FlowInterpreter().run(FlowCompiler.compile("h.yaml", FLOW), call, FlowListener.NONE);
        assertThat(call.heard()).containsExactly("enter-account", "error");
    }

    @Test
    void aHandoffNeedsATargetAndAFailedStep() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                "flow: h\nstart: a\nsteps:\n  a: {handoff: {context: {x: 1}}}\n"));
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "step 'a' handoff: 'to' is required", "step 'a' handoff: 'failed' is required");
    }
}
