package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.callflow.engine.LookupPort;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.testing.ScriptedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data lookups: results into variables, not-found and error edges, the filler for a slow connector. */
class LookupTest {

    private static final String FLOW = """
            flow: l
            start: find
            steps:
              find:
                lookup:
                  connector: crm
                  args: {phone: "${caller}"}
                  into: account
                  time-limit: 300ms
                  filler: [please-hold]
                  filler-after: 20ms
                  not-found: stranger
                  error: sorry
                next: greet
              greet:
                branch:
                  - if: "${account.name == 'Ada'}"
                    then: known
                  - else: stranger
              known: {play: [account-found]}
              stranger: {play: [account-not-found]}
              sorry: {play: [error]}
            """;

    @TempDir
    Path dir;

    @Test
    void foundNotFoundAndErrorEachTakeTheirEdge() throws Exception {
        Files.writeString(dir.resolve("l.yaml"), FLOW);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: l.yaml
                cases:
                  - name: a known caller is greeted
                    caller: "5550100"
                    mocks: {lookup: {crm: {name: Ada}}}
                    requests: ["lookup crm {phone=5550100}"]
                    script: [{expect: [account-found]}]
                  - name: nobody by that number
                    mocks: {lookup: {crm: not-found}}
                    script: [{expect: [account-not-found]}]
                  - name: the crm is down
                    mocks: {lookup: {crm: error}}
                    script: [{expect: [error]}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aSlowConnectorGetsTheFillerThenTheErrorStep() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        FlowServices slow = FlowServices.UNAVAILABLE.withLookups((connector, arguments) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LookupPort.LookupResult.NotFound();
        });
        ScriptedCall call = new ScriptedCall();
        new FlowInterpreter(Clock.systemUTC(), new CalendarOverrides(), slow, 100)
                .run(FlowCompiler.compile("l.yaml", FLOW), call, FlowListener.NONE);
        assertThat(call.heard()).containsExactly("please-hold", "error");
        never.countDown();
    }

    @Test
    void lookupResultsCountAsSetForTheLinter() throws Exception {
        assertThat(FlowLinter.lint(FlowCompiler.compile("l.yaml", FLOW), PromptCatalog.ANY))
                .noneMatch(d -> d.message().contains("reads variable"));
    }
}
