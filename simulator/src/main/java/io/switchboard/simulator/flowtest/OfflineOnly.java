package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.FlowTestRunner;
import io.switchboard.callflow.flowtest.WrittenKeys;
import io.switchboard.callflow.step.StepKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a flow test case cannot run over SIP: it fixes what only an offline run controls (the time of the call,
 * calendars closed now, how queues, transfers, lookups and hand-offs answer, the requests the flow makes), its path
 * goes through a step whose answer offline is such a default (business hours at the default time, a queue that is
 * "unavailable"…), or it has a script line the simulated caller cannot perform yet.
 */
final class OfflineOnly {

    /** Step kinds whose answer in an offline run is a default that a real server does not share. */
    static final Set<String> OFFLINE_ANSWERED = Set.of("hours", "queue", "transfer", "lookup", "handoff");

    private OfflineOnly() {}

    /** The reasons, joined, or empty when the case can run as a real call. */
    static Optional<String> reason(FlowTestCase c, WrittenKeys written, CompiledFlow flow) {
        Optional<String> mocked = reason(c, written);
        if (mocked.isPresent()) {
            return mocked;
        }
        TreeSet<String> kinds = new TreeSet<>();
        for (String stepId : new FlowTestRunner().run(flow, List.of(c)).stepsEntered()) {
            flow.step(stepId).map(StepKinds::nameOf).filter(OFFLINE_ANSWERED::contains).ifPresent(kinds::add);
        }
        return kinds.isEmpty() ? Optional.empty() : Optional.of("goes through " + String.join(", ", kinds)
                + " steps, which only an offline run answers the same way every time");
    }

    /** The reasons the case itself writes, joined, or empty. */
    static Optional<String> reason(FlowTestCase c, WrittenKeys written) {
        List<String> reasons = new ArrayList<>();
        if (written.writes(c, "time")) {
            reasons.add("time: offline only");
        }
        if (!c.closedNow().isEmpty()) {
            reasons.add("closed-now: offline only");
        }
        TreeSet<String> mocked = new TreeSet<>(c.mocks().keySet());
        if (!c.lookups().isEmpty()) {
            mocked.add("lookup");
        }
        if (!mocked.isEmpty()) {
            reasons.add("mocks " + String.join(", ", mocked) + ": offline only");
        }
        if (c.requests() != null) {
            reasons.add("requests: offline only");
        }
        if (!c.variables().isEmpty()) {
            reasons.add("variables: offline only");
        }
        for (FlowTestCase.Action a : c.script()) {
            ScriptFollower.unsupported(a).ifPresent(word -> reasons.add("script line '" + word + "' at line "
                    + a.pos().line() + ": not performed over SIP yet"));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
