package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.step.Outcomes;
import io.switchboard.simulator.CallSession;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a followed call against its case, as the offline flow tests do: the caller's transcript must be the script,
 * entry by entry (a difference is reported at the script line that wanted the entry), then the outcome, where a
 * caller can see it: {@code hangup} and {@code end-of-flow} mean the server hung up, {@code caller-hung-up} that
 * the script did. What the flow asked of the server's services ({@code requests:}) and its variables at the end are
 * not visible to a caller: a case that writes them passes on what the caller heard, and says so.
 */
final class CaseJudge {

    private CaseJudge() {}

    static SipCaseResult judge(FlowTestCase c, FollowedCall call) {
        List<String> expected = new ArrayList<>();
        List<SourcePos> where = new ArrayList<>();
        for (FlowTestCase.Action a : c.script()) {
            for (String entry : entries(a)) {
                expected.add(entry);
                where.add(a.pos());
            }
        }
        List<String> actual = call.transcript();
        int compared = call.timedOut() != null ? actual.size() : Math.max(expected.size(), actual.size());
        for (int i = 0; i < compared; i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < actual.size() ? actual.get(i) : null;
            if (want == null || !want.equals(got)) {
                SourcePos at = i < where.size() ? where.get(i) : c.pos();
                return new SipCaseResult.Failed(c, at + ": expected " + (want == null ? "the call to end" : want)
                        + " but " + (got == null ? "the call ended" : "got " + got) + "; the caller's transcript: "
                        + actual);
            }
        }
        SourcePos at = call.stoppedAt() != null ? call.stoppedAt() : c.pos();
        if (call.timedOut() != null) {
            return new SipCaseResult.Failed(c, at + ": the case's time limit of " + call.timeLimit().toSeconds()
                    + "s ran out waiting for " + call.timedOut() + "; the caller's transcript: " + actual);
        }
        if (call.endedBy() == CallSession.EndedBy.NONE) {
            return new SipCaseResult.Failed(c, at + ": the caller could not follow the script from here; the"
                    + " caller's transcript: " + actual);
        }
        SipCaseResult judged = outcome(c, call.endedBy());
        List<String> unseen = new ArrayList<>();
        if (c.requests() != null) {
            unseen.add("requests");
        }
        if (!c.variables().isEmpty()) {
            unseen.add("variables");
        }
        if (judged instanceof SipCaseResult.Passed p && !unseen.isEmpty()) {
            String note = String.join(" and ", unseen) + " are not visible to a caller; not checked";
            return new SipCaseResult.Passed(c, p.note().isEmpty() ? note : p.note() + "; " + note);
        }
        return judged;
    }

    private static SipCaseResult outcome(FlowTestCase c, CallSession.EndedBy endedBy) {
        String outcome = c.outcome();
        if (outcome == null) {
            return new SipCaseResult.Passed(c, "");
        }
        boolean serverEnds = outcome.equals(Outcomes.HANGUP) || outcome.equals(Outcomes.FELL_THROUGH);
        if (!serverEnds && !outcome.equals(Outcomes.CALLER_HUNG_UP)) {
            return new SipCaseResult.Passed(c, "outcome " + outcome + " is not visible to a caller; not checked");
        }
        CallSession.EndedBy wanted = serverEnds ? CallSession.EndedBy.SERVER : CallSession.EndedBy.CALLER;
        if (endedBy != wanted) {
            return new SipCaseResult.Failed(c, c.pos() + ": expected the flow to end with " + outcome + " but "
                    + (endedBy == CallSession.EndedBy.SERVER ? "the server hung up" : "the caller hung up"));
        }
        return new SipCaseResult.Passed(c, "");
    }

    /** What a script line puts in the caller's transcript. */
    private static List<String> entries(FlowTestCase.Action a) {
        return switch (a) {
            case FlowTestCase.Expect e -> e.prompts().stream().map(p -> "play " + p).toList();
            case FlowTestCase.Press p -> keys(p.keys());
            case FlowTestCase.PressDuring p -> keys(p.keys());
            case FlowTestCase.Silence s -> List.of("silence");
            case FlowTestCase.HangUp h -> List.of("caller hangs up");
            case FlowTestCase.HangUpDuring h -> List.of("caller hangs up");
            default -> List.of(ScriptFollower.scriptWord(a)); // not run over SIP: such a case is not applicable
        };
    }

    private static List<String> keys(String keys) {
        return keys.chars().mapToObj(k -> "key " + (char) k).toList();
    }
}
