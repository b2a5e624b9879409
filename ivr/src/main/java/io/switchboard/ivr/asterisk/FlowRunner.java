package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.flow.PublishedFlow;

/** Runs a chosen flow on a call to its end, recording it: on the server, {@code Hotline::handle}. */
@FunctionalInterface
public interface FlowRunner {

    /** Must not throw for anything the caller does. */
    void run(CallLeg call, PublishedFlow flow);
}
