package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.testing.ScriptedCall;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Variables and branches: a VIP caller goes one way, everybody else the other. */
class SetAndBranchTest {

    private static final String FLOW = """
            flow: vip
            start: remember
            steps:
              remember:
                set:
                  vip: "${startsWith(caller, '555')}"
                  tries: "${1 + 1}"
                next: route
              route:
                branch:
                  - if: "${vip && tries == 2}"
                    then: priority
                  - else: normal
              priority: {play: [priority], next: bye}
              normal: {play: [normal], next: bye}
              bye: {hangup: {}}
            """;

    private static ScriptedCall call(String caller) {
        return new ScriptedCall(new CallFacts("c", caller, "100", Instant.EPOCH));
    }

    @Test
    void aVipCallerTakesThePriorityBranch() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("vip.yaml", FLOW);
        ScriptedCall vip = call("5550100");
        new FlowInterpreter().run(flow, vip, FlowListener.NONE);
        assertThat(vip.heard()).containsExactly("priority");
    }

    @Test
    void everybodyElseTakesTheElseBranch() throws Exception {
        CompiledFlow flow = FlowCompiler.compile("vip.yaml", FLOW);
        ScriptedCall other = call("4440100");
        new FlowInterpreter().run(flow, other, FlowListener.NONE);
        assertThat(other.heard()).containsExactly("normal");
    }

    @Test
    void expressionErrorsPointIntoTheScalar() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                "flow: x\nstart: a\nsteps:\n  a:\n    set: {v: \"${1 +}\"}\n    next: b\n  b: {hangup: {}}\n"));
        assertThat(e.diagnostics()).singleElement().asString()
                .isEqualTo("f.yaml:5:20: error: step 'a' set v: the expression ends too early");
    }

    @Test
    void elseMustComeLastAndCasesNeedBothParts() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                "flow: x\nstart: a\nsteps:\n  a:\n    branch:\n      - else: b\n      - then: b\n  b: {hangup: {}}\n"));
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "step 'a' branch: 'else' must come last",
                "step 'a' branch: each case needs 'if' and 'then' (or 'else')");
    }
}
