package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.FlowTestRunner;
import io.switchboard.callflow.flowtest.WrittenKeys;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.StepKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Why a flow test case cannot run over SIP: it fixes what only an offline run controls (the time of the call,
 * calendars closed now, how transfers and hand-offs answer), it mocks a queue, a lookup
 * or business hours otherwise than the server under test answers them ({@link ServerConditions}: agents brought by
 * the command, calendars as stated, no data connectors), its path goes through a step whose answer offline is such a
 * default, or it has a script line the simulated caller cannot perform yet.
 */
final class OfflineOnly {

    /** Step kinds whose answer in an offline run is a default that a real server does not share. */
    static final Set<String> OFFLINE_ANSWERED = Set.of("transfer", "handoff");

    private OfflineOnly() {}

    /** The reasons, joined, or empty when the case can run as a real call to a server in {@code server}'s state. */
    static Optional<String> reason(FlowTestCase c, WrittenKeys written, CompiledFlow flow, ServerConditions server) {
        Optional<String> mocked = reason(c, written, server);
        if (mocked.isPresent()) {
            return mocked;
        }
        TreeSet<String> kinds = new TreeSet<>();
        List<String> differs = new ArrayList<>();
        for (String stepId : new FlowTestRunner().run(flow, List.of(c)).stepsEntered()) {
            Optional<Step> step = flow.step(stepId);
            step.map(StepKinds::nameOf).filter(OFFLINE_ANSWERED::contains).ifPresent(kinds::add);
            step.flatMap(s -> server.stepDiffers(s, c, flow)).filter(why -> !differs.contains(why))
                    .ifPresent(differs::add);
        }
        if (!kinds.isEmpty()) {
            differs.add("goes through " + String.join(", ", kinds) + " steps, which only an offline run answers the"
                    + " same way every time");
        }
        return differs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differs));
    }

    /** The reasons the case itself writes, joined, or empty. */
    static Optional<String> reason(FlowTestCase c, WrittenKeys written, ServerConditions server) {
        List<String> reasons = new ArrayList<>();
        if (written.writes(c, "time")) {
            reasons.add("time: offline only");
        }
        if (!c.closedNow().isEmpty()) {
            reasons.add("closed-now: offline only");
        }
        new TreeMap<>(c.mocks()).forEach((name, value) -> server.mockedDifferently(name, value, c.mocks())
                .filter(why -> !reasons.contains(why)).ifPresent(reasons::add));
        new TreeMap<>(c.lookups()).forEach((connector, value) -> server.mockedDifferently("lookup", value, c.mocks())
                .filter(why -> !reasons.contains(why)).ifPresent(reasons::add));
        for (FlowTestCase.Action a : c.script()) {
            ScriptFollower.unsupported(a).ifPresent(word -> reasons.add("script line '" + word + "' at line "
                    + a.pos().line() + ": not performed over SIP yet"));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
