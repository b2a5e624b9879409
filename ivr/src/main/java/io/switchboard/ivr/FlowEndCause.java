package io.switchboard.ivr;

import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.step.Outcomes;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.HangupCause;

/**
 * Names the flow's end after what really ended the call: the interpreter sees only that the call is gone and says
 * {@code caller-hung-up}; when the carrier ended it because the caller's media stopped, the recorded flow end says
 * {@value #MEDIA_TIMEOUT} instead. Everything else passes through unchanged.
 */
final class FlowEndCause implements FlowListener {

    /** The flow end recorded when the call was ended by the media timeout. */
    static final String MEDIA_TIMEOUT = "media-timeout";

    private final FlowListener target;
    private final CallLeg call;

    FlowEndCause(FlowListener target, CallLeg call) {
        this.target = target;
        this.call = call;
    }

    @Override
    public void stepEntered(String stepId, String kind) {
        target.stepEntered(stepId, kind);
    }

    @Override
    public void flowEnded(String outcome) {
        boolean timedOut = call.end().map(e -> e.cause() == HangupCause.MEDIA_TIMEOUT).orElse(false);
        target.flowEnded(timedOut && Outcomes.CALLER_HUNG_UP.equals(outcome) ? MEDIA_TIMEOUT : outcome);
    }

    @Override
    public void surveyAnswered(int rating, String commentRecording) {
        target.surveyAnswered(rating, commentRecording);
    }
}
