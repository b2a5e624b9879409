package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;

/** A hotline with no numbers: every INVITE that is not for an agent feature gets 404. */
enum RefusingHandler implements CallHandler {
    INSTANCE;

    @Override
    public boolean accepts(String dialed) {
        return false;
    }

    @Override
    public void handle(CallLeg call) {
        call.hangup();
    }
}
