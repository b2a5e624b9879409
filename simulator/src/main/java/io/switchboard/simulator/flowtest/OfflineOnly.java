package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.WrittenKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Why a flow test case cannot run over SIP: it fixes what only an offline run controls (the time of the call,
 * calendars closed now, how queues, transfers, lookups and hand-offs answer, the requests the flow makes), or it has
 * a script line the simulated caller cannot perform yet.
 */
final class OfflineOnly {

    private OfflineOnly() {}

    /** The reasons, joined, or empty when the case can run as a real call. */
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
        for (FlowTestCase.Action a : c.script()) {
            ScriptFollower.unsupported(a).ifPresent(word -> reasons.add("script line '" + word + "' at line "
                    + a.pos().line() + ": not performed over SIP yet"));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
