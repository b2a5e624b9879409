package io.switchboard.admin.api;

import io.switchboard.admin.handoff.HandoffView;
import io.switchboard.ivr.handoff.Handoff;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallRecordingEntry;
import io.switchboard.ivr.store.SurveyAnswer;
import io.switchboard.ivr.store.PathEntry;
import java.time.Instant;
import java.util.List;

/**
 * A call as {@code /api/calls} shows it. Times are ISO-8601 UTC; {@code answeredAt}, {@code endedAt},
 * {@code hangupCause} and {@code hungUpBy} are null until they happen. {@code recordings} and {@code surveys} list
 * what the caller left (voicemail and survey comments; survey ratings), empty when nothing. {@code GET /api/calls/{id}}
 * adds the call's hand-offs and those of earlier calls from the same number (the list of calls leaves them empty).
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
        List<Step> path,
        List<Recording> recordings,
        List<Survey> surveys,
        List<HandoffView> handoffs,
        List<HandoffView> previousHandoffs) {

    static CallView of(CallRecord call) {
        return of(call, List.of(), List.of());
    }

    /**
     * With the call's hand-offs ({@code handoffs}: tickets and conversations made for it, with their ids at the
     * service once delivered) and those of earlier calls from the same number ({@code previousHandoffs}).
     */
    static CallView of(CallRecord call, List<Handoff> handoffs, List<Handoff> previous) {
        return new CallView(call.id(), call.caller(), call.dialed(), new Flow(call.flowId(), call.flowVersion()),
                call.node(), call.startedAt(), call.answeredAt(), call.endedAt(), call.hangupCause(),
                call.hungUpBy(), call.path().stream().map(Step::of).toList(),
                call.recordings().stream().map(Recording::of).toList(), call.surveys().stream().map(Survey::of)
                        .toList(), handoffs.stream().map(HandoffView::of).toList(),
                previous.stream().map(HandoffView::of).toList());
    }

    /**
     * A recording the caller left.
     *
     * @param seconds   how much audio was kept
     * @param endedBy   {@code finish-key}, {@code silence}, {@code max-length} or {@code hung-up}
     * @param finishKey the key that ended it, or null
     */
    record Recording(int seq, String file, Instant startedAt, double seconds, String endedBy, String finishKey) {

        static Recording of(CallRecordingEntry r) {
            return new Recording(r.seq(), r.file(), r.startedAt(), r.length().toMillis() / 1000.0, r.endedBy(),
                    r.finishKey());
        }
    }

    /**
     * A survey answer.
     *
     * @param rating  1 to 5
     * @param comment the recorded comment's reference, or null
     */
    record Survey(int seq, Instant answeredAt, int rating, String comment) {

        static Survey of(SurveyAnswer a) {
            return new Survey(a.seq(), a.answeredAt(), a.rating(), a.comment());
        }
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
