package io.switchboard.admin.telephony;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Health component {@code sip}: up while the SIP listener is listening. */
public final class SipHealthIndicator implements HealthIndicator {

    private final SipListener listener;

    public SipHealthIndicator(SipListener listener) {
        this.listener = listener;
    }

    @Override
    public Health health() {
        Health.Builder health = listener.isListening() ? Health.up() : Health.down();
        return health.withDetail("listener", listener.address()).build();
    }
}
