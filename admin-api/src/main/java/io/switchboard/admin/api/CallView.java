package io.switchboard.admin.api;

import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.PathEntry;
import java.time.Instant;
import java.util.List;

/**
 * A call as {@code /api/calls} shows it. Times are ISO-8601 UTC; {@code answeredAt}, {@code endedAt},
 * {@code hangupCause} and {@code hungUpBy} are null until they happen.
 */
record CallView(
        String id,
        String caller,
        String dialed,
        Flow flow,
        String node,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        String hangupCause,
        String hungUpBy,
        List<Step> path) {

    static CallView of(CallRecord call) {
        return new CallView(call.id(), call.caller(), call.dialed(), new Flow(call.flowId(), call.flowVersion()),
                call.node(), call.startedAt(), call.answeredAt(), call.endedAt(), call.hangupCause(),
                call.hungUpBy(), call.path().stream().map(Step::of).toList());
    }

    /** The flow version that ran the call. */
    record Flow(String id, int version) {}

    /**
     * One entry of the call's path.
     *
     * @param kind {@code step}, {@code prompt}, {@code key} or {@code flow-end}
     */
    record Step(int seq, Instant at, String kind, String name, String detail) {

        static Step of(PathEntry entry) {
            return new Step(entry.seq(), entry.at(), entry.kind().code(), entry.name(), entry.detail());
        }
    }
}
