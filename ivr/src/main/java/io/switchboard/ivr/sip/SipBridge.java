package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.CallLeg;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two calls on the built-in endpoint talking to each other: each one's RTP audio is relayed into the other's
 * outbound stream (transcoded when one chose PCMU and the other PCMA), and keys pressed on one (RFC 4733 or SIP
 * INFO) are sent to the other as RFC 4733 events. Neither plays prompts meanwhile. It ends when closed or when either
 * call ends; closing hangs up neither.
 */
final class SipBridge implements CallLeg.Bridge {

    private final SipCall a;
    private final SipCall b;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SipBridge(SipCall a, SipCall b) {
        this.a = a;
        this.b = b;
    }

    /** Bridges {@code a} and {@code b}; empty when either is gone, unanswered or already bridged. */
    static Optional<CallLeg.Bridge> open(SipCall a, SipCall b) {
        if (a == b) {
            return Optional.empty();
        }
        SipBridge bridge = new SipBridge(a, b);
        if (!a.join(bridge)) {
            return Optional.empty();
        }
        if (!b.join(bridge)) {
            a.leave(bridge);
            return Optional.empty();
        }
        if (!a.media().relayTo(b.media()) || !b.media().relayTo(a.media())) {
            bridge.close();
            return Optional.empty();
        }
        a.ended().whenComplete((end, e) -> bridge.close());
        b.ended().whenComplete((end, e) -> bridge.close());
        return Optional.of(bridge);
    }

    /** The other call of the bridge. */
    SipCall peerOf(SipCall call) {
        return call == a ? b : a;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        a.media().stopRelayTo(b.media());
        b.media().stopRelayTo(a.media());
        a.leave(this);
        b.leave(this);
    }
}
