package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.testing.ScriptedCall;
import io.switchboard.callflow.calendar.CalendarOverrides;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs flow test cases against a compiled flow with no network: each case becomes a {@link ScriptedCall}, and the
 * call's transcript (prompts heard, keys pressed, silences, hang-up) must match the case's script exactly. Also
 * counts which steps and which outcome edges the cases went through.
 */
public final class FlowTestRunner {


    /** How one case went. */
    public record CaseResult(FlowTestCase testCase, boolean passed, String failure) {}

    /** How a file's cases went, with coverage of the flow. */
    public record Report(CompiledFlow flow, List<CaseResult> cases, Set<String> stepsEntered, Set<String> edgesTaken,
            int steps, int edges) {

        public boolean passed() {
            return cases.stream().allMatch(CaseResult::passed);
        }
    }

    public Report run(CompiledFlow flow, List<FlowTestCase> cases) {
        Set<String> entered = new LinkedHashSet<>();
        Set<String> edges = new LinkedHashSet<>();
        List<CaseResult> results = new ArrayList<>();
        for (FlowTestCase c : cases) {
            results.add(runCase(flow, c, entered, edges));
        }
        Set<String> allSteps = new LinkedHashSet<>();
        Set<String> allEdges = new LinkedHashSet<>();
        declare(flow, "", allSteps, allEdges);
        flow.subflows().values().forEach(sub -> declare(sub, sub.id() + "/", allSteps, allEdges));
        edges.retainAll(allEdges);
        return new Report(flow, results, entered, edges, allSteps.size(), allEdges.size());
    }

    /** The steps and outcome edges of a flow or sub-flow, as the listener names them. */
    private static void declare(CompiledFlow flow, String prefix, Set<String> steps, Set<String> edges) {
        for (Step s : flow.steps().values()) {
            steps.add(prefix + s.id());
            s.targets().forEach(t -> edges.add(prefix + s.id() + " -> " + prefix + t));
        }
    }

    private CaseResult runCase(CompiledFlow flow, FlowTestCase c, Set<String> entered, Set<String> edges) {
        ScriptedCall call = new ScriptedCall(new CallFacts("test", c.caller(), c.dialed(), c.time()));
        CalendarOverrides overrides = new CalendarOverrides();
        c.closedNow().forEach(cal -> overrides.set(cal, CalendarOverrides.Override.CLOSED_NOW));
        MockServices services = new MockServices(c.mocks(), c.lookups());
        FlowInterpreter interpreter = new FlowInterpreter(call.clock(c.time()), overrides,
                services.services(), FlowInterpreter.DEFAULT_STEP_LIMIT);
        List<String> expected = new ArrayList<>();
        List<SourcePos> where = new ArrayList<>();
        for (FlowTestCase.Action a : c.script()) {
            switch (a) {
                case FlowTestCase.Expect e -> e.prompts().forEach(p -> add(expected, where, "play " + p, a.pos()));
                case FlowTestCase.Press p -> {
                    call.thenPress(p.keys());
                    p.keys().chars().forEach(k -> add(expected, where, "key " + (char) k, a.pos()));
                }
                case FlowTestCase.PressDuring p -> {
                    call.duringPrompt(p.prompt(), p.keys());
                    p.keys().chars().forEach(k -> add(expected, where, "key " + (char) k, a.pos()));
                }
                case FlowTestCase.Say say -> {
                    call.thenSay(say.words());
                    add(expected, where, "say " + say.words(), a.pos());
                }
                case FlowTestCase.Silence s -> {
                    call.thenSilence();
                    add(expected, where, "silence", a.pos());
                }
                case FlowTestCase.HangUp h -> {
                    call.thenHangUp();
                    add(expected, where, "caller hangs up", a.pos());
                }
                case FlowTestCase.HangUpDuring h -> {
                    call.hangUpDuring(h.prompt());
                    add(expected, where, "caller hangs up", a.pos());
                }
                case FlowTestCase.Speak s -> {
                    call.thenSpeak(s.length());
                    add(expected, where, "speak " + io.switchboard.callflow.parse.Timers.format(s.length()), a.pos());
                }
            }
        }
        List<String> path = new ArrayList<>();
        FlowResult result;
        try {
            result = interpreter.run(flow, call, new FlowListener() {
            private final java.util.Deque<String> calls = new java.util.ArrayDeque<>();
            private String lastKind = "";

            @Override
            public void stepEntered(String stepId, String kind) {
                if (!path.isEmpty()) {
                    String previous = path.get(path.size() - 1);
                    if (lastKind.equals("call")) {
                        calls.push(previous);
                    } else if (lastKind.equals("return") && !calls.isEmpty()) {
                        previous = calls.pop();
                    }
                    edges.add(previous + " -> " + stepId);
                }
                path.add(stepId);
                entered.add(stepId);
                lastKind = kind;
            }

            @Override
            public void surveyAnswered(int rating, String commentRecording) {
                services.requests.add("survey " + rating + (commentRecording == null ? "" : " " + commentRecording));
            }
            });
        } catch (RuntimeException e) {
            return new CaseResult(c, false, c.pos() + ": the flow failed at step " + (path.isEmpty() ? "?"
                    : path.get(path.size() - 1)) + ": " + e.getMessage() + " (a caller would hear the error prompt)");
        }
        List<String> actual = call.log().stream().filter(l -> !l.equals("answer") && !l.equals("hangup"))
                .map(l -> l.startsWith("silence") ? "silence" : l).toList();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < actual.size() ? actual.get(i) : null;
            if (want == null || !want.equals(got)) {
                SourcePos at = i < where.size() ? where.get(i) : c.pos();
                return new CaseResult(c, false, at + ": expected " + (want == null ? "the call to end" : want)
                        + " but " + (got == null ? "the call ended" : "got " + got) + "; the caller's transcript: "
                        + actual);
            }
        }
        if (c.requests() != null && !c.requests().equals(services.requests)) {
            return new CaseResult(c, false, c.pos() + ": expected the requests " + c.requests() + " but the flow"
                    + " made " + services.requests);
        }
        for (var e : c.variables().entrySet()) {
            Object value = result.variables().get(e.getKey());
            String got = value == null ? null : io.switchboard.callflow.expr.Evaluator.text(value);
            if (!e.getValue().equals(got)) {
                return new CaseResult(c, false, c.pos() + ": expected variable " + e.getKey() + " = " + e.getValue()
                        + " but it " + (got == null ? "was never set" : "is " + got) + "; the flow's variables: "
                        + new java.util.TreeMap<>(result.variables()));
            }
        }
        if (c.outcome() != null && !c.outcome().equals(result.outcome())) {
            return new CaseResult(c, false, c.pos() + ": expected the flow to end with " + c.outcome() + " but it"
                    + " ended with " + result.outcome() + " at step " + result.lastStep());
        }
        return new CaseResult(c, true, "");
    }

    private static void add(List<String> expected, List<SourcePos> where, String entry, SourcePos pos) {
        expected.add(entry);
        where.add(pos);
    }
}
