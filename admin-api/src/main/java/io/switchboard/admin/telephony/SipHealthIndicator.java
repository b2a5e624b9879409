package io.switchboard.admin.telephony;

import io.switchboard.ivr.sip.SipCapacity;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code sip}: UP while the SIP listener listens and a call can be taken, OUT_OF_SERVICE while every
 * call slot is in use (new INVITEs get 503), DOWN once it stops listening. Details: the listener's address and the
 * calls active, allowed and free.
 */
public final class SipHealthIndicator implements HealthIndicator {

    private final SipListener listener;
    private final Supplier<SipCapacity> capacity;

    public SipHealthIndicator(SipListener listener, Supplier<SipCapacity> capacity) {
        this.listener = listener;
        this.capacity = capacity;
    }

    @Override
    public Health health() {
        SipCapacity now = capacity.get();
        Health.Builder health = !listener.isListening() ? Health.down()
                : now.exhausted() ? Health.outOfService() : Health.up();
        return health.withDetail("listener", listener.address())
                .withDetail("callsActive", now.used())
                .withDetail("callCapacity", now.capacity())
                .withDetail("callsFree", now.free())
                .build();
    }
}
