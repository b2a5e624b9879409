package io.switchboard.ivr;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.flow.FlowCatalogue;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.store.CallRecorder;
import io.switchboard.ivr.store.CallWriter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IVR controller's answer to every call a carrier brings in: pick the flow for the dialed number (the call pins
 * that version), record the call, and run the flow to its end. A flow that fails at run time ends with the error
 * prompt and a hang-up: the caller never hears silence.
 */
public final class Hotline implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(Hotline.class);

    /** Played when a flow fails at run time, before hanging up. */
    public static final PromptRef ERROR_PROMPT = new PromptRef("error");

    private final FlowCatalogue flows;
    private final CallWriter writer;
    private final FlowInterpreter interpreter;

    public Hotline(FlowCatalogue flows, CallWriter writer, FlowInterpreter interpreter) {
        this.flows = flows;
        this.writer = writer;
        this.interpreter = interpreter;
    }

    @Override
    public boolean accepts(String dialed) {
        return flows.forNumber(dialed).isPresent();
    }

    @Override
    public void handle(CallLeg call) {
        Optional<PublishedFlow> found = flows.forNumber(call.facts().dialed());
        if (found.isEmpty()) {
            call.hangup();
            return;
        }
        handle(call, found.get());
    }

    /**
     * Runs {@code flow} (already chosen, and pinned by the call) on {@code call} to its end: what a carrier does when
     * its call names a flow rather than a number (an Asterisk dialplan's {@code AGI(agi://…/hotline)}).
     */
    public void handle(CallLeg call, PublishedFlow flow) {
        CallRecorder recorder = writer.recorder(call.facts(), flow.id(), flow.version());
        call.addObserver(recorder);
        FlowListener listener = new FlowEndCause(recorder, call);
        try {
            interpreter.run(flow.flow(), call, listener);
        } catch (RuntimeException e) {
            log.error("call {}: flow {} v{} failed; playing the error prompt and hanging up", call.facts().callId(),
                    flow.id(), flow.version(), e);
            recorder.flowEnded("error");
            if (!call.isGone()) {
                call.play(List.of(ERROR_PROMPT), false);
            }
        } finally {
            call.hangup();
        }
    }
}
