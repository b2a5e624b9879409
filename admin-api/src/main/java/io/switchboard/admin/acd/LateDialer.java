package io.switchboard.admin.acd;

import io.switchboard.ivr.call.Dialer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The ACD's dialer, connected to the carrier once the carrier exists: the ACD starts first (the carrier's registrar
 * asks it about agents' phones), and the SIP endpoint, built next, provides the outbound calls. Until then every
 * dial fails at once with a reason, so nothing waits on a carrier that is not there.
 */
public final class LateDialer implements Dialer {

    private volatile Dialer carrier;

    public void connect(Dialer dialer) {
        this.carrier = dialer;
    }

    @Override
    public CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout) {
        Dialer d = carrier;
        return d == null ? CompletableFuture.completedFuture(new Dialled.Failed("no carrier connected yet"))
                : d.dial(target, callerId, context, ringTimeout);
    }
}
