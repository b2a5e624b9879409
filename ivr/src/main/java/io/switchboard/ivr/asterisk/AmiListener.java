package io.switchboard.ivr.asterisk;

import java.time.Instant;
import java.util.Set;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * What the AMI link tells the parts that follow Asterisk: every event, the link coming up (after the channel list
 * was reconciled) and going down. Called on Asterisk-Java's event thread: a listener must not send actions from it
 * and wait for the answer (it would wait for itself); it starts a virtual thread for that.
 */
interface AmiListener {

    /** An event as Asterisk sent it. */
    default void event(ManagerEvent event) {}

    /** The link is logged in, and {@code live} (unique ids) is every channel Asterisk had when asked at {@code asked}.
     */
    default void reconciled(Set<String> live, Instant asked) {}

    /** The link was lost; Asterisk-Java reconnects. */
    default void linkDown() {}
}
